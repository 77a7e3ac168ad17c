import type { PrimeroCase, PrimeroReferral } from '@primero-interop/primero-client'

import type { ConsentPolicy } from './config/MappingConfig.js'

/** Primero's gender-based-violence module, where consent for services alone suffices. */
const GBV_MODULE = 'primeromodule-gbv'

/**
 * Whether the case's own fields give consent, by Primero's rule for a referral
 * (`Referral#consent_given?`): `consent_for_services` and `disclosure_other_orgs` both
 * true; in the GBV module, `consent_for_services` alone.
 */
export const consentGiven = (c: PrimeroCase): boolean =>
  c.consent_for_services === true &&
  (c.module_id === GBV_MODULE || c.disclosure_other_orgs === true)

/**
 * Whether a case may leave Primero under the policy: Primero's own rule (`consentGiven`),
 * or `consent_overridden` on the case. Always true when the policy does not require it.
 * A referral may carry its own override: see `referralConsentHolds`.
 *
 * @example
 * consentHolds({ id: 'r1', consent_for_services: true }, { required: true }) // false
 */
export const consentHolds = (c: PrimeroCase, policy: ConsentPolicy): boolean =>
  !policy.required || c.consent_overridden === true || consentGiven(c)

/**
 * Whether one referral may leave Primero: Primero's `Transition#consent_given_or_overridden`.
 * The case gives consent (`consentHolds`), or the referral (transition) records
 * `consent_overridden`, set when a user allowed to override consent made it.
 *
 * @example
 * referralConsentHolds({ id: 'r1' }, { id: 't1', status: 'in_progress', consent_overridden: true }, { required: true }) // true
 */
export const referralConsentHolds = (
  c: PrimeroCase,
  referral: PrimeroReferral,
  policy: ConsentPolicy,
): boolean => consentHolds(c, policy) || referral.consent_overridden === true
