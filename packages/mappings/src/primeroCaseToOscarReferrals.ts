import type { OscarUpsert } from '@primero-interop/oscar-client'
import type { PrimeroCase, PrimeroReferral, ServiceRow } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { MappingConfig } from './config/MappingConfig.js'
import { referralConsentHolds } from './consent.js'
import { parseInstant, toInstant } from './dates.js'
import { fail, issue, type MappingIssue, type MappingResult, ok } from './issues.js'
import {
  caseRecordId,
  oscarDateOfBirth,
  oscarLocation,
  oscarRiskLevel,
} from './primeroCaseFields.js'
import { rowPath, rowsOf, rowSubtype } from './rows.js'
import { knownOscarServiceName } from './services.js'
import { addAgencyHint, matchPattern, orEmpty, safeId, text } from './util.js'

/** A Primero case and its referrals (transitions), as flow 1 reads them. */
export interface CaseWithReferrals {
  readonly case: PrimeroCase
  readonly referrals: ReadonlyArray<PrimeroReferral>
}

/** Which referrals to send: those created at or after `since` (all when undefined). */
export interface OutboundReferralsOptions {
  readonly since: string | Date | undefined
}

/**
 * One service row referred to an NGO, ready for `POST /api/v1/organizations/clients/upsert`.
 * A row and NGO give one upsert however many `in_progress` referrals point at it (a
 * retried referral leaves two): key a ledger on `serviceRowId` and `organization`.
 */
export interface OutboundReferral {
  /**
   * The referral that stands for the row: of its new `in_progress` referrals that pass
   * consent, the newest by `created_at` (an unreadable one counts as oldest; on a tie,
   * the later in Primero's list). Its notes are the reason for referral.
   */
  readonly referralId: string
  /** Every new `in_progress` referral at this row and NGO, in Primero's order (`referralId` among them). */
  readonly referralIds: ReadonlyArray<string>
  /** The Primero case's record id (the `id` in its URL). */
  readonly caseId: string
  /** The `services_section` row the referral points at (its `unique_id`). */
  readonly serviceRowId: string
  /** The OSCaR organisation (NGO short name) it goes to: from this row's own agency. */
  readonly organization: string
  readonly payload: OscarUpsert
}

interface Eligible {
  readonly referral: PrimeroReferral
  /** The referral's index in the input, for issue paths. */
  readonly index: number
  readonly row: ServiceRow
  readonly rowIndex: number
  readonly organization: string
}

/** The new referrals at one row and NGO. */
interface RowGroup {
  readonly row: ServiceRow
  readonly rowIndex: number
  readonly organization: string
  readonly referrals: ReadonlyArray<Eligible>
}

/** The referrals grouped by row and NGO, in the order each group first appears. */
const byRow = (chosen: ReadonlyArray<Eligible>): ReadonlyArray<RowGroup> => {
  const groups = new Map<string, { first: Eligible; referrals: Eligible[] }>()
  for (const e of chosen) {
    const key = JSON.stringify([e.rowIndex, e.organization])
    const group = groups.get(key)
    if (group === undefined) groups.set(key, { first: e, referrals: [e] })
    else group.referrals.push(e)
  }
  return [...groups.values()].map(({ first, referrals }) => ({
    row: first.row,
    rowIndex: first.rowIndex,
    organization: first.organization,
    referrals,
  }))
}

/** The newest referral by `created_at`; unreadable counts as oldest; a tie goes to the later one. */
const newest = (referrals: ReadonlyArray<Eligible>): Eligible | undefined => {
  let best: { at: number; e: Eligible } | undefined
  for (const e of referrals) {
    const at = parseInstant(orEmpty(e.referral.created_at)) ?? Number.NEGATIVE_INFINITY
    if (best === undefined || at >= best.at) best = { at, e }
  }
  return best?.e
}

