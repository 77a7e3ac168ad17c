import type { OscarLinkUpdate } from '@primero-interop/oscar-client'
import type { PrimeroCase } from '@primero-interop/primero-client'

import type { MappingConfig } from './config/MappingConfig.js'
import { fail, issue, type MappingResult, ok } from './issues.js'
import { rowsOf } from './rows.js'
import { orEmpty, text } from './util.js'

/**
 * Flow 1, output 3: a case OSCaR shared for visibility (it has an `oscar_number` and no
 * `referral_to_oscar` row) tells OSCaR its Primero id, for `update_links`. `undefined`
 * for any other case.
 *
 * @example
 * outboundLink({ id: 'r1', case_id: 'c1', case_id_display: 'c1d', oscar_number: 'G1' }, cambodia)
 * // right({ value: { global_id: 'G1', external_id: 'c1', external_id_display: 'c1d', is_referred: false }, warnings: [] })
 */
export const outboundLink = (
  c: PrimeroCase,
  config: MappingConfig,
): MappingResult<OscarLinkUpdate | undefined> => {
  const globalId = text(c.oscar_number)
  const referredToOscar = rowsOf(c).some(
    (row) => row.service_response_type === config.primero.serviceResponseTypes.referralToOscar,
  )
  if (globalId === undefined || referredToOscar) return ok(undefined)
  const caseId = text(c.case_id)
  if (caseId === undefined) {
    return fail(issue('MISSING_ID', 'case_id', `case record ${c.id}: no case_id to link`, c.id))
  }
  return ok({
    global_id: globalId,
    external_id: caseId,
    external_id_display: orEmpty(c.case_id_display),
    is_referred: false,
  })
}
