import type { MappingConfig } from '../config/MappingConfig.js'
import { issueCodeDescriptions } from '../issues.js'
import { toPrimeroService } from '../services.js'
import { fillPattern } from '../util.js'
import { code, table } from './markdown.js'

/** The service taxonomy, both directions, with the ambiguous names and their resolution. */
export const servicesSection = (c: MappingConfig): string => {
  const s = c.services
  const names = s.taxonomy.map((e) => e.oscarName)
  const ambiguous = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))]
  const rows = s.taxonomy.map((e) => {
    const inbound = toPrimeroService(e.oscarName, c).subtype === e.primeroSubtype
    return [
      code(e.primeroType),
      code(e.primeroSubtype),
      e.oscarName,
      inbound ? 'both' : 'to OSCaR only',
    ]
  })
  return [
    '## Services taxonomy',
    '',
    `Outbound, a row's first subtype gives the OSCaR name; inbound, the OSCaR name gives type and subtype. "to OSCaR only": the OSCaR name is shared, and inbound resolves to the other subtype.`,
    '',
    table(['Primero type', 'Primero subtype', 'OSCaR name', 'direction'], rows),
    '',
    '### Ambiguous OSCaR names',
    '',
    ambiguous.length === 0
      ? 'None: every OSCaR name stands for one subtype.'
      : table(
          ['OSCaR name', 'subtypes sharing it', 'inbound resolves to'],
          ambiguous.map((n) => [
            n,
            s.taxonomy
              .filter((e) => e.oscarName === n)
              .map((e) => code(e.primeroSubtype))
              .join(', '),
            code(toPrimeroService(n, c).subtype ?? ''),
          ]),
        ),
    '',
    '### Extra outbound names and fallbacks',
    '',
    table(
      ['case', 'result'],
      [
        ...Object.entries(s.outboundAliases).map(([k, v]) => [`subtype ${code(k)} (outbound)`, v]),
        [
          'missing or unknown subtype (outbound)',
          `${code(c.placeholders.unknownServiceName)}, reported`,
        ],
        [
          'unknown OSCaR name (inbound)',
          `type ${code(s.unknownInboundType)}, no subtype, details text = the name, reported`,
        ],
      ],
    ),
  ].join('\n')
}

/** Provinces and their users. */
export const provincesSection = (c: MappingConfig): string =>
  [
    '## Provinces and their Primero users',
    '',
    "Owner of a new referral from OSCaR: the user of the province named by the first two digits of the canonical location code (8, 6, 4 or 2 digits, or Primero's form without the leading zero).",
    '',
    table(
      ['code', 'province', 'Primero user'],
      c.provinces.map((p) => [code(p.code), p.name, code(p.primeroUser)]),
    ),
  ].join('\n')

/** Agencies (OSCaR organisations) and their Primero ids and users. */
export const agenciesSection = (c: MappingConfig): string =>
  [
    '## Agencies (NGOs)',
    '',
    `Primero agency id: ${code(c.agencies.idPattern)}; generic user: ${code(c.agencies.userPattern)}. Only these organisations receive referrals or own cases.`,
    '',
    table(
      ['OSCaR organisation', 'Primero agency', 'Primero user'],
      c.agencies.known.map((o) => [
        code(o),
        code(fillPattern(c.agencies.idPattern, o)),
        code(fillPattern(c.agencies.userPattern, o)),
      ]),
    ),
  ].join('\n')

const mapTable = (
  title: string,
  from: string,
  to: string,
  map: Readonly<Record<string, string>>,
): string =>
  [
    `### ${title}`,
    '',
    table(
      [from, to],
      Object.entries(map).map(([k, v]) => [code(k), code(v)]),
    ),
  ].join('\n')

/** The status maps and aliases. */
export const statusesSection = (c: MappingConfig): string => {
  const s = c.statuses
  const o = c.primero.serviceReferralStatusOptions
  return [
    '## Status maps',
    '',
    `Row referral-status options: pending ${code(o.pending)}, accepted ${code(o.accepted)}, rejected ${code(o.rejected)}. OSCaR statuses: ${s.oscarStatuses.map(code).join(', ')}; ${code(s.oscarUndecided)} means no decision yet. Every map is total over its domain.`,
    '',
    mapTable(
      'Row option to OSCaR (outbound decisions)',
      'row option',
      'OSCaR referral status',
      s.primeroServiceStatusToOscar,
    ),
    '',
    mapTable(
      'OSCaR to row option (inbound)',
      'OSCaR status',
      'row option',
      s.oscarToPrimeroServiceStatus,
    ),
    '',
    mapTable(
      'OSCaR to referral status (inbound decisions)',
      'OSCaR status',
      'Primero referral status',
      s.oscarToPrimeroReferralStatus,
    ),
    '',
    mapTable(
      'Row option to referral status',
      'row option',
      'Primero referral status',
      s.primeroServiceStatusToReferralStatus,
    ),
    '',
    mapTable('OSCaR status aliases (misspellings seen)', 'OSCaR sends', 'read as', s.oscarAliases),
  ].join('\n')
}