/** The notes of the newest referral of the case (by `created_at`), or `""`. */
const newestNotes = (referrals: ReadonlyArray<PrimeroReferral>): string => {
  let best: { at: number; notes: string } | undefined
  for (const r of referrals) {
    const at = parseInstant(orEmpty(r.created_at))
    if (at !== undefined && (best === undefined || at > best.at))
      best = { at, notes: orEmpty(r.notes) }
  }
  return best?.notes ?? ''
}

/** Picks the referrals to send, reporting those that cannot go. */
const eligible = (
  input: CaseWithReferrals,
  config: MappingConfig,
  since: number | undefined,
  warnings: MappingIssue[],
): ReadonlyArray<Eligible> => {
  const rows = rowsOf(input.case)
  const { idPattern, known } = config.agencies
  return input.referrals.flatMap((referral, i): Eligible[] => {
    if (referral.status !== 'in_progress') return []
    if (since !== undefined) {
      const at = parseInstant(orEmpty(referral.created_at))
      if (at === undefined) {
        warnings.push(
          issue(
            'INVALID_DATE',
            `referrals[${i}].created_at`,
            `referral ${referral.id}: created_at is not a timestamp; not sent`,
            referral.id,
          ),
        )
        return []
      }
      if (at < since) return []
    }
    const rowId = text(referral.service_record_id)
    const rowIndex = rowId === undefined ? -1 : rows.findIndex((r) => r.unique_id === rowId)
    const row = rows[rowIndex]
    if (row === undefined) {
      warnings.push(
        issue(
          'MISSING_SERVICE_ROW',
          `referrals[${i}].service_record_id`,
          `referral ${referral.id}: service_record_id ${safeId(rowId) ?? '(empty)'} names no row of case ${caseRecordId(input.case)}; not sent`,
          referral.id,
        ),
      )
      return []
    }
    if (row.service_response_type !== config.primero.serviceResponseTypes.referralToOscar) return []
    const agency = text(row.service_implementing_agency)
    const organization = agency === undefined ? undefined : matchPattern(idPattern, agency)
    if (organization === undefined || !known.includes(organization)) {
      warnings.push(
        issue(
          'UNKNOWN_AGENCY',
          rowPath(rowIndex, 'service_implementing_agency'),
          `referral ${referral.id}: implementing agency ${safeId(agency) ?? '(empty)'} is not a configured NGO; not sent; ${addAgencyHint(config.agencies, organization)}`,
          referral.id,
        ),
      )
      return []
    }
    return [{ referral, index: i, row, rowIndex, organization }]
  })
}

/**
 * Flow 1, output 1: one OSCaR upsert per service row referred to an NGO, however many new
 * referrals point at it: referrals `in_progress`, created at or after `since`, at a row of
 * response type `referral_to_oscar` whose implementing agency is a configured NGO. Each
 * upsert carries exactly one service and the organisation of its own row. Consent follows
 * Primero's rule per referral: the case gives it, or the referral records
 * `consent_overridden`. A row none of whose referrals passes is left out (`NO_CONSENT`,
 * a warning); when no row passes, the result is `NO_CONSENT` and nothing else. A referral
 * that cannot go is left out with a warning.
 *
 * @example
 * outboundReferrals({ case: c, referrals }, cambodia, { since: '2025-01-01T00:00:00Z' })
 * // right({ value: [{ referralId, referralIds, caseId, serviceRowId, organization: 'cif', payload }], warnings: [] })
 */
