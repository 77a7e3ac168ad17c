import type { MappingConfig } from '@primero-interop/mappings'
import type { PrimeroCase } from '@primero-interop/primero-client'

/** Whether a case has a service row referred to OSCaR: only then are its referrals read. */
export const hasReferralToOscarRows = (kase: PrimeroCase, config: MappingConfig): boolean =>
  (kase.services_section ?? []).some(
    (row) => row.service_response_type === config.primero.serviceResponseTypes.referralToOscar,
  )
