import { errorPage, type FakeAnswer, isRecord, RECORD_ERROR, RECORD_SAVED } from './answers.js'
import type { FakeReferralStatus, Store } from './store.js'

/** `params[:data].present?`: a missing or empty list is a 500 (OSCaR's else branch fails). */
const dataOf = (body: unknown): unknown[] | undefined => {
  const data = isRecord(body) ? body['data'] : undefined
  return Array.isArray(data) && data.length > 0 ? data : undefined
}

/**
 * `PUT …/clients/update_links`: writes `external_id` and `external_id_display` (nil where
 * the item lacks one) onto every NGO's copy of the child with the item's `global_id`;
 * nothing else (`is_referred` is not written); unknown ids are skipped silently;
 * `updated_at` is NOT touched (the change never shows in the next read). Missing `data` →
 * 500.
 */
export const updateLinks = (store: Store, body: unknown): FakeAnswer => {
  const data = dataOf(body)
  if (data === undefined) return errorPage(500)
  // `data.map { … }.to_h`: the last item of a global id wins.
  const links = new Map<string, Record<string, unknown>>()
  for (const item of data)
    if (isRecord(item) && typeof item['global_id'] === 'string') links.set(item['global_id'], item)
  for (const [globalId, item] of links)
    for (const client of store.clientsWithGlobalId(globalId)) {
      client['external_id'] = item['external_id'] ?? null
      client['external_id_display'] = item['external_id_display'] ?? null
    }
  return { status: 200, json: { message: RECORD_SAVED } }
}

const STATUSES: ReadonlyArray<string> = ['Accepted', 'Exited', 'Referred', 'Active']

const failure = (reason: string): FakeAnswer => ({
  status: 422,
  json: { error: reason, message: RECORD_ERROR },
})

/** Which of a child's NGOs `update_statuses` looks a referral up in. */
export type StatusesOrganization = 'first-joined' | 'last-joined'

/**
 * `PUT …/referrals/update_statuses`: item by item, NOT transactional (items before a
 * failing one stay written). Each item picks ONE of the child's NGOs
 * (`GlobalIdentityOrganization.find_by(global_id:)`, unordered: by default the NGO the
 * child joined first) and looks `referral_id` up THERE, whichever child it belongs to:
 * ids are per NGO, so a decision can land on another NGO's number. An applied item sets
 * the referral's status and bumps `updated_at` of the child holding it.
 */
export const updateStatuses = (
  store: Store,
  body: unknown,
  pick: StatusesOrganization = 'first-joined',
): FakeAnswer => {
  // `data.each`: an empty list is fine, a missing one is a 500.
  const data = isRecord(body) ? body['data'] : undefined
  if (!Array.isArray(data)) return errorPage(500)
  for (const item of data as unknown[]) {
    const fields = isRecord(item) ? item : {}
    const holders = store.clientsWithGlobalId(String(fields['client_global_id']))
    const holder = pick === 'first-joined' ? holders[0] : holders.at(-1)
    if (holder === undefined) return failure('ActiveRecord::RecordNotFound')
    const ngo = String(holder['organization_name'])
    const id = fields['referral_id']
    const row =
      typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id.trim()))
        ? store.referralIn(ngo, Number(id))
        : undefined
    if (row === undefined)
      return failure(
        id === undefined || id === null || id === ''
          ? "Couldn't find Referral without an ID"
          : `Couldn't find Referral with 'id'=${String(id)} [WHERE "referrals"."deleted_at" IS NULL]`,
      )
    const status = fields['referral_status']
    if (typeof status !== 'string' || !STATUSES.includes(status))
      return failure(
        `${status === undefined || status === null || status === '' ? "Referral status can't be blank. " : ''}Referral status is not included in the list. Referral status must be one of ['Accepted', 'Exited', 'Referred'].`,
      )
    row.status = status as FakeReferralStatus
    const owner = row.attached ? store.findClient(ngo, row.clientGlobalId) : undefined
    if (owner !== undefined) store.touch(owner)
  }
  return { status: 200, json: { message: RECORD_SAVED } }
}
