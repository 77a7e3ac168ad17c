import {
  errorPage,
  type FakeAnswer,
  isRecord,
  RECORD_ERROR,
  RECORD_SAVED,
  text,
} from './answers.js'
import { updateKnownChild } from './knownChild.js'
import { openReferral, referralErrors, truthyPresent, UPSERT_KEYS } from './referralRules.js'
import type { Store } from './store.js'

export { UPSERT_KEYS } from './referralRules.js'

/**
 * `find_referral` (path 2), in the NGO named: a referral found by `external_id` there that
 * no child holds yet → ANOTHER referral with the first one's `global_id` (the duplicate
 * trap); one a child holds → 422 "Record was found."; none → a new referral, with the
 * sent `global_id` or a minted one. A sent `global_id` OSCaR never minted makes the
 * referral, then fails (a 500 page: OSCaR looks its identity up after saving).
 */
const findReferral = (
  store: Store,
  p: Readonly<Record<string, unknown>>,
  ngo: string,
  body: unknown,
): FakeAnswer => {
  if (!store.options.organizations.includes(ngo)) return errorPage(500, body)
  const externalId = p['external_id'] ?? null
  const globalId = text(p['global_id']).trim() === '' ? undefined : text(p['global_id'])
  const found = store.receivedWithExternalId(ngo, externalId)
  const saved: FakeAnswer = {
    status: 200,
    json: { external_id: externalId, message: RECORD_SAVED },
  }
  if (found !== undefined && found.attached)
    return {
      status: 422,
      json: {
        external_id: externalId,
        message: 'Record was found.',
        errors:
          globalId === undefined
            ? {
                global_id: 'global_id must exist.',
                referral_status: 'referral_status must be present.',
              }
            : {},
      },
    }
  // `get_referral_attribute` mints before validating: a refused referral still burns an id.
  const minted = globalId ?? store.mintGlobalId()
  const errors = referralErrors(store, p)
  if (Object.keys(errors).length > 0)
    return { status: 422, json: { external_id: externalId, message: errors } }
  if (found !== undefined) {
    openReferral(store, p, ngo, found.clientGlobalId)
    return saved
  }
  openReferral(store, p, ngo, minted)
  return store.isKnownGlobalId(minted) ? saved : errorPage(500, body)
}

/**
 * `POST /api/v1/organizations/clients/upsert`, as OSCaR does it, traps included.
 * Path 1, a `global_id` OSCaR knows: when `is_referred`, a referral is opened in the NGO
 * named only if the child is there; then the child in the FIRST NGO holding the global id
 * is updated (a fixed set of fields, nil where not sent) and the answer is 200, even when
 * no referral was made. Path 2 otherwise (see `findReferral`).
 */
export const upsert = (store: Store, body: unknown): FakeAnswer => {
  const raw = isRecord(body) ? body['organization'] : undefined
  if (!isRecord(raw) || Object.keys(raw).length === 0)
    return { status: 422, json: { message: RECORD_ERROR } }
  const p = Object.fromEntries(Object.entries(raw).filter(([key]) => UPSERT_KEYS.includes(key)))
  const ngo = p['organization_name']
  if (typeof ngo !== 'string' || ngo.trim() === '')
    return { status: 422, json: { message: RECORD_ERROR } }
  const globalId = text(p['global_id'])
  if (globalId.trim() === '' || !store.isKnownGlobalId(globalId))
    return findReferral(store, p, ngo, body)
  // Apartment cannot switch to an unknown tenant: an unhandled error, an HTML page.
  if (!store.options.organizations.includes(ngo)) return errorPage(500, body)
  if (truthyPresent(p['is_referred']) && store.findClient(ngo, globalId) !== undefined) {
    const errors = referralErrors(store, p)
    if (Object.keys(errors).length > 0)
      return { status: 422, json: { external_id: p['external_id'] ?? null, message: errors } }
    openReferral(store, p, ngo, globalId)
  }
  const first = store.firstHolder(globalId)
  return first === undefined ? findReferral(store, p, ngo, body) : updateKnownChild(store, first, p)
}
