import * as t from 'io-ts'

import { LowercaseUuid, nullable, PrimeroDate } from './common.js'

const str = nullable(t.string)

/** The typed core of a `services_section` row; instance form fields stay as unknown keys. */
export const serviceRowFields = {
  service_type: str,
  service_subtype: nullable(t.array(t.string)),
  service_type_details_text: str,
  service_response_type: str,
  service_response_day_time: str,
  service_response_timeframe: str,
  service_implementing_agency: str,
  service_implementing_agency_individual: str,
  service_referral_notes: str,
  service_implemented: str,
  service_implemented_day_time: str,
  service_status_referred: nullable(t.boolean),
}

/**
 * One row of a case's `services_section` subform, as Primero returns it. Rows keep every
 * field they carry: the suffixed fields (`referral_status_edf41f2`, …) belong to the
 * instance and are read through the mapping configuration.
 */
export const ServiceRow = t.intersection(
  [t.UnknownRecord, t.partial({ unique_id: str, ...serviceRowFields })],
  'ServiceRow',
)
export type ServiceRow = t.TypeOf<typeof ServiceRow>

/** A service row as written: `unique_id` must be a lowercase uuid, or Primero answers 422. */
export const ServiceRowWrite = t.intersection(
  [
    t.UnknownRecord,
    t.type({ unique_id: LowercaseUuid }),
    t.partial({ _destroy: t.boolean, ...serviceRowFields }),
  ],
  'ServiceRowWrite',
)
export type ServiceRowWrite = t.TypeOf<typeof ServiceRowWrite>

/** The case fields the integration reads and writes. */
const caseFields = {
  case_id: str,
  case_id_display: str,
  short_id: str,
  enabled: nullable(t.boolean),
  record_state: nullable(t.boolean),
  status: str,
  module_id: str,
  oscar_number: str,
  oscar_short_id: str,
  oscar_status: str,
  oscar_reason_for_exiting: str,
  mosvy_number: str,
  name: str,
  name_first: str,
  name_last: str,
  sex: str,
  date_of_birth: nullable(PrimeroDate),
  age: nullable(t.number),
  location_current: str,
  owned_by: str,
  owned_by_agency_id: str,
  owned_by_phone: str,
  risk_level: str,
  consent_for_services: nullable(t.boolean),
  disclosure_other_orgs: nullable(t.boolean),
  consent_overridden: nullable(t.boolean),
  protection_status: str,
  interview_subject: str,
  created_at: str,
  last_updated_at: str,
}

/** Every typed field of a case as read, but `id`. */
export const caseReadFields = { ...caseFields, services_section: nullable(t.array(ServiceRow)) }

/**
 * A Primero case (one child). `id` is the record id used in URLs; `case_id` is the
 * case's uuid and the join key with OSCaR's `external_id`. Unknown fields are kept:
 * every instance adds its own form fields.
 *
 * @example
 * PrimeroCase.decode({ id: 'e1', case_id: 'c1', date_of_birth: '2012/02/02' })
 * // right({ id: 'e1', case_id: 'c1', date_of_birth: '2012-02-02' })
 */
export const PrimeroCase = t.intersection(
  [t.UnknownRecord, t.type({ id: t.string }), t.partial(caseReadFields)],
  'PrimeroCase',
)
export type PrimeroCase = t.TypeOf<typeof PrimeroCase>

/**
 * The `data` of a case create or PATCH. Subform rows must carry a lowercase uuid
 * `unique_id` (rows merge by it); other fields are free, as the instance defines them.
 */
export const PrimeroCaseWrite = t.intersection(
  [
    t.UnknownRecord,
    t.partial({ id: t.string, ...caseFields, services_section: t.array(ServiceRowWrite) }),
  ],
  'PrimeroCaseWrite',
)
export type PrimeroCaseWrite = t.TypeOf<typeof PrimeroCaseWrite>

/**
 * Exact-match keys for finding a case. Primero silently drops a filter it does not
 * allow, so the client verifies every returned record against these keys.
 */
export const CaseMatch = t.partial(
  { id: t.string, case_id: t.string, oscar_number: t.string, mosvy_number: t.string },
  'CaseMatch',
)
export type CaseMatch = t.TypeOf<typeof CaseMatch>
