import { type FakeAnswer, present, RECORD_SAVED } from './answers.js'
import { parseRubyTime } from './rubyTime.js'
import type { Store } from './store.js'

const GENDERS: ReadonlyArray<string> = [
  'female',
  'male',
  'lgbt',
  'unknown',
  'prefer_not_to_say',
  'other',
]
const STATUS_MESSAGE = "Referral status must be one of ['Accepted', 'Exited', 'Referred']."

const orNull = (u: unknown): unknown => (u === undefined ? null : u)

/**
 * The location code a path-1 upsert stores: `address_current_village_code ||
 * location_current_village_code` in Ruby (an empty string is not nil, so a blank address
 * code hides the location code), zero-padded to 2, 4, 6 or 8 digits; `null` (address
 * wiped) when blank.
 */
export const addressCodeOf = (p: Readonly<Record<string, unknown>>): string | null => {
  const pick = [p['address_current_village_code'], p['location_current_village_code']].find(
    (u) => u !== undefined && u !== null && u !== false,
  )
  if (pick === undefined) return null
  const code = String(pick)
  if (!present(code)) return null
  const width = code.length <= 2 ? 2 : code.length <= 4 ? 4 : code.length <= 6 ? 6 : 8
  return code.padStart(width, '0')
}

/** A date as ActiveRecord casts a string into a date column: invalid → nil. */
const dateOf = (u: unknown): string | null =>
  typeof u === 'string' ? (parseRubyTime(u)?.day ?? null) : null

/**
 * The fields `Client.get_client_attribute` rewrites on the known child, nil where not
 * sent: the Khmer names (not permitted) and `reason_for_referral` (read from a key that is
 * never sent) always; the address when no location is sent; the Primero ids only when
 * `external_id` is present (then `external_id_display` too, nil if absent).
 */
export const knownChildWrites = (p: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const code = addressCodeOf(p)
  return {
    mosvy_number: orNull(p['mosvy_number']),
    given_name: orNull(p['given_name']),
    family_name: orNull(p['family_name']),
    local_given_name: null,
    local_family_name: null,
    gender: orNull(p['gender']),
    date_of_birth: dateOf(p['date_of_birth']),
    reason_for_referral: null,
    external_case_worker_id: orNull(p['external_case_worker_id']),
    external_case_worker_name: orNull(p['external_case_worker_name']),
    location_current_village_code: code,
    address_current_village_code: code,
    ...(present(p['external_id'])
      ? {
          external_id: p['external_id'],
          external_id_display: orNull(p['external_id_display']),
        }
      : {}),
  }
}

/** The `Client` validations a path-1 update can fail. */
const clientErrors = (next: Readonly<Record<string, unknown>>): Record<string, string[]> => {
  const gender = next['gender']
  if (!present(gender)) return { gender: ["can't be blank"] }
  if (!GENDERS.includes(gender)) return { gender: ['is not included in the list'] }
  return {}
}

/**
 * `render_client_data`: updates the child in the FIRST NGO holding the global id (lowest
 * organisation id), whichever NGO the upsert named, then applies `referral_status` (any
 * non-nil value, `""` included) to its last Primero referral and last MoSVY referral.
 */
export const updateKnownChild = (
  store: Store,
  client: Record<string, unknown>,
  p: Readonly<Record<string, unknown>>,
): FakeAnswer => {
  const next = { ...client, ...knownChildWrites(p) }
  const errors = clientErrors(next)
  if (Object.keys(errors).length > 0)
    return { status: 422, json: { external_id: orNull(p['external_id']), message: errors } }
  Object.assign(client, knownChildWrites(p))
  store.touch(client)
  const externalId = orNull(client['external_id'])
  const status = p['referral_status']
  if (status === undefined || status === null)
    return { status: 200, json: { external_id: externalId, message: RECORD_SAVED } }
  if (typeof status !== 'string' || !['Accepted', 'Exited', 'Referred'].includes(status))
    return { status: 422, json: { external_id: externalId, message: STATUS_MESSAGE } }
  const rows = store.attachedTo(client)
  for (const direction of ['received', 'delivered'] as const) {
    const last = rows.filter((r) => r.direction === direction).at(-1)
    if (last !== undefined) last.status = status as 'Accepted' | 'Exited' | 'Referred'
  }
  return { status: 200, json: { external_id: externalId, message: RECORD_SAVED } }
}
