import * as t from 'io-ts'

import { nullable } from './common.js'

const str = nullable(t.string)

/** A referral's status. Allowed moves: in_progress → accepted | rejected, accepted → done. */
export const ReferralStatus = t.keyof(
  { in_progress: null, accepted: null, rejected: null, done: null, revoked: null },
  'ReferralStatus',
)
export type ReferralStatus = t.TypeOf<typeof ReferralStatus>

/** Every typed field of a referral as read, but `id`. */
export const referralFields = {
  status: ReferralStatus,
  type: str,
  record_id: str,
  record_type: str,
  transitioned_to: str,
  transitioned_by: str,
  transitioned_to_agency: str,
  service: str,
  service_record_id: str,
  notes: str,
  rejected_reason: str,
  rejection_note: str,
  remote: nullable(t.boolean),
  consent_overridden: nullable(t.boolean),
  created_at: str,
  responded_at: str,
}

/**
 * A referral: a Primero transition pointing at one `services_section` row through
 * `service_record_id` (= the row's `unique_id`). Only `id` is required: a status Primero
 * does not define (upstream `Transition::STATUS_*`) is left out by a tolerant read, so a
 * referral without `status` is neither open nor decided.
 */
export const PrimeroReferral = t.intersection(
  [t.UnknownRecord, t.type({ id: t.string }), t.partial(referralFields)],
  'PrimeroReferral',
)
export type PrimeroReferral = t.TypeOf<typeof PrimeroReferral>

/** The `data` of `POST /api/v2/cases/:id/referrals`. */
export const PrimeroReferralCreate = t.intersection(
  [
    t.type({ transitioned_to: t.string }),
    t.partial({
      service: t.string,
      service_record_id: t.string,
      notes: t.string,
      consent_overridden: t.boolean,
      remote: t.boolean,
      transitioned_to_agency: t.string,
    }),
  ],
  'PrimeroReferralCreate',
)
export type PrimeroReferralCreate = t.TypeOf<typeof PrimeroReferralCreate>

/** The `data` of `PATCH /api/v2/cases/:case_id/referrals/:id`. */
export const PrimeroReferralUpdate = t.intersection(
  [
    t.type({ status: ReferralStatus }),
    t.partial({ rejected_reason: t.string, rejection_note: t.string }),
  ],
  'PrimeroReferralUpdate',
)
export type PrimeroReferralUpdate = t.TypeOf<typeof PrimeroReferralUpdate>
