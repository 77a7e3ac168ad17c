import type { OscarReferralStatusUpdate } from '@primero-interop/oscar-client'
import type { PrimeroCase } from '@primero-interop/primero-client'

import type { MappingConfig } from './config/MappingConfig.js'
import { fail, issue, type MappingIssue, type MappingResult, ok } from './issues.js'
import { caseRecordId } from './primeroCaseFields.js'
import { isShadowed, rowOscarReferralId, rowPath, rowsOf, rowStatusOption } from './rows.js'
import { lookup, orEmpty, safeId, text } from './util.js'

/**
 * Flow 1, output 2: MoSVY's decisions on NGO referrals, for OSCaR's `update_statuses`.
 * Only rows of response type `referral_from_oscar` that carry an OSCaR referral id and
 * a referral-status option of accepted or rejected are decisions (production defect 1:
 * its filter let every case through). `accepted → Accepted`, `rejected → Exited`, as the
 * status map says. Needs the case's `oscar_number` (`client_global_id`).
 *
 * @example
 * outboundDecisions(c, cambodia)
 * // right({ value: [{ client_global_id, referral_id: 1193, referral_status: 'Accepted', external_id, external_id_display }], warnings: [] })
 */
export const outboundDecisions = (
  c: PrimeroCase,
  config: MappingConfig,
): MappingResult<ReadonlyArray<OscarReferralStatusUpdate>> => {
  const { accepted, rejected } = config.primero.serviceReferralStatusOptions
  const warnings: MappingIssue[] = []
  const rows = rowsOf(c)
  const decided = rows.flatMap((row, i) => {
    if (isShadowed(rows, i)) return []
    if (row.service_response_type !== config.primero.serviceResponseTypes.referralFromOscar) {
      return []
    }
    const option = rowStatusOption(row, config)
    if (option !== accepted && option !== rejected) return []
    const status = lookup(config.statuses.primeroServiceStatusToOscar, option)
    const referralId = rowOscarReferralId(row, config)
    if (referralId === undefined || status === undefined) {
      warnings.push(
        issue(
          'MISSING_ID',
          rowPath(i, config.primero.fieldIds.serviceOscarReferralId),
          `case ${caseRecordId(c)}, row ${safeId(row.unique_id) ?? i}: decided but carries no OSCaR referral id; not sent`,
          text(row.unique_id) ?? caseRecordId(c),
        ),
      )
      return []
    }
    return [{ referralId, status }]
  })
  if (decided.length === 0) return ok([], warnings)
  const globalId = text(c.oscar_number)
  if (globalId === undefined) {
    return fail(
      issue(
        'MISSING_ID',
        'oscar_number',
        `case ${caseRecordId(c)}: decisions on OSCaR referrals but no oscar_number; nothing sent`,
        caseRecordId(c),
      ),
      ...warnings,
    )
  }
  const updates = decided.map(({ referralId, status }): OscarReferralStatusUpdate => ({
    client_global_id: globalId,
    referral_id: referralId,
    referral_status: status,
    external_id: orEmpty(c.case_id),
    external_id_display: orEmpty(c.case_id_display),
  }))
  return ok(updates, warnings)
}
