import * as E from 'fp-ts/lib/Either.js'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'

import { type Check, type ConfigError, configError, duplicates, has } from './checks.js'
import { errorPath, joinPath } from './configPath.js'
import { MappingConfig } from './MappingConfig.js'
import { riskLevels } from './riskChecks.js'

export type { ConfigError } from './checks.js'

const nonEmpty: Check = (c, errors) => {
  const required: ReadonlyArray<[string, ReadonlyArray<string | number>]> = [
    [c.name, ['name']],
    [c.primero.moduleId, ['primero', 'moduleId']],
    ...Object.entries(c.primero.fieldIds).map(([k, v]): [string, ReadonlyArray<string>] => [
      v,
      ['primero', 'fieldIds', k],
    ]),
    ...Object.entries(c.primero.serviceResponseTypes).map(
      ([k, v]): [string, ReadonlyArray<string>] => [v, ['primero', 'serviceResponseTypes', k]],
    ),
    ...Object.entries(c.primero.serviceReferralStatusOptions).map(
      ([k, v]): [string, ReadonlyArray<string>] => [
        v,
        ['primero', 'serviceReferralStatusOptions', k],
      ],
    ),
    [c.services.unknownInboundType, ['services', 'unknownInboundType']],
    [c.placeholders.caseWorkerMobile, ['placeholders', 'caseWorkerMobile']],
    [c.placeholders.unknownServiceName, ['placeholders', 'unknownServiceName']],
  ]
  for (const [value, path] of required) {
    if (value.trim() === '') errors.push(configError(joinPath(...path), 'must not be empty'))
  }
  if (duplicates(Object.values(c.primero.serviceResponseTypes)).length > 0) {
    errors.push(configError('primero.serviceResponseTypes', 'response types must differ'))
  }
  if (duplicates(Object.values(c.primero.serviceReferralStatusOptions)).length > 0) {
    errors.push(configError('primero.serviceReferralStatusOptions', 'option ids must differ'))
  }
}

const agencies: Check = (c, errors) => {
  for (const key of ['idPattern', 'userPattern'] as const) {
    if (c.agencies[key].split('{organization}').length !== 2) {
      errors.push(
        configError(joinPath('agencies', key), 'must contain {organization} exactly once'),
      )
    }
  }
  c.agencies.known.forEach((org, i) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(org)) {
      errors.push(configError(joinPath('agencies', 'known', i), 'not an organisation short name'))
    }
  })
  duplicates(c.agencies.known).forEach((i) =>
    errors.push(configError(joinPath('agencies', 'known', i), 'duplicate organisation')),
  )
}

const provinces: Check = (c, errors) => {
  c.provinces.forEach((p, i) => {
    if (!/^\d{2}$/.test(p.code)) {
      errors.push(configError(joinPath('provinces', i, 'code'), 'must be two digits'))
    }
    if (p.primeroUser.trim() === '') {
      errors.push(configError(joinPath('provinces', i, 'primeroUser'), 'must not be empty'))
    }
  })
  duplicates(c.provinces.map((p) => p.code)).forEach((i) =>
    errors.push(
      configError(joinPath('provinces', i, 'code'), 'duplicate province code: one entry per code'),
    ),
  )
}

const services: Check = (c, errors) => {
  const { taxonomy, inboundResolutions, outboundAliases } = c.services
  taxonomy.forEach((s, i) => {
    for (const key of ['primeroType', 'primeroSubtype', 'oscarName'] as const) {
      if (s[key].trim() === '') {
        errors.push(configError(joinPath('services', 'taxonomy', i, key), 'must not be empty'))
      }
    }
  })
  duplicates(taxonomy.map((s) => s.primeroSubtype)).forEach((i) =>
    errors.push(
      configError(joinPath('services', 'taxonomy', i, 'primeroSubtype'), 'duplicate subtype'),
    ),
  )
  const names = taxonomy.map((s) => s.oscarName)
  const ambiguous = new Set(names.filter((n, i) => names.indexOf(n) !== i))
  taxonomy.forEach((s, i) => {
    if (ambiguous.has(s.oscarName) && !has(inboundResolutions, s.oscarName)) {
      errors.push(
        configError(
          joinPath('services', 'taxonomy', i, 'oscarName'),
          'OSCaR name shared by several subtypes: add it to services.inboundResolutions',
        ),
      )
    }
  })
  for (const [name, subtype] of Object.entries(inboundResolutions)) {
    const path = joinPath('services', 'inboundResolutions', name)
    if (!ambiguous.has(name)) {
      errors.push(configError(path, 'resolves a name that is not ambiguous'))
    } else if (!taxonomy.some((s) => s.oscarName === name && s.primeroSubtype === subtype)) {
      errors.push(configError(path, 'must be one of the subtypes that share this name'))
    }
  }
  for (const [subtype, name] of Object.entries(outboundAliases)) {
    const path = joinPath('services', 'outboundAliases', subtype)
    if (taxonomy.some((s) => s.primeroSubtype === subtype)) {
      errors.push(configError(path, 'subtype already in the taxonomy'))
    }
    if (!names.includes(name)) errors.push(configError(path, 'not an OSCaR name of the taxonomy'))
  }
}

