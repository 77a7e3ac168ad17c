import type { OscarClient } from '@primero-interop/oscar-client'
import type {
  PrimeroCase,
  PrimeroCaseWrite,
  PrimeroReferral,
  ServiceRow,
  ServiceRowWrite,
} from '@primero-interop/primero-client'

import type { MappingConfig } from './config/MappingConfig.js'
import { fail, issue, type MappingIssue, type MappingResult, ok } from './issues.js'
import { serviceReferralId } from './oscarServicesToPrimeroRows.js'
import { caseRecordId } from './primeroCaseFields.js'
import { isPendingRow, rowOscarReferralId, rowsOf, rowStatusOption, rowSubtype } from './rows.js'
import { entriesForOscarName } from './services.js'
import { isDecisionStatus, normaliseOscarStatus } from './statuses.js'
import { isLowercaseUuid, lookup, safeId, text } from './util.js'

/**
 * Whether an OSCaR client is an NGO's decision on a Primero referral (`'decision'`) or a
 * case to upsert (`'case'`): a decision when `resource` is `primero` (any case) and some
 * service carries a referral status other than the undecided one (after aliases).
 * Production defect 2: its test returned an array, always truthy.
 *
 * @example
 * classifyClient({ global_id: 'G', resource: 'primero', services: [{ name: 'x', referral_status: 'Accetped' }] }, cambodia)
 * // 'decision'
 */
export const classifyClient = (client: OscarClient, config: MappingConfig): 'decision' | 'case' =>
  text(client.resource)?.trim().toLowerCase() === 'primero' &&
  (client.services ?? []).some((s) => isDecisionStatus(s.referral_status, config))
    ? 'decision'
    : 'case'

/** A Primero referral to move out of `in_progress`. */
export interface ReferralUpdate {
  readonly referralId: string
  readonly status: 'accepted' | 'rejected'
}

/** What an NGO's decisions change in Primero. */
export interface InboundDecisions {
  readonly referralUpdates: ReadonlyArray<ReferralUpdate>
  /** The rows' referral-status options (and OSCaR referral ids); `undefined` if unchanged. */
  readonly casePatch: PrimeroCaseWrite | undefined
}

/** The row an NGO decision is about, by the lookup order of the specification. */
const findRow = (
  rows: ReadonlyArray<ServiceRow>,
  used: ReadonlySet<number>,
  referralId: number | undefined,
  subtypes: ReadonlyArray<string>,
  option: string,
  config: MappingConfig,
): number => {
  const toOscar = config.primero.serviceResponseTypes.referralToOscar
  const free = (i: number): boolean => !used.has(i)
  const open = (r: ServiceRow): boolean =>
    r.service_response_type === toOscar && isPendingRow(r, config)
  const byId = (r: ServiceRow, i: number): boolean =>
    free(i) && referralId !== undefined && rowOscarReferralId(r, config) === referralId
  const bySubtype = (r: ServiceRow, i: number): boolean =>
    free(i) && open(r) && subtypes.includes(rowSubtype(r) ?? '')
  const byEmpty = (r: ServiceRow, i: number): boolean =>
    free(i) && open(r) && rowSubtype(r) === undefined
  // Already applied on an earlier run (overlapping windows): a match, and a no-op.
  const applied = (r: ServiceRow, i: number): boolean =>
    free(i) &&
    r.service_response_type === toOscar &&
    rowStatusOption(r, config) === option &&
    subtypes.includes(rowSubtype(r) ?? '')
  for (const test of [byId, bySubtype, byEmpty, applied]) {
    const i = rows.findIndex(test)
    if (i >= 0) return i
  }
  return -1
}

/**
 * Flow 2, output 1: an NGO's decisions on Primero referrals. For each decided service,
 * the row: by OSCaR referral id, else same subtype with a pending (or unset) status and
 * response type `referral_to_oscar`, else an empty subtype with the same two conditions.
 * The referral at that row moves to `accepted`/`rejected` if it is still `in_progress`;
 * the row gets the matching option (and the OSCaR referral id). A decision that matches no
 * row is reported (`UNMATCHED_DECISION`), never dropped silently.
 *
 * @example
 * inboundDecisions(client, primeroCase, referrals, cambodia)
 * // right({ value: { referralUpdates: [{ referralId: 'ref-1', status: 'accepted' }], casePatch: { services_section: [...] } }, warnings: [] })
 */
