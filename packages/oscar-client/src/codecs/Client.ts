import * as t from 'io-ts'

import { nullable } from './common.js'

const str = nullable(t.string)

/** A service's typed fields but `name` (which it cannot go without). */
export const serviceFields = {
  uuid: str,
  program_name: str,
  enrollment_date: str,
  referral_id: nullable(t.number),
  referral_status: str,
}

/**
 * One service of a client. From an enrolment: `program_name`, `enrollment_date`. From a
 * referral: `referral_id` and `referral_status`. `uuid` is OSCaR's taxonomy id for the
 * service, the same for every child: never a row id on its own.
 */
export const OscarService = t.intersection(
  [t.UnknownRecord, t.type({ name: t.string }), t.partial(serviceFields)],
  'OscarService',
)
export type OscarService = t.TypeOf<typeof OscarService>

/** A client's typed fields but `global_id` (its identity). */
export const clientFields = {
  slug: str,
  external_id: str,
  external_id_display: str,
  mosvy_number: str,
  given_name: str,
  family_name: str,
  local_given_name: str,
  local_family_name: str,
  gender: str,
  date_of_birth: str,
  location_current_village_code: str,
  address_current_village_code: str,
  organization_id: nullable(t.union([t.number, t.string])),
  organization_name: str,
  external_case_worker_name: str,
  external_case_worker_id: str,
  reason_for_referral: str,
  reason_for_exiting: str,
  status: str,
  case_worker_name: str,
  case_worker_mobile: str,
  is_referred: nullable(t.boolean),
  referral_consent_form: nullable(t.array(t.string)),
  organization_address_code: str,
  level_of_risk: str,
  resource: str,
  created_at: str,
  updated_at: str,
  services: nullable(t.array(OscarService)),
}

/**
 * A client (one child) as `GET /api/v1/organizations/clients` returns it. Only
 * `global_id` is required; every other field may be absent, `null` or `""`, as OSCaR
 * sends them. Unknown fields are kept.
 */
export const OscarClient = t.intersection(
  [t.UnknownRecord, t.type({ global_id: t.string }), t.partial(clientFields)],
  'OscarClient',
)
export type OscarClient = t.TypeOf<typeof OscarClient>

/** An organisation (NGO); `short_name` is what `organization_name` carries. */
export const OscarOrganization = t.intersection(
  [
    t.UnknownRecord,
    t.type({ short_name: t.string }),
    t.partial({ id: nullable(t.number), full_name: str }),
  ],
  'OscarOrganization',
)
export type OscarOrganization = t.TypeOf<typeof OscarOrganization>