/** Risk levels, placeholders, consent policy and the instance's fields. */
export const settingsSection = (c: MappingConfig): string => {
  const p = c.primero
  return [
    '## Risk levels',
    '',
    table(
      ['Primero', 'OSCaR', 'direction'],
      [
        ...c.riskLevels.levels.map((l) => [code(l.primero), code(l.oscar), 'both']),
        ...Object.entries(c.riskLevels.outboundAtLeast ?? {}).map(([p, o]) => [
          code(p),
          code(o),
          'to OSCaR only: the nearest OSCaR level at least as high',
        ]),
      ],
    ),
    '',
    `Absent inbound: ${code(c.riskLevels.inboundDefault)}. Absent or unknown outbound: ${code(c.riskLevels.outboundDefault)} (unknown is reported). ${c.riskLevels.order === undefined ? 'No order of the levels is configured.' : `Primero's levels, lowest first: ${c.riskLevels.order.map(code).join(', ')}; no level goes out lower than a level below it (the configuration is refused otherwise).`} A case Primero referred keeps its own \`risk_level\`: OSCaR's is never written over it.`,
    '',
    '## Placeholders',
    '',
    table(
      ['placeholder', 'value', 'used for'],
      [
        [
          'case worker mobile',
          code(c.placeholders.caseWorkerMobile),
          'outbound `external_case_worker_mobile` when the owner has no phone',
        ],
        [
          'unknown service',
          code(c.placeholders.unknownServiceName),
          'outbound service name for a missing or unknown subtype',
        ],
      ],
    ),
    '',
    '## Consent policy',
    '',
    c.consent.required
      ? "Required (the default). Outbound, by Primero's own rule for a referral (`Transition#consent_given_or_overridden`): a referral leaves Primero when the case gives consent (`consent_for_services` and `disclosure_other_orgs` both true; in the GBV module `consent_for_services` alone; or `consent_overridden` on the case), or when the referral itself records `consent_overridden` (set when a user allowed to override consent made it). A row none of whose referrals passes is not sent and is reported by referral id; a case none of whose rows passes is reported by case id (`NO_CONSENT`)."
      : 'Not required: cases leave Primero without a consent check.',
    '',
    `Inbound: both consent fields are set to \`true\` only when OSCaR holds a consent form (\`referral_consent_form\`); otherwise they are left unset and the client is reported (\`NO_CONSENT_EVIDENCE\`).${c.consent.evidenceField === undefined ? '' : ` The number of forms is recorded in ${code(c.consent.evidenceField)}; the forms' URLs are never copied (a file name may identify the child).`}`,
    '',
    '## Instance fields and options',
    '',
    table(
      ['meaning', 'Primero id'],
      [
        ['module of cases from OSCaR', code(p.moduleId)],
        ['row: referral status', code(p.fieldIds.serviceReferralStatus)],
        ['row: OSCaR referral id', code(p.fieldIds.serviceOscarReferralId)],
        ['row: referral notes from OSCaR', code(p.fieldIds.serviceReferralNotesFromOscar)],
        ['row: OSCaR case worker name', code(p.fieldIds.serviceCaseWorkerName)],
        ['row: OSCaR case worker phone', code(p.fieldIds.serviceCaseWorkerPhone)],
        ['row: referring agency', code(p.fieldIds.serviceReferringAgency)],
        ['response type: referral to OSCaR', code(p.serviceResponseTypes.referralToOscar)],
        ['response type: referral from OSCaR', code(p.serviceResponseTypes.referralFromOscar)],
        [
          'response type: provided by an OSCaR partner',
          code(p.serviceResponseTypes.providedByOscarPartner),
        ],
      ],
    ),
  ].join('\n')
}

/** The issue codes a mapping may report. */
export const issuesSection = (): string =>
  [
    '## Issue codes',
    '',
    'Every problem with a record is reported with one of these codes, the field path and the record id; never with a value.',
    '',
    table(
      ['code', 'meaning'],
      Object.entries(issueCodeDescriptions).map(([k, v]) => [code(k), v]),
    ),
  ].join('\n')
