import type { PrimeroCase } from '@primero-interop/primero-client'

import type { ConsentPolicy } from './config/MappingConfig.js'

/**
 * Whether a case may leave Primero under the policy: Primero's own rule for the
 * child-protection module, `consent_for_services` and `disclosure_other_orgs` both
 * true, unless `consent_overridden`. Always true when the policy does not require it.
 *
 * @example
 * consentHolds({ id: 'r1', consent_for_services: true }, { required: true }) // false
 */
export const consentHolds = (c: PrimeroCase, policy: ConsentPolicy): boolean =>
  !policy.required ||
  c.consent_overridden === true ||
  (c.consent_for_services === true && c.disclosure_other_orgs === true)