/** A map is total over `domain`, has no other key, and its values lie in `codomain`. */
const totalMap = (
  errors: ConfigError[],
  path: ReadonlyArray<string>,
  map: Readonly<Record<string, string>>,
  domain: ReadonlyArray<string>,
  codomain?: ReadonlyArray<string>,
): void => {
  for (const key of domain) {
    if (!has(map, key))
      errors.push(configError(joinPath(...path, key), 'missing: map is not total'))
  }
  for (const [key, value] of Object.entries(map)) {
    if (!domain.includes(key)) {
      errors.push(configError(joinPath(...path, key), 'not a declared status or option'))
    } else if (codomain !== undefined && !codomain.includes(value)) {
      errors.push(configError(joinPath(...path, key), 'maps to an undeclared value'))
    }
  }
}

const statuses: Check = (c, errors) => {
  const s = c.statuses
  const options = Object.values(c.primero.serviceReferralStatusOptions)
  duplicates(s.oscarStatuses).forEach((i) =>
    errors.push(configError(joinPath('statuses', 'oscarStatuses', i), 'duplicate status')),
  )
  if (!s.oscarStatuses.includes(s.oscarUndecided)) {
    errors.push(configError('statuses.oscarUndecided', 'not one of statuses.oscarStatuses'))
  }
  for (const [alias, target] of Object.entries(s.oscarAliases)) {
    const path = joinPath('statuses', 'oscarAliases', alias)
    if (s.oscarStatuses.includes(alias)) errors.push(configError(path, 'alias is a status'))
    if (!s.oscarStatuses.includes(target)) errors.push(configError(path, 'target not declared'))
  }
  const p = ['statuses']
  totalMap(errors, [...p, 'primeroServiceStatusToOscar'], s.primeroServiceStatusToOscar, options)
  totalMap(
    errors,
    [...p, 'oscarToPrimeroServiceStatus'],
    s.oscarToPrimeroServiceStatus,
    s.oscarStatuses,
    options,
  )
  totalMap(
    errors,
    [...p, 'oscarToPrimeroReferralStatus'],
    s.oscarToPrimeroReferralStatus,
    s.oscarStatuses,
  )
  totalMap(
    errors,
    [...p, 'primeroServiceStatusToReferralStatus'],
    s.primeroServiceStatusToReferralStatus,
    options,
  )
  const opts = c.primero.serviceReferralStatusOptions
  const expect: ReadonlyArray<[string, string, string]> = [
    [opts.pending, 'in_progress', 'the pending option must mean in_progress'],
    [opts.accepted, 'accepted', 'the accepted option must mean accepted'],
    [opts.rejected, 'rejected', 'the rejected option must mean rejected'],
  ]
  for (const [option, outcome, message] of expect) {
    const actual = has(s.primeroServiceStatusToReferralStatus, option)
      ? s.primeroServiceStatusToReferralStatus[option]
      : outcome
    if (actual !== outcome) {
      errors.push(
        configError(joinPath(...p, 'primeroServiceStatusToReferralStatus', option), message),
      )
    }
  }
}

const consent: Check = (c, errors) => {
  if (c.consent.evidenceField !== undefined && c.consent.evidenceField.trim() === '') {
    errors.push(configError('consent.evidenceField', 'must not be empty when present'))
  }
}

/** Every rule a decoded configuration must also satisfy, in report order. */
const checks: ReadonlyArray<Check> = [
  nonEmpty,
  agencies,
  provinces,
  services,
  statuses,
  riskLevels,
  consent,
]

/** The rule violations of a decoded configuration (empty when it is valid). */
export const validateMappingConfig = (config: MappingConfig): ReadonlyArray<ConfigError> => {
  const errors: ConfigError[] = []
  for (const check of checks) check(config, errors)
  return errors
}

/**
 * Decodes and validates a mapping configuration (parsed JSON). Errors point at JSON
 * paths; none quotes a value.
 *
 * @example
 * parseMappingConfig(JSON.parse(fs.readFileSync('mapping.json', 'utf8')))
 * // left([{ _tag: 'ConfigError', path: 'provinces[18].code', message: 'duplicate province code: …' }])
 */
export const parseMappingConfig = (
  json: unknown,
): E.Either<NonEmptyArray<ConfigError>, MappingConfig> => {
  const decoded = MappingConfig.decode(json)
  if (E.isLeft(decoded)) {
    const paths = [...new Set(decoded.left.map(errorPath))]
    const errors = paths
      .filter(
        (p) => !paths.some((q) => q !== p && q.startsWith(p) && /^[.[]/.test(q.slice(p.length))),
      )
      .map((p) => configError(p, 'missing or of the wrong type'))
    const [first, ...rest] = errors
    return E.left(
      first === undefined ? [configError('', 'not a mapping configuration')] : [first, ...rest],
    )
  }
  const [first, ...rest] = validateMappingConfig(decoded.right)
  return first === undefined ? E.right(decoded.right) : E.left([first, ...rest])
}
