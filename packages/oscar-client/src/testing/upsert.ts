import type { FakeAnswer, Store } from './store.js'
import { errorPage, RECORD_ERROR, RECORD_SAVED } from './store.js'

/** The keys OSCaR's upsert accepts; everything else is dropped silently. */
export const UPSERT_KEYS: ReadonlyArray<string> = [
  'global_id',
  'external_id',
  'external_id_display',
  'mosvy_number',
  'given_name',
  'family_name',
  'gender',
  'date_of_birth',
  'location_current_village_code',
  'address_current_village_code',
  'reason_for_referral',
  'reason_for_exiting',
  'organization_id',
  'organization_name',
  'external_case_worker_name',
  'external_case_worker_id',
  'external_case_worker_mobile',
  'external_case_worker_email',
  'level_of_risk',
  'is_referred',
  'referral_status',
  'services',
]

/** Child fields an upsert writes onto an existing client (path 1). */
const CHILD_KEYS: ReadonlyArray<string> = [
  'external_id',
  'external_id_display',
  'mosvy_number',
  'given_name',
  'family_name',
  'gender',
  'date_of_birth',
  'location_current_village_code',
  'address_current_village_code',
  'reason_for_referral',
  'reason_for_exiting',
  'external_case_worker_name',
  'external_case_worker_id',
  'level_of_risk',
]

const RISK_LEVELS: ReadonlyArray<string> = ['high', 'medium', 'low', 'no action']

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const blank = (u: unknown): boolean => typeof u !== 'string' || u.trim() === ''
const text = (u: unknown): string => (typeof u === 'string' ? u : '')

/** The service names OSCaR keeps: exact matches against its taxonomy; others dropped. */
const knownServices = (store: Store, services: unknown): string[] =>
  (Array.isArray(services) ? services : [])
    .map((s) => (isRecord(s) ? s['name'] : undefined))
    .filter((name): name is string => typeof name === 'string' && store.uuidOf(name) !== null)

/** A referral's validations; `{}` when valid. */
const referralErrors = (store: Store, p: Record<string, unknown>): Record<string, string[]> => {
  const errors: Record<string, string[]> = {}
  for (const key of [
    'given_name',
    'family_name',
    'external_case_worker_name',
    'external_case_worker_mobile',
  ])
    if (blank(p[key])) errors[key] = ["can't be blank"]
  if (typeof p['level_of_risk'] !== 'string' || !RISK_LEVELS.includes(p['level_of_risk']))
    errors['level_of_risk'] = ['is not included in the list']
  if (knownServices(store, p['services']).length === 0) errors['services'] = ["can't be blank"]
  return errors
}

const createReferral = (
  store: Store,
  p: Record<string, unknown>,
  organization: string,
  globalId: string,
): void => {
  const row = store.addReferral({
    externalId: text(p['external_id']),
    externalIdDisplay: text(p['external_id_display']),
    clientGlobalId: globalId,
    organization,
    services: knownServices(store, p['services']),
    status: 'Referred',
  })
  store.rememberPayload(row.id, p)
}

/**
 * `POST /api/v1/organizations/clients/upsert`, as OSCaR does it, traps included: a known
 * `global_id` updates the child (a blank location wipes its address) after opening a new
 * referral when `is_referred`; otherwise a referral is looked up by `external_id` in the
 * NGO: none, or one not yet accepted → a new referral (the duplicate-referral trap);
 * accepted → 422 "Record was found.".
 */
export const upsert = (store: Store, body: unknown): FakeAnswer => {
  const raw = isRecord(body) ? body['organization'] : undefined
  if (!isRecord(raw)) return { status: 422, json: { message: RECORD_ERROR } }
  const p = Object.fromEntries(Object.entries(raw).filter(([key]) => UPSERT_KEYS.includes(key)))
  const organization = p['organization_name']
  if (blank(organization)) return { status: 422, json: { message: RECORD_ERROR } }
  // Apartment cannot switch to an unknown tenant: an unhandled error, an HTML page.
  if (!store.options.organizations.includes(organization as string)) return errorPage(500, body)
  const ngo = organization as string
  const externalId = text(p['external_id'])
  const saved: FakeAnswer = {
    status: 200,
    json: { external_id: externalId, message: RECORD_SAVED },
  }
  const globalId = text(p['global_id'])
  const client = globalId === '' ? undefined : store.findClient(ngo, globalId)
  if (client !== undefined) {
    if (p['is_referred'] === true) {
      const errors = referralErrors(store, p)
      if (Object.keys(errors).length > 0)
        return { status: 422, json: { external_id: externalId, message: errors } }
      createReferral(store, p, ngo, globalId)
    }
    for (const key of CHILD_KEYS) if (key in p) client[key] = p[key]
    store.touch(client)
    return saved
  }
  const found = [...store.referrals.values()].filter(
    (r) => r.organization === ngo && externalId !== '' && r.externalId === externalId,
  )
  if (found.some((r) => r.status === 'Accepted' || r.status === 'Active'))
    return { status: 422, json: { message: 'Record was found.' } }
  const errors = referralErrors(store, p)
  if (Object.keys(errors).length > 0)
    return { status: 422, json: { external_id: externalId, message: errors } }
  createReferral(store, p, ngo, store.mintGlobalId())
  return saved
}
