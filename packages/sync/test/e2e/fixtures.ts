/**
 * Records for end-to-end tests, written by hand: a MoSVY case, a service row referred to
 * an NGO, and the private values of both fakes (what must never leave its system).
 */
import { cambodia } from '@primero-interop/mappings'

import type { ConnectionSettings } from '../../src/index.js'

/** How `connect` reaches the two fakes a test started. */
export const fakeSettings = (
  primero: { readonly url: string; readonly username: string; readonly password: string },
  oscar: { readonly url: string; readonly email: string; readonly password: string },
): ConnectionSettings => ({
  primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
  oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
})

const { fieldIds, serviceReferralStatusOptions: option, serviceResponseTypes } = cambodia.primero

const found = cambodia.services.taxonomy.find((s) => s.oscarName === 'Kinship care')
if (found === undefined) throw new Error('preset without Kinship care')
/** A service of the Cambodia taxonomy: the one these tests refer. */
export const kinship = found

/** A MoSVY case with consent and a location, owned by a province user. */
export const mosvyCase = (id: string, caseId: string, extra: Record<string, unknown> = {}) => ({
  id,
  case_id: caseId,
  case_id_display: caseId.slice(-7),
  module_id: cambodia.primero.moduleId,
  name_first: 'Test',
  name_last: 'Child',
  sex: 'female',
  date_of_birth: '2015-04-02',
  location_current: '2040302',
  owned_by: 'mgrbtb',
  owned_by_agency_id: 'agency-mosvy',
  risk_level: 'high',
  consent_for_services: true,
  disclosure_other_orgs: true,
  ...extra,
})

/** A `referral_to_oscar` service row of `kinship`, to `ngo`, pending. */
export const referralRow = (rowId: string, ngo: string) => ({
  unique_id: rowId,
  service_type: kinship.primeroType,
  service_subtype: [kinship.primeroSubtype],
  service_response_type: serviceResponseTypes.referralToOscar,
  service_implementing_agency: `agency-${ngo}`,
  [fieldIds.serviceReferralStatus]: option.pending,
})

const text = (v: unknown) => (typeof v === 'string' && v.trim().length >= 3 ? [v] : [])

/** Every name, birth date and phone both fakes hold: none may appear in what the sync publishes. */
export const privateValues = (
  primeroCases: ReadonlyArray<Record<string, unknown>>,
  oscarClients: ReadonlyArray<Record<string, unknown>>,
): ReadonlySet<string> =>
  new Set([
    ...primeroCases.flatMap((c) =>
      ['name_first', 'name_last', 'date_of_birth', 'owned_by_phone'].flatMap((k) => text(c[k])),
    ),
    ...oscarClients.flatMap((c) =>
      [
        'given_name',
        'family_name',
        'local_given_name',
        'local_family_name',
        'date_of_birth',
        'case_worker_mobile',
        'reason_for_referral',
      ].flatMap((k) => text(c[k])),
    ),
  ])

/**
 * `text` with its opaque tokens (hashes in base64url, UUIDs, ULIDs: any run of 20 or more
 * of `[A-Za-z0-9_-]`) blanked, for a substring scan: a fingerprint's 43 random characters
 * hold a three-letter name such as "Sok" once in about 260,000 places, and that is chance,
 * not a leak. A name written into a message or a value is never inside such a run.
 */
export const withoutOpaqueTokens = (text: string): string =>
  text.replace(/[A-Za-z0-9_-]{20,}/g, '#')