export const outboundReferrals = (
  input: CaseWithReferrals,
  config: MappingConfig,
  options: OutboundReferralsOptions,
): MappingResult<ReadonlyArray<OutboundReferral>> => {
  const c = input.case
  const since = options.since === undefined ? undefined : toInstant(options.since)
  if (options.since !== undefined && since === undefined) {
    return fail(issue('INVALID_DATE', 'since', 'options.since is not a timestamp'))
  }
  const warnings: MappingIssue[] = []
  const groups = byRow(eligible(input, config, since, warnings))
  if (groups.length === 0) return ok([], warnings)
  const consenting = groups.flatMap((g) => {
    const passing = g.referrals.filter((e) => referralConsentHolds(c, e.referral, config.consent))
    const representative = newest(passing)
    return representative === undefined ? [] : [{ ...g, representative }]
  })
  const noConsent = (): MappingIssue =>
    issue(
      'NO_CONSENT',
      'consent_for_services',
      `case ${caseRecordId(c)}: consent_for_services and disclosure_other_orgs are not both true and consent is not overridden; nothing sent`,
      caseRecordId(c),
    )
  if (consenting.length === 0) return fail(noConsent(), ...warnings)
  for (const g of groups) {
    if (consenting.some((k) => k.rowIndex === g.rowIndex && k.organization === g.organization))
      continue
    const last = g.referrals[g.referrals.length - 1]
    warnings.push(
      issue(
        'NO_CONSENT',
        `referrals[${last?.index ?? 0}].consent_overridden`,
        `case ${caseRecordId(c)}, row ${safeId(g.row.unique_id) ?? g.rowIndex}: no consent on the case and no referral to it overrides consent; not sent`,
        last?.referral.id,
      ),
    )
  }
  const caseId = text(c.case_id)
  if (caseId === undefined) {
    return fail(
      issue('MISSING_ID', 'case_id', `case record ${c.id}: no case_id; nothing sent`, c.id),
      ...warnings,
    )
  }
  const risk = oscarRiskLevel(c, config)
  const dob = oscarDateOfBirth(c)
  const location = oscarLocation(c)
  warnings.push(...risk.warnings, ...dob.warnings, ...location.warnings)
  const globalId = text(c.oscar_number)
  const agencyId = text(c.owned_by_agency_id)
  const fallbackReason = newestNotes(input.referrals)
  const referrals = consenting.map((g): OutboundReferral => {
    const { row, rowIndex, organization, representative } = g
    const referral = representative.referral
    const subtype = rowSubtype(row)
    const known = subtype === undefined ? undefined : knownOscarServiceName(subtype, config)
    if (known === undefined) {
      warnings.push(
        issue(
          'UNKNOWN_SERVICE',
          rowPath(rowIndex, 'service_subtype'),
          `referral ${referral.id}: service subtype ${subtype === undefined ? 'missing' : 'not in the taxonomy'}; sent '${config.placeholders.unknownServiceName}', which OSCaR will reject`,
          referral.id,
        ),
      )
    }
    const rowId = orEmpty(row.unique_id)
    const payload: OscarUpsert = {
      external_id: caseId,
      external_id_display: orEmpty(c.case_id_display),
      ...(globalId === undefined ? {} : { global_id: globalId }),
      level_of_risk: risk.value,
      mosvy_number: orEmpty(c.mosvy_number),
      given_name: orEmpty(c.name_first),
      family_name: orEmpty(c.name_last),
      gender: orEmpty(c.sex),
      date_of_birth: dob.value,
      location_current_village_code: location.value,
      address_current_village_code: location.value,
      reason_for_referral: text(referral.notes) ?? fallbackReason,
      external_case_worker_name: orEmpty(c.owned_by),
      external_case_worker_id: text(c['owned_by_id']) ?? orEmpty(c.owned_by),
      external_case_worker_mobile: text(c.owned_by_phone) ?? config.placeholders.caseWorkerMobile,
      is_referred: true,
      organization_name: organization,
      ...(agencyId === undefined ? {} : { organization_id: agencyId }),
      services: [{ uuid: rowId, name: known ?? config.placeholders.unknownServiceName }],
    }
    return {
      referralId: referral.id,
      referralIds: g.referrals.map((e) => e.referral.id),
      caseId: c.id,
      serviceRowId: rowId,
      organization,
      payload,
    }
  })
  return E.right({ value: referrals, warnings })
}
