import { isRecord, present } from './answers.js'
import type { ReferralRow, Store } from './store.js'

/** A child's services: its enrolments, then each service of each attached referral. */
export const servicesOf = (store: Store, client: Record<string, unknown>): unknown[] => {
  const enrolments = (Array.isArray(client['services']) ? client['services'] : []).filter(
    (s) => !isRecord(s) || typeof s['referral_id'] !== 'number',
  )
  const referred = store.attachedTo(client).flatMap((row) =>
    row.services.map((name) => ({
      program_name: null,
      enrollment_date: null,
      uuid: name in row.uuids ? row.uuids[name] : store.uuidOf(name),
      name,
      referral_id: row.id,
      referral_status: row.status,
    })),
  )
  return [...structuredClone(enrolments), ...referred]
}

/**
 * `is_referred` as OSCaR's serializers compute it: the child's last referral from the
 * calling external system exists (and that system's token is the caller's uid, which holds
 * for the one API user). Not a stored field.
 */
export const isReferred = (store: Store, client: Record<string, unknown>): boolean =>
  store.attachedTo(client).length > 0

const lastReferral = (store: Store, client: Record<string, unknown>): ReferralRow | undefined =>
  store.attachedTo(client).at(-1)

/** A child the NGO referred to MoSVY: OSCaR serialises it without `resource`. */
export const isReferredExternal = (store: Store, client: Record<string, unknown>): boolean =>
  client['referred_external'] === true && isReferred(store, client)

/** Latin name, else the Khmer one (`given_name.presence || local_given_name`). */
const nameOf = (client: Record<string, unknown>, key: 'given' | 'family'): unknown =>
  present(client[`${key}_name`]) ? client[`${key}_name`] : (client[`local_${key}_name`] ?? null)

const or = (u: unknown, fallback: unknown): unknown =>
  u === undefined || u === null ? fallback : u

/** `ClientShareExternalSerializer`: every child not referred to MoSVY (and all historical reads). */
export const shareView = (store: Store, c: Record<string, unknown>): Record<string, unknown> => {
  const linked = present(c['external_id'])
  return {
    given_name: nameOf(c, 'given'),
    family_name: nameOf(c, 'family'),
    local_given_name: or(c['local_given_name'], null),
    local_family_name: or(c['local_family_name'], null),
    gender: or(c['gender'], null),
    date_of_birth: or(c['date_of_birth'], null),
    global_id: c['global_id'],
    slug: or(c['slug'], null),
    external_id: or(c['external_id'], ''),
    external_id_display: or(c['external_id_display'], ''),
    status: or(c['status'], null),
    mosvy_number: or(c['mosvy_number'], ''),
    location_current_village_code: or(c['location_current_village_code'], ''),
    case_worker_name: or(c['case_worker_name'], ''),
    case_worker_mobile: or(c['case_worker_mobile'], ''),
    is_referred: isReferred(store, c),
    organization_name: c['organization_name'],
    organization_address_code: or(c['organization_address_code'], ''),
    resource: linked ? 'primero' : null,
    services: linked ? servicesOf(store, c) : [],
  }
}

/** `OrganizationClientSerializer`: children the NGO referred to MoSVY. No `resource`. */
export const referredView = (store: Store, c: Record<string, unknown>): Record<string, unknown> => {
  const last = lastReferral(store, c)
  const code = or(c['location_current_village_code'], '')
  return {
    slug: or(c['slug'], null),
    global_id: c['global_id'],
    external_id: or(c['external_id'], null),
    external_id_display: or(c['external_id_display'], null),
    mosvy_number: or(c['mosvy_number'], null),
    given_name: nameOf(c, 'given'),
    family_name: nameOf(c, 'family'),
    gender: or(c['gender'], null),
    date_of_birth: or(c['date_of_birth'], null),
    location_current_village_code: code,
    address_current_village_code: code,
    organization_id: store.organizationId(String(c['organization_name'])),
    organization_name: c['organization_name'],
    external_case_worker_name: or(c['external_case_worker_name'], null),
    external_case_worker_id: or(c['external_case_worker_id'], null),
    reason_for_referral: last?.reason || or(c['reason_for_referral'], ''),
    status: or(c['status'], null),
    case_worker_name: or(c['case_worker_name'], ''),
    case_worker_mobile: or(c['case_worker_mobile'], ''),
    is_referred: isReferred(store, c),
    referral_consent_form: Array.isArray(c['referral_consent_form'])
      ? structuredClone(c['referral_consent_form'])
      : [],
    organization_address_code: or(c['organization_address_code'], ''),
    level_of_risk: last?.levelOfRisk || '',
    services: servicesOf(store, c),
  }
}

/** What `FakeOscar.clients()` shows: the stored child with its derived services and flag. */
export const storedView = (store: Store, c: Record<string, unknown>): Record<string, unknown> => ({
  ...structuredClone(c),
  is_referred: isReferred(store, c),
  services: servicesOf(store, c),
})
