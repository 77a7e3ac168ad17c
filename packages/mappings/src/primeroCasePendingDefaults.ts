import type {
  PrimeroCase,
  PrimeroCaseWrite,
  ServiceRowWrite,
} from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { MappingConfig } from './config/MappingConfig.js'
import { issue, type MappingIssue, type MappingResult, ok } from './issues.js'
import { caseRecordId } from './primeroCaseFields.js'
import { isShadowed, rowPath, rowsOf, rowStatusOption } from './rows.js'
import { isLowercaseUuid } from './util.js'

/**
 * Flow 2, step 3: the patch that marks every `referral_from_oscar` row without a
 * referral-status option as pending, so MoSVY sees it awaiting a decision. `undefined`
 * when there is nothing to do: applying the patch and running again gives `undefined`.
 *
 * @example
 * pendingDefaults(c, cambodia)
 * // right({ value: { services_section: [{ unique_id, referral_status_edf41f2: 'pending_310366' }] }, warnings: [] })
 */
export const pendingDefaults = (
  c: PrimeroCase,
  config: MappingConfig,
): MappingResult<PrimeroCaseWrite | undefined> => {
  const field = config.primero.fieldIds.serviceReferralStatus
  const warnings: MappingIssue[] = []
  const rows = rowsOf(c)
  const patches = rows.flatMap((row, i): ServiceRowWrite[] => {
    if (isShadowed(rows, i)) return []
    if (row.service_response_type !== config.primero.serviceResponseTypes.referralFromOscar) {
      return []
    }
    if (rowStatusOption(row, config) !== undefined) return []
    if (!isLowercaseUuid(row.unique_id)) {
      warnings.push(
        issue(
          'INVALID_ROW_ID',
          rowPath(i, 'unique_id'),
          `case ${caseRecordId(c)}: row ${i} has no lowercase uuid unique_id; not marked pending`,
          caseRecordId(c),
        ),
      )
      return []
    }
    return [
      { unique_id: row.unique_id, [field]: config.primero.serviceReferralStatusOptions.pending },
    ]
  })
  return ok(patches.length === 0 ? undefined : { services_section: patches }, warnings)
}

/**
 * A new case's data with the pending default already on its rows: what `pendingDefaults`
 * would PATCH right after the create, sent with the create instead (a case not yet stored
 * holds no decision to keep, so the PATCH's re-read before writing has nothing to guard).
 * Only the referral-status field of the rows `pendingDefaults` names changes, and
 * `pendingDefaults` of the result has nothing left to do.
 *
 * @example
 * withPendingDefaults(inboundCase(client, cambodia).right.value.data, cambodia)
 */
export const withPendingDefaults = (
  data: PrimeroCaseWrite,
  config: MappingConfig,
): PrimeroCaseWrite => {
  const rows = data.services_section
  if (rows === undefined) return data
  const result = pendingDefaults({ ...data, id: data.id ?? '', services_section: rows }, config)
  const patches = E.isRight(result) ? (result.right.value?.services_section ?? []) : []
  if (patches.length === 0) return data
  const field = config.primero.fieldIds.serviceReferralStatus
  const pending = new Map(patches.map((p) => [p.unique_id, p[field]]))
  return {
    ...data,
    services_section: rows.map((row, i) =>
      pending.has(row.unique_id) && !isShadowed(rows, i)
        ? { ...row, [field]: pending.get(row.unique_id) }
        : row,
    ),
  }
}