export const inboundDecisions = (
  client: OscarClient,
  primeroCase: PrimeroCase,
  referrals: ReadonlyArray<PrimeroReferral>,
  config: MappingConfig,
): MappingResult<InboundDecisions> => {
  const gid = client.global_id
  const externalId = text(client.external_id)
  const sameCase =
    externalId === undefined
      ? text(primeroCase.oscar_number) === gid
      : text(primeroCase.case_id) === externalId
  if (!sameCase) {
    return fail(
      issue(
        'CASE_MISMATCH',
        externalId === undefined ? 'global_id' : 'external_id',
        `client ${safeId(gid) ?? '(invalid id)'}: case ${caseRecordId(primeroCase)} is not the case it names`,
        safeId(gid),
      ),
    )
  }
  const rows = rowsOf(primeroCase)
  const fieldIds = config.primero.fieldIds
  const warnings: MappingIssue[] = []
  const used = new Set<number>()
  const referralUpdates: ReferralUpdate[] = []
  const patches: ServiceRowWrite[] = []
  ;(client.services ?? []).forEach((s, i) => {
    if (!isDecisionStatus(s.referral_status, config)) return
    const status = normaliseOscarStatus(s.referral_status, config)
    const outcome =
      status === undefined
        ? undefined
        : lookup(config.statuses.oscarToPrimeroReferralStatus, status)
    const option =
      status === undefined ? undefined : lookup(config.statuses.oscarToPrimeroServiceStatus, status)
    if (outcome === undefined || outcome === 'in_progress' || option === undefined) {
      warnings.push(
        issue(
          'UNKNOWN_STATUS',
          `services[${i}].referral_status`,
          `client ${gid}: service ${i} referral_status is not a decision the status maps know`,
          gid,
        ),
      )
      return
    }
    const referralId = serviceReferralId(s)
    const subtypes = entriesForOscarName(s.name, config).map((e) => e.primeroSubtype)
    const at = findRow(rows, used, referralId, subtypes, option, config)
    const row = rows[at]
    if (row === undefined) {
      warnings.push(
        issue(
          'UNMATCHED_DECISION',
          `services[${i}]`,
          `client ${gid}: decision on service ${i}${referralId === undefined ? '' : ` (OSCaR referral ${referralId})`} matches no row of case ${caseRecordId(primeroCase)}`,
          gid,
        ),
      )
      return
    }
    used.add(at)
    const rowId = text(row.unique_id)
    const referral = referrals.find(
      (r) => r.status === 'in_progress' && rowId !== undefined && r.service_record_id === rowId,
    )
    if (referral !== undefined) referralUpdates.push({ referralId: referral.id, status: outcome })
    const patch: Record<string, unknown> = {}
    if (rowStatusOption(row, config) !== option) patch[fieldIds.serviceReferralStatus] = option
    if (referralId !== undefined && rowOscarReferralId(row, config) === undefined) {
      patch[fieldIds.serviceOscarReferralId] = String(referralId)
    }
    if (Object.keys(patch).length === 0) return
    if (!isLowercaseUuid(rowId)) {
      warnings.push(
        issue(
          'INVALID_ROW_ID',
          `services_section[${at}].unique_id`,
          `case ${caseRecordId(primeroCase)}: row ${at} has no lowercase uuid unique_id; its status is not written`,
          caseRecordId(primeroCase),
        ),
      )
      return
    }
    patches.push({ unique_id: rowId, ...patch } as ServiceRowWrite)
  })
  const casePatch: PrimeroCaseWrite | undefined =
    patches.length === 0 ? undefined : { services_section: patches }
  return ok({ referralUpdates, casePatch }, warnings)
}
