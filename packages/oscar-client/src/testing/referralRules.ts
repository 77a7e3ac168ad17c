import { isRecord, present, text } from './answers.js'
import type { ReferralDirection, ReferralRow, Store } from './store.js'

/** The keys OSCaR's upsert permits; everything else is dropped silently. */
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

export const RISK_LEVELS: ReadonlyArray<string> = ['high', 'medium', 'low', 'no action']

/** The service names OSCaR keeps: exact matches against its taxonomy; others dropped. */
export const knownServices = (store: Store, services: unknown): string[] =>
  (Array.isArray(services) ? services : [])
    .map((s) => (isRecord(s) ? s['name'] : undefined))
    .filter((name): name is string => typeof name === 'string' && store.uuidOf(name) !== null)

const BLANK = "can't be blank"
const NOT_LISTED = 'is not included in the list'

/**
 * The `Referral` model's validations on what `get_referral_attribute` builds, keyed by the
 * model's attribute names: `client_name` (given and family name joined and squished: one
 * of them is enough), `name_of_referee`, `referral_phone`, `level_of_risk`, `services`.
 * `{}` when valid.
 */
export const referralErrors = (
  store: Store,
  p: Readonly<Record<string, unknown>>,
): Record<string, string[]> => {
  const errors: Record<string, string[]> = {}
  if (!present(`${text(p['given_name'])} ${text(p['family_name'])}`))
    errors['client_name'] = [BLANK]
  if (!present(p['external_case_worker_name'])) errors['name_of_referee'] = [BLANK]
  if (!present(p['external_case_worker_mobile'])) errors['referral_phone'] = [BLANK]
  const risk = p['level_of_risk']
  if (!present(risk)) errors['level_of_risk'] = [BLANK, NOT_LISTED]
  else if (!RISK_LEVELS.includes(risk)) errors['level_of_risk'] = [NOT_LISTED]
  if (knownServices(store, p['services']).length === 0) errors['services'] = [BLANK]
  return errors
}

/** Opens a referral (status `Referred`, not yet attached to any child) in `organization`. */
export const openReferral = (
  store: Store,
  p: Readonly<Record<string, unknown>>,
  organization: string,
  clientGlobalId: string,
  direction: ReferralDirection = 'received',
): ReferralRow =>
  store.addReferral({
    externalId: text(p['external_id']),
    externalIdDisplay: text(p['external_id_display']),
    clientGlobalId,
    organization,
    services: knownServices(store, p['services']),
    status: 'Referred',
    attached: false,
    direction,
    levelOfRisk: text(p['level_of_risk']),
    reason: present(p['reason_for_referral']) ? p['reason_for_referral'] : 'N/A',
    payload: p,
  })

/** Ruby's `x.present? && x`: `true`, a non-blank string, a number. */
export const truthyPresent = (u: unknown): boolean =>
  u === true || typeof u === 'number' || present(u)
