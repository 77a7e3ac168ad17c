import type { OscarClient } from '@primero-interop/oscar-client'
import type { CaseMatch, PrimeroCase, PrimeroCaseWrite } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { MappingConfig } from './config/MappingConfig.js'
import { ageAt, repairDateOfBirth } from './dates.js'
import { fail, issue, type MappingIssue, type MappingResult, ok } from './issues.js'
import {
  canonicalLocationCode,
  isLocationCode,
  primeroLocationCode,
  provinceOf,
} from './location.js'
import { isFromPrimero, oscarServicesToPrimeroRows } from './oscarServicesToPrimeroRows.js'
import { composeName, toPrimeroSex } from './people.js'
import { addAgencyHint, fillPattern, safeId, text } from './util.js'

/** The clock (an input, never read inside) and the stored case, when the sync found one. */
export interface InboundCaseOptions {
  readonly now: Date | string
  readonly existing?: PrimeroCase | undefined
}

/** An upsert into Primero: which case (exact keys) and what to write. */
export interface CaseUpsert {
  readonly match: CaseMatch
  readonly data: PrimeroCaseWrite
}

/**
 * The exact keys that find an OSCaR client's case in Primero: `case_id` = `external_id`
 * when set, else `oscar_number` = `global_id`; `undefined` without either. Look the case
 * up with these before `inboundCase`, and pass it as `existing`: a stored case needs no
 * owner, so an unknown province does not stop its update.
 *
 * @example
 * caseMatchOf({ global_id: 'G1', external_id: '' }) // { oscar_number: 'G1' }
 */
export const caseMatchOf = (client: OscarClient): CaseMatch | undefined => {
  const externalId = text(client.external_id)
  const gid = text(client.global_id)
  return externalId !== undefined
    ? { case_id: externalId }
    : gid === undefined
      ? undefined
      : { oscar_number: gid }
}

/** Primero's risk level from OSCaR's (`no action` → `no_action`; absent → the default). */
const primeroRiskLevel = (
  client: OscarClient,
  config: MappingConfig,
  warnings: MappingIssue[],
): string => {
  const raw = text(client.level_of_risk)?.trim()
  const { levels, inboundDefault } = config.riskLevels
  if (raw === undefined) return inboundDefault
  const level = levels.find((l) => l.oscar === raw || l.primero === raw)
  if (level !== undefined) return level.primero
  warnings.push(
    issue(
      'UNKNOWN_RISK_LEVEL',
      'level_of_risk',
      `client ${client.global_id}: level_of_risk is not in the risk table; wrote '${inboundDefault}'`,
      client.global_id,
    ),
  )
  return inboundDefault
}

/** The child's location code: the first of OSCaR's two location fields that is a code. */
export const childLocationCode = (client: OscarClient): string | undefined =>
  [client.location_current_village_code, client.address_current_village_code]
    .map(text)
    .find((code) => code !== undefined && isLocationCode(code))

/**
 * The owner of a new case: for a referral, the user of the child's province, or, when the
 * child has no usable location, of the NGO's address (`organization_address_code`, as the
 * production jobs did; reported `PROVINCE_FROM_NGO_ADDRESS`); else the agency user. A
 * child's own code that names an unconfigured province is not overridden by the NGO's.
 */
const owner = (
  client: OscarClient,
  config: MappingConfig,
  warnings: MappingIssue[],
): E.Either<MappingIssue, string> => {
  const gid = client.global_id
  if (client.is_referred === true) {
    const code = childLocationCode(client)
    const province = code === undefined ? undefined : provinceOf(code, config)
    if (province !== undefined) return E.right(province.primeroUser)
    if (code !== undefined) {
      const named = `province code ${canonicalLocationCode(code).slice(0, 2)} is not configured`
      return E.left(
        issue('UNKNOWN_PROVINCE', 'location_current_village_code', `client ${gid}: ${named}`, gid),
      )
    }
    const ngoCode = text(client.organization_address_code)
    const ngoProvince = ngoCode === undefined ? undefined : provinceOf(ngoCode, config)
    if (ngoCode !== undefined && ngoProvince !== undefined) {
      warnings.push(
        issue(
          'PROVINCE_FROM_NGO_ADDRESS',
          'organization_address_code',
          `client ${gid}: no usable location of the child; owner is the user of province ${ngoProvince.code}, from the NGO's address`,
          gid,
        ),
      )
      return E.right(ngoProvince.primeroUser)
    }
    return E.left(
      issue(
        'UNKNOWN_PROVINCE',
        'location_current_village_code',
        `client ${gid}: the location code is missing or not a code, and the NGO's address (organization_address_code) names no configured province`,
        gid,
      ),
    )
  }
  const org = text(client.organization_name)?.trim()
  if (org !== undefined && config.agencies.known.includes(org)) {
    return E.right(fillPattern(config.agencies.userPattern, org))
  }
  return E.left(
    issue(
      'UNKNOWN_AGENCY',
      'organization_name',
      `client ${gid}: organisation ${safeId(org) ?? '(empty)'} is not a configured NGO; ${addAgencyHint(config.agencies, org)}`,
      gid,
    ),
  )
}

