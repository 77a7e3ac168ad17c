/**
 * `idHash` keys the run's id kinds (`RunContext.name`): an integer a `Map` holds without a
 * string, one per id, and far enough apart that a run's ids do not share one.
 */
import { createHash } from 'node:crypto'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { idHash } from '../src/ids.js'

describe('idHash', () => {
  it('is the same integer below 2^52 for the same id', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        const h = idHash(id)
        expect(Number.isSafeInteger(h)).toBe(true)
        expect(h).toBeGreaterThanOrEqual(0)
        expect(h).toBeLessThan(2 ** 52)
        expect(idHash(`${id}`)).toBe(h)
      }),
      { numRuns: 200, interruptAfterTimeLimit: 2_000 },
    )
  })

  it("gives a 100,000-case run's ids (four a case) as many hashes", () => {
    // UUID-shaped ids from a counter (the same every run), and OSCaR referral keys.
    const uuid = (i: number): string => {
      const hex = createHash('sha1').update(String(i)).digest('hex')
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
    }
    const ids = Array.from({ length: 400_000 }, (_, i) =>
      i % 4 === 3 ? `${i.toString(36)}/${i % 97}` : uuid(i),
    )
    expect(new Set(ids.map(idHash)).size).toBe(new Set(ids).size)
  })

  it('sets ids that differ in one character apart', () => {
    const base = '9ea656c4-1513-4dd0-b8ab-13875bc8f3cc'
    const near = new Set<number>()
    for (let at = 0; at < base.length; at++)
      for (const c of '0123456789abcdef-')
        near.add(idHash(`${base.slice(0, at)}${c}${base.slice(at + 1)}`))
    const distinct = new Set<string>()
    for (let at = 0; at < base.length; at++)
      for (const c of '0123456789abcdef-')
        distinct.add(`${base.slice(0, at)}${c}${base.slice(at + 1)}`)
    expect(near.size).toBe(distinct.size)
  })
})
