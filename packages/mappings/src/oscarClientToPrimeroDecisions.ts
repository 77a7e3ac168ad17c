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
import {
  isPendingRow,
  isShadowed,
  rowOscarReferralId,
  rowsOf,
  rowStatusOption,
  rowSubtype,
} from './rows.js'
import { entriesForOscarName } from './services.js'
import { isDecisionStatus, normaliseOscarStatus } from './statuses.js'
import { fillPattern, isLowercaseUuid, lookup, safeId, text } from './util.js'

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
  /**
   * What changes in the case, `undefined` if nothing: the rows' referral-status options
   * and OSCaR referral ids; on accepted rows the NGO's case worker name and phone, the
   * referring agency and OSCaR's referral notes; and the case's `oscar_status` and
   * `oscar_reason_for_exiting` from the client. Only values that differ from the case given.
   */
  readonly casePatch: PrimeroCaseWrite | undefined
}

/** The entries of `wanted` that have a value and differ from `current`'s. */
const changed = (
  current: Readonly<Record<string, unknown>>,
  wanted: Readonly<Record<string, string | undefined>>,
): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(wanted)) {
    if (value !== undefined && current[key] !== value) out[key] = value
  }
  return out
}

/** What identifies the row an NGO decision is about. */
interface DecisionKey {
  readonly referralId: number | undefined
  /** The subtypes the OSCaR service name stands for (two for an ambiguous name). */
  readonly subtypes: ReadonlyArray<string>
  /** The row option the decision sets. */
  readonly option: string
  /** The deciding NGO's Primero agency id, when it is a configured NGO. */
  readonly agencyId: string | undefined
}

/**
 * The row an NGO decision is about, by the lookup order of the specification: OSCaR
 * referral id (on a row of the same service: one referral may carry several); else the same subtype, awaiting a decision and referred to OSCaR; else an
 * empty subtype, same conditions. "Awaiting a decision" is a pending or unset option, or
 * this very decision already applied: then a re-read of the decision (OSCaR's windows
 * overlap) finds the rows it found the first time and changes nothing. Past the id step, a
 * row carrying another OSCaR referral id is not a candidate (it is another referral's),
 * and a row referred to another NGO never is: a child may be referred to two.
 */
const findRow = (
  rows: ReadonlyArray<ServiceRow>,
  used: ReadonlySet<number>,
  key: DecisionKey,
  config: MappingConfig,
): number => {
  const toOscar = config.primero.serviceResponseTypes.referralToOscar
  const candidate = (r: ServiceRow, i: number): boolean => {
    const agency = text(r.service_implementing_agency)
    return (
      !used.has(i) &&
      !isShadowed(rows, i) &&
      (agency === undefined || key.agencyId === undefined || agency === key.agencyId)
    )
  }
  const awaiting = (r: ServiceRow): boolean => {
    if (r.service_response_type !== toOscar) return false
    const id = rowOscarReferralId(r, config)
    const unclaimed = id === undefined || key.referralId === undefined || id === key.referralId
    return unclaimed && (isPendingRow(r, config) || rowStatusOption(r, config) === key.option)
  }
  // One OSCaR referral may carry several services, each its own row with the same id:
  // the id finds the row of this service (its subtype, or a row without one).
  const sameService = (r: ServiceRow): boolean => {
    const subtype = rowSubtype(r)
    return subtype === undefined || key.subtypes.length === 0 || key.subtypes.includes(subtype)
  }
  const tests: ReadonlyArray<(r: ServiceRow) => boolean> = [
    (r) =>
      key.referralId !== undefined &&
      rowOscarReferralId(r, config) === key.referralId &&
      sameService(r),
    (r) => awaiting(r) && key.subtypes.includes(rowSubtype(r) ?? ''),
    (r) => awaiting(r) && rowSubtype(r) === undefined,
  ]
  for (const test of tests) {
    const i = rows.findIndex((r, j) => candidate(r, j) && test(r))
    if (i >= 0) return i
  }
  return -1
}

/**
 * Flow 2, output 1: an NGO's decisions on Primero referrals. For each decided service,
 * the row: by OSCaR referral id, else same subtype with a pending (or unset) status and
 * response type `referral_to_oscar`, else an empty subtype with the same two conditions.
 * Every referral at that row still `in_progress` moves to `accepted`/`rejected`;
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
  const org = text(client.organization_name)?.trim()
  const agencyId =
    org !== undefined && config.agencies.known.includes(org)
      ? fillPattern(config.agencies.idPattern, org)
      : undefined
  // On the row of an accepted referral: the NGO's case worker, the referring NGO and its
  // notes, as the production jobs wrote them (only values OSCaR has, only when changed).
  const acceptedRowFields = {
    [fieldIds.serviceCaseWorkerName]: text(client.case_worker_name),
    [fieldIds.serviceCaseWorkerPhone]: text(client.case_worker_mobile),
    [fieldIds.serviceReferringAgency]: agencyId,
    [fieldIds.serviceReferralNotesFromOscar]: text(client.reason_for_referral),
  }
  const warnings: MappingIssue[] = []
  const used = new Set<number>()
  const referralUpdates: ReferralUpdate[] = []
  const patches: ServiceRowWrite[] = []
  // Decisions carrying a referral id first: they name their row; the others take what is left.
  const services = (client.services ?? []).map((s, i) => ({ s, i }))
  const ordered = [
    ...services.filter(({ s }) => serviceReferralId(s) !== undefined),
    ...services.filter(({ s }) => serviceReferralId(s) === undefined),
  ]
  ordered.forEach(({ s, i }) => {
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
    const at = findRow(rows, used, { referralId, subtypes, option, agencyId }, config)
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
    // Every open referral at the row moves (a retried referral may have left two).
    for (const r of referrals) {
      const open =
        r.status === 'in_progress' &&
        rowId !== undefined &&
        r.service_record_id === rowId &&
        // A referral without an id cannot be updated (its URL would name none).
        r.id.trim() !== ''
      if (open && !referralUpdates.some((u) => u.referralId === r.id)) {
        referralUpdates.push({ referralId: r.id, status: outcome })
      }
    }
    const patch: Record<string, unknown> = {}
    if (rowStatusOption(row, config) !== option) patch[fieldIds.serviceReferralStatus] = option
    if (referralId !== undefined && rowOscarReferralId(row, config) === undefined) {
      patch[fieldIds.serviceOscarReferralId] = String(referralId)
    }
    if (outcome === 'accepted') Object.assign(patch, changed(row, acceptedRowFields))
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
  const caseFields = changed(primeroCase, {
    oscar_status: text(client.status),
    oscar_reason_for_exiting: text(client.reason_for_exiting),
  })
  const casePatch: PrimeroCaseWrite | undefined =
    patches.length === 0 && Object.keys(caseFields).length === 0
      ? undefined
      : ({
          ...caseFields,
          ...(patches.length === 0 ? {} : { services_section: patches }),
        } as PrimeroCaseWrite)
  return ok({ referralUpdates, casePatch }, warnings)
}
