import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import {
  ageAt,
  cambodia,
  canonicalLocationCode,
  composeName,
  normaliseOscarStatus,
  primeroLocationCode,
  provinceOf,
  repairDateOfBirth,
  toOscarServiceName,
  toPrimeroService,
  toPrimeroSex,
} from '../src/index.js'
import { isoDate, locationCode, messyDate, messyLocation, messyText } from './arbitraries/common.js'
import { oscarStatus } from './arbitraries/oscar.js'

const { taxonomy } = cambodia.services
const names = taxonomy.map((s) => s.oscarName)
const unambiguous = taxonomy.filter(
  (s) => names.indexOf(s.oscarName) === names.lastIndexOf(s.oscarName),
)

describe('location codes (properties)', () => {
  it('both normalisers are idempotent on any text', () => {
    fc.assert(
      fc.property(fc.oneof(messyLocation(cambodia), messyText), (s) => {
        expect(canonicalLocationCode(canonicalLocationCode(s))).toBe(canonicalLocationCode(s))
        expect(primeroLocationCode(primeroLocationCode(s))).toBe(primeroLocationCode(s))
      }),
      { examples: [['0'], ['00'], [' 1 '], [''], ['0204 ']] },
    )
  })

  it('round trip: canonical → Primero → canonical, and Primero → canonical → Primero', () => {
    fc.assert(
      fc.property(locationCode(cambodia), (code) => {
        expect(code.length % 2).toBe(0)
        expect(canonicalLocationCode(primeroLocationCode(code))).toBe(code)
        const p = primeroLocationCode(code)
        expect(primeroLocationCode(canonicalLocationCode(p))).toBe(p)
      }),
    )
  })

  it("every 8, 6, 4 or 2-digit code of a listed province finds its province's user, in both forms", () => {
    fc.assert(
      fc.property(locationCode(cambodia), (code) => {
        const expected = cambodia.provinces.find((p) => p.code === code.slice(0, 2))
        expect(expected).toBeDefined()
        expect(provinceOf(code, cambodia)?.primeroUser).toBe(expected?.primeroUser)
        expect(provinceOf(primeroLocationCode(code), cambodia)?.primeroUser).toBe(
          expected?.primeroUser,
        )
      }),
    )
  })
})

describe('dates (properties)', () => {
  it('repairDateOfBirth is total and idempotent, and its results are calendar dates', () => {
    fc.assert(
      fc.property(messyDate, (s) => {
        const once = repairDateOfBirth(s)
        if (E.isLeft(once)) return
        expect(once.right).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect(repairDateOfBirth(once.right)).toEqual(once)
        expect(new Date(`${once.right}T00:00:00Z`).toISOString().slice(0, 10)).toBe(once.right)
      }),
      { examples: [['22012-02-29'], ['2000/2/29'], ['2100-02-29'], ['1900-01-01T23:59:59+07:00']] },
    )
  })

  it('keeps valid dates, whatever the separator, and repairs a five-digit year', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        expect(repairDateOfBirth(d)).toEqual(E.right(d))
        expect(repairDateOfBirth(d.replace(/-/g, '/'))).toEqual(E.right(d))
        expect(repairDateOfBirth(`2${d}`)).toEqual(E.right(d))
      }),
    )
  })

  it('ageAt is whole years in 0..30, and grows by one a year later (within the range)', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (dob, now) => {
          const age = ageAt(dob, now)
          expect(Number.isInteger(age)).toBe(true)
          expect(age).toBeGreaterThanOrEqual(0)
          expect(age).toBeLessThanOrEqual(30)
          const nextYear = new Date(now.getTime())
          nextYear.setUTCFullYear(now.getUTCFullYear() + 1)
          if (age >= 1 && age <= 29 && !(now.getUTCMonth() === 1 && now.getUTCDate() === 29)) {
            expect(ageAt(dob, nextYear)).toBe(age + 1)
          }
        },
      ),
    )
  })
})

describe('names and sex (properties)', () => {
  it('composeName keeps both parts, and is idempotent on a single name', () => {
    fc.assert(
      fc.property(
        fc.option(messyText, { nil: null }),
        fc.option(messyText, { nil: null }),
        (local, latin) => {
          const name = composeName(local, latin)
          if (local?.trim() && latin?.trim()) {
            expect(name).toContain(local.trim())
            expect(name).toContain(latin.trim())
          }
          if (name !== undefined) expect(composeName(name, null)).toBe(name)
        },
      ),
    )
  })

  it('toPrimeroSex gives male, female or other, idempotently', () => {
    fc.assert(
      fc.property(fc.oneof(messyText, fc.constantFrom('male', 'FEMALE', 'Male ')), (g) => {
        const sex = toPrimeroSex(g)
        if (sex === undefined) return
        expect(['male', 'female', 'other']).toContain(sex)
        expect(toPrimeroSex(sex)).toBe(sex)
      }),
    )
  })
})

describe('services (properties)', () => {
  it('round trip: subtype → OSCaR name → subtype for every unambiguous row', () => {
    fc.assert(
      fc.property(fc.constantFrom(...unambiguous), (entry) => {
        const name = toOscarServiceName(entry.primeroSubtype, cambodia)
        expect(name).toBe(entry.oscarName)
        expect(toPrimeroService(name ?? '', cambodia)).toEqual({
          type: entry.primeroType,
          subtype: entry.primeroSubtype,
        })
      }),
    )
  })

  it('round trip: OSCaR name → subtype → OSCaR name for every name, ambiguous ones included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), (name) => {
        const { subtype } = toPrimeroService(name, cambodia)
        expect(toOscarServiceName(subtype ?? '', cambodia)).toBe(name)
      }),
    )
  })

  it('an unknown name falls back to Other with the name kept', () => {
    fc.assert(
      fc.property(messyText, (name) => {
        fc.pre(!names.includes(name))
        expect(toPrimeroService(name, cambodia)).toEqual({
          type: 'Other',
          subtype: undefined,
          detailsText: name,
        })
      }),
    )
  })
})

describe('status maps (properties)', () => {
  const s = cambodia.statuses
  it('round trip on the declared options: option → OSCaR → option', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(s.primeroServiceStatusToOscar)), (option) => {
        const oscar = s.primeroServiceStatusToOscar[option] ?? ''
        expect(s.oscarToPrimeroServiceStatus[oscar]).toBe(option)
      }),
    )
  })

  it('the two inbound maps agree on every declared OSCaR status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...s.oscarStatuses), (status) => {
        const option = s.oscarToPrimeroServiceStatus[status] ?? ''
        expect(s.primeroServiceStatusToReferralStatus[option]).toBe(
          s.oscarToPrimeroReferralStatus[status],
        )
      }),
    )
  })

  it('normaliseOscarStatus is idempotent and lands on a declared status', () => {
    fc.assert(
      fc.property(oscarStatus(cambodia), (raw) => {
        const status = normaliseOscarStatus(raw, cambodia)
        if (status === undefined) return
        expect(s.oscarStatuses).toContain(status)
        expect(normaliseOscarStatus(status, cambodia)).toBe(status)
      }),
      { examples: [['constructor'], ['Accetped'], [' ACCETPED '], ['__proto__']] },
    )
  })
})
