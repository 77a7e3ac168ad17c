import type { OscarClient } from '@primero-interop/oscar-client'
import type { PrimeroCaseWrite } from '@primero-interop/primero-client'

import type { MappingConfig } from './config/MappingConfig.js'
import { fail, issue, type MappingResult, ok } from './issues.js'
import type { CaseUpsert } from './oscarClientToPrimeroCase.js'
import { safeId, text } from './util.js'

/**
 * Flow 0: OSCaR's ids back to the Primero case a client came from. A client carrying an
 * `external_id` (a Primero case id) gives the update of that case with `oscar_number`,
 * `oscar_short_id` and `mosvy_number` (each only when OSCaR has it); any other client
 * gives `undefined`. The configuration is accepted for symmetry and not needed.
 *
 * @example
 * idBackfill({ global_id: 'G1', external_id: 'c1', slug: 'abcd-1' })
 * // right({ value: { match: { case_id: 'c1' }, data: { oscar_number: 'G1', oscar_short_id: 'abcd-1' } }, warnings: [] })
 */
export const idBackfill = (
  client: OscarClient,
  _config?: MappingConfig,
): MappingResult<CaseUpsert | undefined> => {
  const externalId = text(client.external_id)
  if (externalId === undefined) return ok(undefined)
  const gid = text(client.global_id)
  if (gid === undefined) {
    return fail(
      issue(
        'MISSING_ID',
        'global_id',
        `client for case ${safeId(externalId) ?? '(invalid id)'}: no global_id`,
        safeId(externalId),
      ),
    )
  }
  const data: Record<string, unknown> = { oscar_number: gid }
  const slug = text(client.slug)
  const mosvy = text(client.mosvy_number)
  if (slug !== undefined) data['oscar_short_id'] = slug
  if (mosvy !== undefined) data['mosvy_number'] = mosvy
  return ok({ match: { case_id: externalId }, data: data as PrimeroCaseWrite })
}
