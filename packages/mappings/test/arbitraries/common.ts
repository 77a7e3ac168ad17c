/** Arbitraries for the values both systems carry: text, names, dates, codes, ids. */
import fc from 'fast-check'

import type { MappingConfig } from '../../src/index.js'

/** `arb`, or now and then `null` (both systems send `null` for empty fields). */
export const nullable = <A>(arb: fc.Arbitrary<A>): fc.Arbitrary<A | null> =>
  fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) })

/** Khmer script. */
export const khmerText: fc.Arbitrary<string> = fc.string({
  unit: fc.integer({ min: 0x1780, max: 0x17dd }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 12,
})

/** A Latin-script name. */
export const latinName: fc.Arbitrary<string> = fc.stringMatching(/^[A-Z][a-z]{1,10}$/)

/** Any text a user may have typed, including the awkward ones. */
export const messyText: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty'),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  khmerText,
  latinName,
)

/** A calendar date `YYYY-MM-DD` between 1990 and 2030. */
export const isoDate: fc.Arbitrary<string> = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10))

/** A date as the two systems send it, valid or not: slashes, five-digit years, garbage. */
export const messyDate: fc.Arbitrary<string> = fc.oneof(
  isoDate,
  isoDate.map((d) => d.replace(/-/g, '/')),
  isoDate.map((d) => `2${d}`),
  isoDate.map((d) => `${d}T00:00:00.000Z`),
  fc.constantFrom('2012-02-30', '20120-01-01', '0000-00-00', '12/31/2012', ''),
  messyText,
)

/** An instant as Primero sends `created_at`, in one of its formats. */
export const timestamp: fc.Arbitrary<string> = fc
  .date({
    min: new Date('2019-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .chain((d) =>
    fc.constantFrom(
      d.toISOString(),
      d.toISOString().slice(0, 10).replace(/-/g, '/'),
      `${d.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} +0000`,
    ),
  )

/** A lowercase uuid (Primero's row ids). */
export const lowerUuid: fc.Arbitrary<string> = fc.uuid().map((u) => u.toLowerCase())

/** An OSCaR global id (a ULID). */
export const ulid: fc.Arbitrary<string> = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/)

/** A province code of the configuration. */
export const provinceCode = (config: MappingConfig): fc.Arbitrary<string> =>
  fc.constantFrom(...config.provinces.map((p) => p.code))

/** A canonical location code in a listed province: 2, 4, 6 or 8 digits. */
export const locationCode = (config: MappingConfig): fc.Arbitrary<string> =>
  fc
    .tuple(provinceCode(config), fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 3 }))
    .map(([p, rest]) => p + rest.map((n) => String(n).padStart(2, '0')).join(''))

/** A location as either system may hold it: canonical, Primero's form, odd, or not a code. */
export const messyLocation = (config: MappingConfig): fc.Arbitrary<string> =>
  fc.oneof(
    locationCode(config),
    locationCode(config).map((c) => c.replace(/^0+/, '')),
    fc.stringMatching(/^\d{1,10}$/),
    messyText,
  )

/** An agency id of a configured NGO (`agency-cif`). */
export const ngoAgency = (config: MappingConfig): fc.Arbitrary<string> =>
  fc
    .constantFrom(...config.agencies.known)
    .map((o) => config.agencies.idPattern.replace('{organization}', o))
