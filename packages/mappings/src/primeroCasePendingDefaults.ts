import type {
  PrimeroCase,
  PrimeroCaseWrite,
  ServiceRowWrite,
} from '@primero-interop/primero-client'

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
