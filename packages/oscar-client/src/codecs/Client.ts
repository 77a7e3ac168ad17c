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

/** A client's text fields: each may be absent, `null` or `""`, as OSCaR sends them. */
const TEXT_FIELDS = [
  'slug',
  'external_id',
  'external_id_display',
  'mosvy_number',
  'given_name',
  'family_name',
  'local_given_name',
  'local_family_name',
  'gender',
  'date_of_birth',
  'location_current_village_code',
  'address_current_village_code',
  'organization_name',
  'external_case_worker_name',
  'external_case_worker_id',
  'reason_for_referral',
  'reason_for_exiting',
  'status',
  'case_worker_name',
  'case_worker_mobile',
  'organization_address_code',
  'level_of_risk',
  'resource',
  'created_at',
  'updated_at',
] as const

const textFields = Object.fromEntries(TEXT_FIELDS.map((field) => [field, str])) as {
  readonly [K in (typeof TEXT_FIELDS)[number]]: typeof str
}

/** A client's typed fields but `global_id` (its identity). */
export const clientFields = {
  ...textFields,
  organization_id: nullable(t.union([t.number, t.string])),
  is_referred: nullable(t.boolean),
  referral_consent_form: nullable(t.array(t.string)),
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
