/**
 * fast-check arbitraries for Primero records. They generate valid values directly (no
 * filtering), in the shapes the samples show: both date separators, nulls for empty
 * fields, instance-specific suffixed fields beside the typed ones.
 */
import fc from 'fast-check'

const syllables = [
  'Sok',
  'Chan',
  'Dara',
  'Srey',
  'Vann',
  'Piseth',
  'Bopha',
  'Rith',
  'Mealea',
  'Kosal',
  'Thida',
  'Vuthy',
]

/** An invented child's name, two or three parts. */
export const childName: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...syllables), { minLength: 2, maxLength: 3 })
  .chain((parts) => fc.constantFrom('', 'a', 'ny', 'ra').map((end) => `${parts.join(' ')}${end}`))

/** A lowercase uuid, as Primero wants a subform row's `unique_id`. */
export const lowercaseUuid: fc.Arbitrary<string> = fc.uuid().map((u) => u.toLowerCase())

/** A calendar date `YYYY-MM-DD`. */
export const isoDate: fc.Arbitrary<string> = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10))

/** A calendar date as instances send it: `YYYY-MM-DD` or `YYYY/MM/DD`. */
export const primeroDate: fc.Arbitrary<string> = fc
  .tuple(isoDate, fc.constantFrom('-', '/'))
  .map(([d, sep]) => d.replaceAll('-', sep))

/** An ISO date-time with milliseconds. */
export const isoDateTime: fc.Arbitrary<string> = fc
  .date({
    min: new Date('2015-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString())

const orNull = <A>(a: fc.Arbitrary<A>): fc.Arbitrary<A | null> =>
  fc.option(a, { nil: null, freq: 5 })
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/)

/** Fields an instance adds to its forms (the Cambodia ones are suffixed hashes). */
const instanceFields = fc.dictionary(
  fc.stringMatching(/^[a-z]{3,12}_[0-9a-f]{7}$/),
  fc.oneof(word, fc.boolean(), fc.integer()),
  { maxKeys: 3 },
)

/** One `services_section` row as Primero returns it. */
export const serviceRow = fc
  .tuple(
    fc.record(
      {
        unique_id: lowercaseUuid,
        service_type: orNull(word),
        service_subtype: orNull(fc.array(word, { maxLength: 2 })),
        service_response_type: orNull(fc.constantFrom('referral_to_oscar', 'referral_from_oscar')),
        service_response_day_time: orNull(isoDateTime),
        service_implementing_agency: orNull(word.map((w) => `agency-${w}`)),
        service_implemented: orNull(fc.constantFrom('implemented', 'not_implemented')),
        service_status_referred: orNull(fc.boolean()),
      },
      { requiredKeys: ['unique_id'] },
    ),
    instanceFields,
  )
  .map(([typed, extra]) => ({ ...extra, ...typed }))

/** A Primero case with any subset of the typed fields, plus instance fields. */
export const primeroCase = fc
  .tuple(
    fc.record(
      {
        id: lowercaseUuid,
        case_id: orNull(lowercaseUuid),
        case_id_display: orNull(fc.stringMatching(/^[0-9a-f]{7}$/)),
        enabled: orNull(fc.boolean()),
        status: orNull(fc.constantFrom('open', 'closed')),
        module_id: orNull(fc.constantFrom('primeromodule-cp', 'primeromodule-gbv')),
        oscar_number: orNull(fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
        mosvy_number: orNull(fc.stringMatching(/^\d{5,9}$/)),
        name_first: orNull(childName),
        name_last: orNull(childName),
        sex: orNull(fc.constantFrom('male', 'female', 'other')),
        date_of_birth: orNull(primeroDate),
        age: orNull(fc.integer({ min: 0, max: 30 })),
        location_current: orNull(fc.stringMatching(/^\d{2,8}$/)),
        risk_level: orNull(fc.constantFrom('no_action', 'low', 'medium', 'high')),
        consent_for_services: orNull(fc.boolean()),
        disclosure_other_orgs: orNull(fc.boolean()),
        created_at: isoDateTime,
        last_updated_at: isoDateTime,
        services_section: orNull(fc.array(serviceRow, { maxLength: 3 })),
      },
      { requiredKeys: ['id'] },
    ),
    instanceFields,
  )
  .map(([typed, extra]) => ({ ...extra, ...typed }))

/** A referral as `GET /api/v2/cases/:id/referrals` returns it. */
export const primeroReferral = fc.record(
  {
    id: lowercaseUuid,
    status: fc.constantFrom('in_progress', 'accepted', 'rejected', 'done', 'revoked'),
    type: fc.constant('Referral'),
    record_id: lowercaseUuid,
    record_type: fc.constant('case'),
    transitioned_to: word,
    service_record_id: orNull(lowercaseUuid),
    notes: orNull(fc.string()),
    consent_overridden: orNull(fc.boolean()),
    created_at: isoDateTime,
  },
  { requiredKeys: ['id', 'status'] },
)
