/**
 * Strong parameters: a case write keeps only the fields the role's forms permit, before
 * the schema check runs, and the rest vanish without a word (Primero's
 * `Api::V2::Concerns::Record#record_params` permits `JsonValidatorService#strong_params`,
 * built from `PermittedFieldService#permitted_fields_schema` and the role's writeable form
 * fields). A subform row keeps only its permitted fields, plus `unique_id` and `_destroy`.
 */
import type { FakeRecord } from './types.js'

/** The row fields of the Cambodia instance's `services_section` form. */
const serviceRowFields: ReadonlyArray<string> = [
  'service_type',
  'service_subtype',
  'service_type_details_text',
  'service_response_type',
  'service_response_day_time',
  'service_response_timeframe',
  'service_appointment_date',
  'service_implementing_agency',
  'service_implementing_agency_individual',
  'service_delivery_location',
  'service_referral',
  'service_referral_notes',
  'service_implemented',
  'service_implemented_day_time',
  'service_status_referred',
  'note_on_referral_from_provider',
  'referral_status_edf41f2',
  'oscar_referral_id_a4ac8a5',
  'referral_notes_from_oscar_2e787b8',
  'oscar_case_worker_name',
  'oscar_case_worker_telephone',
  'oscar_referring_organization',
]

/**
 * What a Cambodia case worker's role may write, by default: Primero's core fields
 * (`PERMITTED_CORE_FIELDS_SCHEMA`, `SYNC_FIELDS_SCHEMA`, `workflow`), the Cambodia form's
 * fields that the clients and the sync write, and every `services_section` row field as
 * `services_section.<field>`. Anything else (say `favourite_colour`) is dropped.
 */
export const defaultWritableFields: ReadonlyArray<string> = [
  // core (PermittedFieldService::PERMITTED_CORE_FIELDS_SCHEMA and friends)
  'id',
  'status',
  'state',
  'record_state',
  'case_status_reopened',
  'workflow',
  'owned_by',
  'module_id',
  'hidden_name',
  // external sync (PermittedFieldService::SYNC_FIELDS_SCHEMA)
  'synced_at',
  'sync_status',
  'mark_synced',
  'mark_synced_url',
  'mark_synced_status',
  // identity and registration
  'case_id',
  'name',
  'name_first',
  'name_middle',
  'name_last',
  'name_nickname',
  'name_other',
  'sex',
  'date_of_birth',
  'age',
  'estimated',
  'registration_date',
  'location_current',
  'address_current',
  'nationality',
  'ethnicity',
  'language',
  // consent and risk
  'consent_for_services',
  'disclosure_other_orgs',
  'consent_reporting',
  'risk_level',
  'protection_status',
  'protection_concerns',
  'interview_subject',
  // the Cambodia instance's OSCaR fields
  'oscar_number',
  'oscar_short_id',
  'mosvy_number',
  'oscar_status',
  'oscar_reason_for_exiting',
  // services
  'services_section',
  ...serviceRowFields.map((f) => `services_section.${f}`),
]

/** The writable set, or undefined when every field may be written (`'all'`). */
export const writableSet = (
  option: ReadonlyArray<string> | 'all' | undefined,
): ReadonlySet<string> | undefined =>
  option === 'all' ? undefined : new Set(option ?? defaultWritableFields)

const isObject = (u: unknown): u is FakeRecord =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const rowKeys: ReadonlySet<string> = new Set(['unique_id', '_destroy'])

/** `data` with only the permitted fields (and, in subform rows, the permitted row fields). */
export const permittedData = (
  data: FakeRecord,
  writable: ReadonlySet<string> | undefined,
): FakeRecord => {
  if (writable === undefined) return data
  const out: FakeRecord = {}
  for (const [key, value] of Object.entries(data)) {
    if (!writable.has(key)) continue
    out[key] = Array.isArray(value)
      ? value.map((row: unknown) =>
          isObject(row)
            ? Object.fromEntries(
                Object.entries(row).filter(([f]) => rowKeys.has(f) || writable.has(`${key}.${f}`)),
              )
            : row,
        )
      : value
  }
  return out
}
