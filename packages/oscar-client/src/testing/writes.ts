import type { FakeAnswer, FakeReferralStatus, Store } from './store.js'
import { errorPage, RECORD_ERROR, RECORD_SAVED } from './store.js'

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const dataOf = (body: unknown): unknown[] | undefined => {
  const data = isRecord(body) ? body['data'] : undefined
  return Array.isArray(data) ? data : undefined
}

/**
 * `PUT …/clients/update_links`: writes the Primero ids onto every child with the item's
 * `global_id`; unknown ids are skipped silently; `updated_at` is NOT touched (the change
 * never shows in the next read). Missing `data` → 500.
 */
export const updateLinks = (store: Store, body: unknown): FakeAnswer => {
  const data = dataOf(body)
  if (data === undefined) return errorPage(500)
  for (const item of data) {
    if (!isRecord(item) || typeof item['global_id'] !== 'string') continue
    for (const client of store.clientsWithGlobalId(item['global_id'])) {
      for (const key of ['external_id', 'external_id_display'])
        if (typeof item[key] === 'string') client[key] = item[key]
      if (typeof item['is_referred'] === 'boolean') client['is_referred'] = item['is_referred']
    }
  }
  return { status: 200, json: { message: RECORD_SAVED } }
}

const STATUSES: ReadonlyArray<string> = ['Accepted', 'Exited', 'Referred', 'Active']

const failure = (reason: string): FakeAnswer => ({
  status: 422,
  json: { error: reason, message: RECORD_ERROR },
})

/**
 * `PUT …/referrals/update_statuses`: item by item, NOT transactional (items before a
 * failing one stay written). Each applied item sets the referral's status and its
 * client's service `referral_status`, and bumps the client's `updated_at`.
 */
export const updateStatuses = (store: Store, body: unknown): FakeAnswer => {
  const data = dataOf(body)
  if (data === undefined) return errorPage(500)
  for (const item of data) {
    const fields = isRecord(item) ? item : {}
    const referralId = Number(fields['referral_id'])
    const row = store.referrals.get(referralId)
    if (row === undefined)
      return failure(`Couldn't find Referral with 'id'=${String(fields['referral_id'])}`)
    const client = store.findClient(row.organization, String(fields['client_global_id']))
    if (client === undefined) return failure("Couldn't find Client")
    const status = fields['referral_status']
    if (typeof status !== 'string' || !STATUSES.includes(status))
      return failure('Validation failed: Referral status is not included in the list')
    row.status = status as FakeReferralStatus
    store.setServiceStatus(row, row.status)
    store.touch(client)
  }
  return { status: 200, json: { message: RECORD_SAVED } }
}