/**
 * Flow 2, output 2: an OSCaR client as a Primero case upsert. Matches on `case_id` (the
 * client's `external_id`) when set, else on `oscar_number`. Always writes the OSCaR ids,
 * status, module and (referrals) risk level; consent only with evidence (a consent form
 * in OSCaR); names, sex, birth date, age, location and owner only for a case new to
 * Primero (no `external_id`, no stored case). One row per OSCaR service.
 *
 * @example
 * inboundCase(client, cambodia, { now: new Date('2025-06-01T00:00:00Z') })
 * // right({ value: { match: { oscar_number: client.global_id }, data: { … } }, warnings: [] })
 */
export const inboundCase = (
  client: OscarClient,
  config: MappingConfig,
  options: InboundCaseOptions,
): MappingResult<CaseUpsert> => {
  const gid = text(client.global_id)
  if (gid === undefined) return fail(issue('MISSING_ID', 'global_id', 'client without global_id'))
  const warnings: MappingIssue[] = []
  const externalId = text(client.external_id)
  const match: CaseMatch = caseMatchOf(client) ?? { oscar_number: gid }
  const isNew = externalId === undefined && options.existing === undefined
  const referred = client.is_referred === true
  const data: Record<string, unknown> = { oscar_number: gid, module_id: config.primero.moduleId }
  const copy: ReadonlyArray<[string, unknown]> = [
    ['oscar_short_id', client.slug],
    ['mosvy_number', client.mosvy_number],
    ['oscar_status', client.status],
    ['oscar_reason_for_exiting', client.reason_for_exiting],
  ]
  for (const [key, value] of copy) {
    const v = text(value)
    if (v !== undefined) data[key] = v
  }
  // Primero's own risk level of a case it referred is never overwritten by OSCaR's.
  if (referred && !isFromPrimero(client)) {
    data['risk_level'] = primeroRiskLevel(client, config, warnings)
  }
  const forms = (client.referral_consent_form ?? []).filter((f) => text(f) !== undefined).length
  if (forms > 0) {
    data['consent_for_services'] = true
    data['disclosure_other_orgs'] = true
  } else {
    warnings.push(
      issue(
        'NO_CONSENT_EVIDENCE',
        'referral_consent_form',
        `client ${gid}: no consent form in OSCaR; consent left unset in Primero`,
        gid,
      ),
    )
  }
  if (config.consent.evidenceField !== undefined) data[config.consent.evidenceField] = forms
  if (isNew) {
    const nameFirst = composeName(client.local_given_name, client.given_name)
    const nameLast = composeName(client.local_family_name, client.family_name)
    const sex = toPrimeroSex(client.gender)
    if (nameFirst !== undefined) data['name_first'] = nameFirst
    if (nameLast !== undefined) data['name_last'] = nameLast
    if (sex !== undefined) data['sex'] = sex
    const dob = text(client.date_of_birth)
    if (dob !== undefined) {
      const repaired = repairDateOfBirth(dob)
      if (E.isRight(repaired)) {
        data['date_of_birth'] = repaired.right
        data['age'] = ageAt(repaired.right, options.now)
      } else {
        warnings.push(
          issue(
            'INVALID_DATE',
            'date_of_birth',
            `client ${gid}: date_of_birth is not a calendar date, even repaired; left out`,
            gid,
          ),
        )
      }
    }
    const code = childLocationCode(client)
    if (code !== undefined) data['location_current'] = primeroLocationCode(code)
    // Each field read before the code used (or all, when none is a code) and not a code.
    for (const field of ['location_current_village_code', 'address_current_village_code']) {
      const raw = text(client[field])
      if (raw !== undefined && isLocationCode(raw)) break
      if (raw !== undefined) {
        warnings.push(
          issue('INVALID_LOCATION', field, `client ${gid}: ${field} is not a code; not used`, gid),
        )
      }
    }
    if (!isFromPrimero(client)) {
      const user = owner(client, config, warnings)
      if (E.isLeft(user)) return fail(user.left, ...warnings)
      data['owned_by'] = user.right
    }
    if (referred) {
      data['protection_status'] = config.primero.protectionStatusForOscarReferral
      data['interview_subject'] = config.primero.interviewSubjectForOscarReferral
    }
  }
  const rows = oscarServicesToPrimeroRows(client, config, options.existing, warnings)
  if (rows.length > 0) data['services_section'] = rows
  return ok({ match, data: data as PrimeroCaseWrite }, warnings)
}
