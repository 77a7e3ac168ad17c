import * as t from 'io-ts'

import { Text } from './common.js'

/** OSCaR's levels of risk; `level_of_risk` must be one of them for a referral. */
export const OscarRiskLevel = t.keyof(
  { high: null, medium: null, low: null, 'no action': null },
  'OscarRiskLevel',
)
export type OscarRiskLevel = t.TypeOf<typeof OscarRiskLevel>

/** A referral status OSCaR accepts in `update_statuses` (`Active` passes its model check). */
export const OscarReferralStatus = t.keyof(
  { Referred: null, Accepted: null, Exited: null, Active: null },
  'OscarReferralStatus',
)
export type OscarReferralStatus = t.TypeOf<typeof OscarReferralStatus>

/** A service in an upsert: OSCaR matches `name` exactly and drops unknown names. */
export const OscarUpsertService = t.exact(
  t.intersection([t.type({ name: t.string }), t.partial({ uuid: Text })]),
  'OscarUpsertService',
)
export type OscarUpsertService = t.TypeOf<typeof OscarUpsertService>

/**
 * The body's `organization` of `POST /api/v1/organizations/clients/upsert`. Exact:
 * encoding strips every key OSCaR would drop silently (`resource`, `date_of_referral`,
 * `local_*`, …). Absent text decodes to `""`, as OSCaR expects.
 */
export const OscarUpsert = t.exact(
  t.intersection([
    t.type({
      external_id: Text,
      external_id_display: Text,
      mosvy_number: Text,
      given_name: Text,
      family_name: Text,
      gender: Text,
      date_of_birth: Text,
      location_current_village_code: Text,
      address_current_village_code: Text,
      reason_for_referral: Text,
      organization_name: t.string,
      external_case_worker_name: Text,
      external_case_worker_id: Text,
      external_case_worker_mobile: Text,
      level_of_risk: OscarRiskLevel,
      is_referred: t.boolean,
      services: t.array(OscarUpsertService),
    }),
    t.partial({
      global_id: t.string,
      organization_id: t.union([t.string, t.number]),
      reason_for_exiting: t.string,
      external_case_worker_email: t.string,
      referral_status: t.string,
    }),
  ]),
  'OscarUpsert',
)
export type OscarUpsert = t.TypeOf<typeof OscarUpsert>

/** One item of `PUT /api/v1/organizations/clients/update_links`. */
export const OscarLinkUpdate = t.exact(
  t.type({
    global_id: t.string,
    external_id: Text,
    external_id_display: Text,
    is_referred: t.boolean,
  }),
  'OscarLinkUpdate',
)
export type OscarLinkUpdate = t.TypeOf<typeof OscarLinkUpdate>

/** One item of `PUT /api/v1/organizations/referrals/update_statuses`. */
export const OscarReferralStatusUpdate = t.exact(
  t.type({
    client_global_id: t.string,
    referral_id: t.number,
    referral_status: OscarReferralStatus,
    external_id: Text,
    external_id_display: Text,
  }),
  'OscarReferralStatusUpdate',
)
export type OscarReferralStatusUpdate = t.TypeOf<typeof OscarReferralStatusUpdate>
