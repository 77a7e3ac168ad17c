/** Codec properties over our generators (≥ 200 runs each, asserted inside the property). */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import {
  failingPaths,
  LowercaseUuid,
  PrimeroCase,
  PrimeroDate,
  PrimeroReferral,
  ServiceRowWrite,
} from '../src/index.js'
import {
  isoDate,
  lowercaseUuid,
  primeroCase,
  primeroDate,
  primeroReferral,
  serviceRow,
} from './arbitraries/case.js'

const runs = { numRuns: 250 }

describe('PrimeroCase', () => {
  it('decodes every generated case', () => {
    fc.assert(
      fc.property(primeroCase, (c) => {
        expect(E.isRight(PrimeroCase.decode(c))).toBe(true)
      }),
      runs,
    )
  })

  it('encode(decode(x)) keeps every typed field (dates normalised to YYYY-MM-DD)', () => {
    fc.assert(
      fc.property(primeroCase, (c) => {
        const decoded = PrimeroCase.decode(c)
        if (E.isLeft(decoded)) expect.fail('decodes')
        const encoded = PrimeroCase.encode(decoded.right)
        const dob = c.date_of_birth
        expect(encoded).toEqual({
          ...c,
          ...(dob === undefined
            ? {}
            : { date_of_birth: dob === null ? null : dob.replaceAll('/', '-') }),
        })
      }),
      runs,
    )
  })

  it('a refused date names its path and never its value', () => {
    // A name-like canary: it can never be a piece of a field path (a bare 'bir' is one of
    // 'date_of_birth', a counterexample of seed -534776431).
    const canary = fc.stringMatching(/^[A-Za-z ]{3,20}$/).map((s) => `Sokha ${s}`)
    fc.assert(
      fc.property(primeroCase, canary, (c, junk) => {
        const result = PrimeroCase.decode({ ...c, date_of_birth: junk })
        if (E.isRight(result)) expect.fail('refused')
        const paths = failingPaths(result.left)
        expect(paths).toEqual(['date_of_birth'])
        expect(paths.join()).not.toContain(junk)
      }),
      runs,
    )
  })
})

describe('PrimeroDate', () => {
  it('accepts both separators and normalises to YYYY-MM-DD', () => {
    fc.assert(
      fc.property(isoDate, fc.constantFrom('-', '/'), (d, sep) => {
        expect(PrimeroDate.decode(d.replaceAll('-', sep))).toEqual(E.right(d))
      }),
      runs,
    )
  })

  it('normalising is idempotent', () => {
    fc.assert(
      fc.property(primeroDate, (d) => {
        const once = PrimeroDate.decode(d)
        if (E.isLeft(once)) expect.fail('decodes')
        expect(PrimeroDate.decode(once.right)).toEqual(once)
        expect(PrimeroDate.is(once.right)).toBe(true)
      }),
      runs,
    )
  })

  it('refuses days a month does not have', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2030 }), fc.constantFrom(2, 4, 6, 9, 11), (y, m) => {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
        const day = `${y}-${String(m).padStart(2, '0')}-${last + 1}`
        expect(E.isLeft(PrimeroDate.decode(day))).toBe(true)
      }),
      runs,
    )
  })
})

describe('rows and referrals', () => {
  it('every generated row is a valid row to write; an upper-case unique_id is not', () => {
    fc.assert(
      fc.property(serviceRow, (row) => {
        expect(E.isRight(ServiceRowWrite.decode(row))).toBe(true)
        const upper = { ...row, unique_id: row.unique_id.toUpperCase() }
        expect(E.isRight(ServiceRowWrite.decode(upper))).toBe(!/[a-f]/.test(row.unique_id))
      }),
      runs,
    )
  })

  it('LowercaseUuid accepts generated uuids', () => {
    fc.assert(
      fc.property(lowercaseUuid, (u) => {
        expect(LowercaseUuid.is(u)).toBe(true)
      }),
      runs,
    )
  })

  it('decodes every generated referral', () => {
    fc.assert(
      fc.property(primeroReferral, (r) => {
        expect(PrimeroReferral.decode(r)).toEqual(E.right(r))
      }),
      runs,
    )
  })
})
