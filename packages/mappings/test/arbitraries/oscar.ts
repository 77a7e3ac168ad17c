/** Arbitraries for OSCaR clients and their services. All decode as the client would. */
import type { OscarClient } from '@primero-interop/oscar-client'
import fc from 'fast-check'

import type { MappingConfig } from '../../src/index.js'
import { oscarClient } from '../helpers.js'
import {
  isoDate,
  khmerText,
  latinName,
  locationCode,
  lowerUuid,
  messyDate,
  messyLocation,
  messyText,
  nullable,
  ulid,
} from './common.js'

/** An OSCaR service name: from the taxonomy (ambiguous ones included), or not. */
export const oscarServiceName = (config: MappingConfig): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...config.services.taxonomy.map((s) => s.oscarName)) },
    { weight: 1, arbitrary: messyText },
  )

/** A referral status as OSCaR sends it: declared, an alias, another case, or unknown. */
export const oscarStatus = (config: MappingConfig): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...config.statuses.oscarStatuses) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(config.statuses.oscarAliases)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...config.statuses.oscarStatuses).map((s) => s.toLowerCase()),
    },
    { weight: 1, arbitrary: messyText },
  )

/** A raw OSCaR service: an enrolment or a referral. */
export const oscarServiceRaw = (config: MappingConfig): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      name: oscarServiceName(config),
      uuid: nullable(fc.oneof(lowerUuid, messyText)),
      program_name: nullable(messyText),
      enrollment_date: nullable(fc.oneof(isoDate, messyDate)),
      referral_id: nullable(fc.oneof(fc.nat(), fc.integer(), fc.double())),
      referral_status: nullable(oscarStatus(config)),
    },
    { requiredKeys: ['name'] },
  )

/** A raw OSCaR client. */
export const oscarClientRaw = (config: MappingConfig): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      global_id: fc.oneof({ weight: 5, arbitrary: ulid }, { weight: 1, arbitrary: messyText }),
      slug: nullable(messyText),
      external_id: nullable(fc.oneof(fc.constant(''), lowerUuid, messyText)),
      external_id_display: nullable(messyText),
      mosvy_number: nullable(messyText),
      given_name: nullable(fc.oneof(latinName, messyText)),
      family_name: nullable(fc.oneof(latinName, messyText)),
      local_given_name: nullable(fc.oneof(khmerText, messyText)),
      local_family_name: nullable(fc.oneof(khmerText, messyText)),
      gender: nullable(
        fc.oneof(
          fc.constantFrom(
            'female',
            'male',
            'lgbt',
            'unknown',
            'prefer_not_to_say',
            'other',
            'Male',
          ),
          messyText,
        ),
      ),
      date_of_birth: nullable(messyDate),
      location_current_village_code: fc.oneof(
        { weight: 3, arbitrary: locationCode(config) },
        { weight: 1, arbitrary: nullable(messyLocation(config)) },
      ),
      address_current_village_code: nullable(messyLocation(config)),
      organization_id: nullable(fc.oneof(fc.integer(), messyText)),
      organization_name: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...config.agencies.known) },
        { weight: 1, arbitrary: nullable(messyText) },
      ),
      external_case_worker_name: nullable(messyText),
      external_case_worker_id: nullable(messyText),
      reason_for_referral: nullable(messyText),
      reason_for_exiting: nullable(messyText),
      status: nullable(oscarStatus(config)),
      case_worker_name: nullable(messyText),
      case_worker_mobile: nullable(messyText),
      is_referred: nullable(fc.boolean()),
      referral_consent_form: nullable(
        fc.array(fc.oneof(fc.webUrl(), fc.constant('')), { maxLength: 2 }),
      ),
      organization_address_code: nullable(messyLocation(config)),
      level_of_risk: nullable(
        fc.oneof(fc.constantFrom('high', 'medium', 'low', 'no action', ''), messyText),
      ),
      resource: nullable(fc.oneof(fc.constantFrom('primero', 'Primero', 'PRIMERO '), messyText)),
      services: nullable(fc.array(oscarServiceRaw(config), { maxLength: 5 })),
    },
    { requiredKeys: ['global_id'] },
  )

/** An OSCaR client, decoded. */
export const arbOscarClient = (config: MappingConfig): fc.Arbitrary<OscarClient> =>
  oscarClientRaw(config).map(oscarClient)
