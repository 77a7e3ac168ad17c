/**
 * Tolerant reading, for any valid record and any non-identity field replaced by any JSON
 * value: the record is kept, the field is valid or absent, the warning names its path, and
 * no warning carries the value (a canary string is planted in it).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { describe, expect, it } from 'vitest'

import type { RepairedRecord } from '../src/casePage.js'
import { decodeCase, decodeCases } from '../src/casePage.js'
import { caseReadFields, serviceRowFields } from '../src/codecs/Case.js'
import { referralFields } from '../src/codecs/Referral.js'
import { PrimeroCase } from '../src/index.js'
import { decodeReferral } from '../src/referrals.js'
import { primeroCase, primeroReferral, serviceRow } from './arbitraries/case.js'

const runs = { numRuns: 200 }
type Obj = Record<string, unknown>
type Codecs = Readonly<Record<string, t.Decoder<unknown, unknown>>>

/** A name-like canary: never a piece of a field path. */
const canary = fc.stringMatching(/^[A-Za-z ]{3,12}$/).map((s) => `Sokha ${s}`)
const canaryIn = (u: unknown): boolean => JSON.stringify(u).includes('Sokha')

/** Any JSON value, its strings carrying the canary, or a value some repair reads. */
const odd: fc.Arbitrary<unknown> = fc.oneof(
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      canary,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(canary, tie('value'), { maxKeys: 3 }),
    ),
  })).value,
  fc.constantFrom('true', 'False', '7', '2012-1-5', '2012/13/01', 'x', ['a', 1], [null]),
)

/** Checks the field at `path` of `record` (key `key`, codec from `codecs`) after a read. */
const expectTolerated = (
  codecs: Codecs,
  key: string,
  path: string,
  value: unknown,
  record: Obj | undefined,
  warnings: ReadonlyArray<Pick<RepairedRecord, 'paths' | 'dropped'>>,
) => {
  const codec = codecs[key]
  if (codec === undefined || record === undefined) return expect.fail('known field, read')
  const paths = warnings.flatMap((w) => w.paths)
  const dropped = warnings.flatMap((w) => w.dropped)
  expect(paths.every((p) => p === path || p.startsWith(`${path}.`))).toBe(true)
  if (E.isRight(codec.decode(value))) {
    // Accepted as it is: kept (normalised), and nothing to say.
    expect(paths).toEqual([])
    expect(record[key]).toEqual(E.getOrElseW(() => value)(codec.decode(value)))
  } else {
    expect(paths.length).toBeGreaterThan(0)
  }
  if (dropped.includes(path)) expect(record).not.toHaveProperty(key)
  if (key in record) expect(E.isRight(codec.decode(record[key]))).toBe(true)
  expect(canaryIn(warnings)).toBe(false)
}

const caseKeys = Object.keys(caseReadFields).filter((k) => k !== 'case_id')

describe('a case with one odd field', () => {
  it('is kept; the field is valid or absent; the warning names it, never its value', () => {
    fc.assert(
      fc.property(primeroCase, fc.constantFrom(...caseKeys), odd, (c, key, value) => {
        const { data, rejected, repaired } = decodeCases([[4, { ...c, [key]: value }]])
        expect(rejected).toEqual([])
        expect(data.map((d) => d.id)).toEqual([c.id])
        expect(repaired.every((r) => r.index === 4 && r.id === c.id)).toBe(true)
        expectTolerated(caseReadFields, key, key, value, data[0], repaired)
      }),
      runs,
    )
  })

  it('a row field: the row is kept, the warning names services_section.<i>.<field>', () => {
    const rowKeys = Object.keys(serviceRowFields)
    fc.assert(
      fc.property(
        primeroCase,
        fc.array(serviceRow, { maxLength: 2 }),
        serviceRow,
        fc.constantFrom(...rowKeys),
        odd,
        (c, rows, row, key, value) => {
          const i = rows.length
          const raw = { ...c, services_section: [...rows, { ...row, [key]: value }] }
          const { data, rejected, repaired } = decodeCases([[0, raw]])
          expect(rejected).toEqual([])
          const read = data[0]?.services_section ?? []
          expect(read.map((r) => r.unique_id)).toEqual(raw.services_section.map((r) => r.unique_id))
          const path = `services_section.${i}.${key}`
          expectTolerated(serviceRowFields, key, path, value, read[i], repaired)
        },
      ),
      runs,
    )
  })

  it('reading what was read says nothing more (repairs are idempotent)', () => {
    fc.assert(
      fc.property(primeroCase, fc.constantFrom(...caseKeys), odd, (c, key, value) => {
        const first = decodeCase({ ...c, [key]: value })
        if (E.isLeft(first)) return expect.fail('kept')
        const again = decodeCase(PrimeroCase.encode(first.right.value))
        expect(again).toEqual(E.right({ value: first.right.value, paths: [], dropped: [] }))
      }),
      runs,
    )
  })

  it('a case_id that is not text is refused, by path only', () => {
    const notText = odd.filter((u) => u !== null && typeof u !== 'string')
    fc.assert(
      fc.property(primeroCase, notText, (c, value) => {
        const { data, rejected } = decodeCases([[0, { ...c, case_id: value }]])
        expect(data).toEqual([])
        expect(rejected).toEqual([{ index: 0, id: c.id, paths: ['case_id'] }])
      }),
      runs,
    )
  })
})

describe('a referral with one odd field', () => {
  it('is kept; the field is valid or absent; the warning names it, never its value', () => {
    fc.assert(
      fc.property(
        primeroReferral,
        fc.constantFrom(...Object.keys(referralFields)),
        odd,
        (r, key, value) => {
          const result = decodeReferral({ ...r, [key]: value })
          if (E.isLeft(result)) return expect.fail('kept')
          const { value: read, paths, dropped } = result.right
          expect(read.id).toBe(r.id)
          expectTolerated(referralFields, key, key, value, read, [{ paths, dropped }])
        },
      ),
      runs,
    )
  })
})
