import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { IdSet } from '../src/idSet.js'

// Primero's ids (lowercase UUIDs, a few of them often), their uppercase spelling (another
// id), and ids of any other shape.
const uuid = fc.uuid()
const id = fc.oneof(
  uuid,
  uuid.map((u) => u.toUpperCase()),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '00000000-0000-4000-8000-000000000001',
  ),
  fc.string({ maxLength: 40 }),
)

describe('IdSet (property)', () => {
  it('answers as a Set of strings would, past several growths of its table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), id), { maxLength: 1500, size: 'max' }),
        fc.array(id, { maxLength: 50 }),
        (steps, probes) => {
          // A table of 4 slots at first: it grows many times over.
          const ids = new IdSet(4)
          const model = new Set<string>()
          for (const [add, x] of steps) {
            if (add) {
              ids.add(x)
              model.add(x)
            }
            expect(ids.has(x)).toBe(model.has(x))
          }
          for (const [, x] of steps) expect(ids.has(x)).toBe(model.has(x))
          for (const x of probes) expect(ids.has(x)).toBe(model.has(x))
          expect(ids.size).toBe(model.size)
        },
      ),
      { numRuns: 40, interruptAfterTimeLimit: 4_000 },
    )
  })

  it('keeps 100,000 ids apart, each added once', () => {
    const ids = new IdSet()
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')
    // Ids that differ in one word only: the hash must mix every word.
    const at = (i: number) => `${hex(i, 8)}-0000-4000-8000-${hex(i * 7, 12)}`
    for (let i = 0; i < 100_000; i++) ids.add(at(i))
    for (let i = 0; i < 100_000; i++) ids.add(at(i))
    expect(ids.size).toBe(100_000)
    expect(ids.has(at(99_999))).toBe(true)
    expect(ids.has(at(100_000))).toBe(false)
  })
})
