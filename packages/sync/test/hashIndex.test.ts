/**
 * Where each key's record is (`hashIndex.ts`) answers as a `Map` would, through any
 * mix of puts and deletes, as it grows and rebuilds, even when every key shares a hash
 * with others: the record read back (`matches`) tells them apart.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { HashIndex } from '../src/hashIndex.js'

const budget = { numRuns: 60, interruptAfterTimeLimit: 4_000 }
const op = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2500 }))

describe.each([
  ['its own hash', undefined, true],
  ['a hash four keys in five share', (key: string) => [0, key.length % 5] as const, true],
  ['half its own hash', undefined, false],
  ['half a hash whose low halves all collide', (key: string) => [key.length, 7] as const, false],
])('HashIndex (%s)', (_, hash, wide) => {
  it('finds each key at the slot it was last put at, and nothing deleted', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const index = new HashIndex(hash, { wide })
        /** The "file": the key each slot was written for. */
        const written: string[] = []
        const model = new Map<string, number>()
        const isKey = (key: string) => (slot: number) => written[slot] === key
        for (const [put, n] of ops) {
          const key = `k${n}`
          if (put) {
            written.push(key)
            index.put(key, written.length - 1, isKey(key))
            model.set(key, written.length - 1)
          } else {
            index.delete(key, isKey(key))
            model.delete(key)
          }
        }
        expect(index.size).toBe(model.size)
        for (let n = 0; n <= 2500; n += 7)
          expect(index.find(`k${n}`, isKey(`k${n}`))).toBe(model.get(`k${n}`))
        expect([...index.records()].sort((a, b) => a - b)).toEqual(
          [...model.values()].sort((a, b) => a - b),
        )
        index.clear()
        expect(index.size).toBe(0)
        expect([...index.records()]).toEqual([])
      }),
      hash === undefined ? budget : { ...budget, numRuns: 15 },
    )
  })
})
