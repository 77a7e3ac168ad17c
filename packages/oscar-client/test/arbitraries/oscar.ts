import type { OscarReferralStatusUpdate, OscarUpsert } from '@primero-interop/oscar-client'
import * as fc from 'fast-check'

/** Khmer script: consonants and vowels (U+1780–U+17D3). */
export const khmerText = fc
  .array(fc.integer({ min: 0x1780, max: 0x17d3 }), { minLength: 1, maxLength: 12 })
  .map((codes) => String.fromCodePoint(...codes))

/** Text as OSCaR sends it: any unicode, Khmer, `""` or `null`. */
export const oscarText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  khmerText,
  fc.constant(''),
  fc.constant(null),
)

/** A ULID-shaped global id. */
export const globalId = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/)

const day = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10))

/** A service from an enrolment or from a referral. */
export const oscarService = fc.oneof(
  fc.record({
    program_name: oscarText,
    enrollment_date: fc.oneof(day, fc.constant(null)),
    uuid: fc.oneof(fc.uuid(), fc.constant(null)),
    name: fc.string({ unit: 'grapheme', maxLength: 40 }),
  }),
  fc.record({
    program_name: fc.constant(null),
    enrollment_date: fc.constant(null),
    uuid: fc.uuid(),
    name: fc.string({ maxLength: 40 }),
    referral_id: fc.integer({ min: 1, max: 1_000_000 }),
    referral_status: fc.constantFrom('Referred', 'Accepted', 'Exited', 'Active'),
  }),
)

/** A client as `GET clients` returns it: every field optional but `global_id`, extras kept. */
export const oscarClientRecord = fc
  .tuple(
    fc.record(
      {
        global_id: globalId,
        slug: oscarText,
        external_id: fc.oneof(fc.uuid(), fc.constant(''), fc.constant(null)),
        external_id_display: oscarText,
        mosvy_number: oscarText,
        given_name: oscarText,
        family_name: oscarText,
        local_given_name: fc.oneof(khmerText, fc.constant('')),
        local_family_name: fc.oneof(khmerText, fc.constant('')),
        gender: fc.constantFrom(
          'female',
          'male',
          'lgbt',
          'unknown',
          'prefer_not_to_say',
          'other',
          '',
        ),
        date_of_birth: fc.oneof(day, fc.constant('22012-01-01'), fc.constant('')),
        location_current_village_code: fc.stringMatching(/^(\d{2}){0,4}$/),
        organization_id: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.constant(null)),
        organization_name: fc.constantFrom('cif', 'demo', 'tpo'),
        external_case_worker_name: oscarText,
        external_case_worker_id: oscarText,
        status: fc.constantFrom('Accepted', 'Active', 'Exited', 'Referred'),
        is_referred: fc.oneof(fc.boolean(), fc.constant(null)),
        referral_consent_form: fc.oneof(fc.array(fc.webUrl(), { maxLength: 2 }), fc.constant(null)),
        level_of_risk: fc.constantFrom('high', 'medium', 'low', 'no action', ''),
        resource: fc.oneof(fc.constant('primero'), fc.constant(null)),
        services: fc.oneof(fc.array(oscarService, { maxLength: 4 }), fc.constant(null)),
      },
      { requiredKeys: ['global_id'] },
    ),
    fc.dictionary(fc.stringMatching(/^x_[a-z]{1,8}$/), fc.jsonValue(), { maxKeys: 3 }),
  )
  .map(([record, extras]) => ({ ...extras, ...record }))

const riskLevel = fc.constantFrom('high', 'medium', 'low', 'no action') as fc.Arbitrary<
  OscarUpsert['level_of_risk']
>
const payloadText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  khmerText,
  fc.constant(''),
)

/** A valid upsert payload. */
export const oscarUpsert: fc.Arbitrary<OscarUpsert> = fc
  .tuple(
    fc.record({
      external_id: fc.uuid(),
      external_id_display: payloadText,
      mosvy_number: payloadText,
      given_name: payloadText,
      family_name: payloadText,
      gender: payloadText,
      date_of_birth: day,
      location_current_village_code: fc.stringMatching(/^(\d{2}){0,4}$/),
      address_current_village_code: fc.stringMatching(/^(\d{2}){0,4}$/),
      reason_for_referral: payloadText,
      organization_name: fc.constantFrom('cif', 'demo'),
      external_case_worker_name: payloadText,
      external_case_worker_id: payloadText,
      external_case_worker_mobile: payloadText,
      level_of_risk: riskLevel,
      is_referred: fc.boolean(),
      services: fc.array(fc.record({ uuid: fc.uuid(), name: fc.string({ maxLength: 30 }) }), {
        maxLength: 3,
      }),
    }),
    fc.record(
      {
        global_id: globalId,
        organization_id: fc.oneof(fc.string({ maxLength: 5 }), fc.integer()),
        reason_for_exiting: payloadText,
        external_case_worker_email: fc.emailAddress(),
        referral_status: fc.constantFrom('Referred', 'Accepted'),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([required, optional]) => ({ ...required, ...optional }))

/** Keys OSCaR drops from an upsert (and that the codec must strip). */
export const droppedKeys = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'resource',
      'date_of_referral',
      'local_given_name',
      'local_family_name',
      'transaction_id',
    ),
    fc.stringMatching(/^zz_[a-z]{1,6}$/),
  ),
  fc.oneof(fc.string(), khmerText, fc.integer(), fc.constant(null)),
  { minKeys: 1, maxKeys: 4 },
)

export const statusUpdate: fc.Arbitrary<OscarReferralStatusUpdate> = fc.record({
  client_global_id: globalId,
  referral_id: fc.integer({ min: 1, max: 1_000_000 }),
  referral_status: fc.constantFrom('Referred', 'Accepted', 'Exited', 'Active'),
  external_id: fc.uuid(),
  external_id_display: payloadText,
})
