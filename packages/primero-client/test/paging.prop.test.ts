import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import type { FetchFn } from '../src/index.js'
import { clientFor, fakePrimero, manualClock } from './helpers.js'

const base = Date.parse('2025-07-01T00:00:00.000Z')
const iso = (ms: number): string => new Date(ms).toISOString()

/** A case: its second (of 4) and millisecond (few, so many share one), its creation second. */
const caseArb = fc.record({
  second: fc.integer({ min: 0, max: 3 }),
  ms: fc.constantFrom(0, 1, 500, 999),
  created: fc.integer({ min: 0, max: 2 }),
})

describe('pages() against ties in any order and edits in flight (property)', () => {
  it('yields every case of the window not edited during the read exactly once, and no case twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.nat(39), { maxLength: 8 }),
        fc.integer({ min: 0, max: 1999 }),
        fc.integer({ min: 2000, max: 3999 }),
        async (cases, per, seed, edits, sinceMs, untilMs) => {
          // Edits happen after the window's end: an edited case leaves the window.
          const clock = manualClock(base + 10_000)
          const fake = await fakePrimero({ clock: clock.now, seed })
          try {
            fake.seedCases(
              cases.map((c, i) => ({
                id: `c${i}`,
                created_at: iso(base - 60_000 + c.created * 1000),
                last_updated_at: iso(base + c.second * 1000 + c.ms),
              })),
            )
            const [since, until] = [base + sinceMs, base + untilMs]
            const queue = [...edits]
            const edited = new Set<string>()
            // Between page requests a caseworker edits a case.
            const fetch: FetchFn = async (input, init) => {
              const n = queue.shift()
              if (n !== undefined && n < cases.length) {
                clock.advance(1)
                fake.editCase(`c${n}`, { risk_level: 'low' })
                edited.add(`c${n}`)
              }
              return globalThis.fetch(input, init)
            }
            const primero = clientFor(fake, { fetch })
            const ids: string[] = []
            for await (const page of primero.pages({
              updatedSince: iso(since),
              updatedUntil: iso(until),
              per,
            })) {
              expect(E.isRight(page)).toBe(true)
              if (E.isRight(page)) ids.push(...page.right.data.map((c) => c.id))
            }
            expect(new Set(ids).size).toBe(ids.length)
            cases.forEach((c, i) => {
              const t = base + c.second * 1000 + c.ms
              const inWindow = t >= since && t <= until
              if (inWindow && !edited.has(`c${i}`)) expect(ids).toContain(`c${i}`)
              if (!inWindow) expect(ids).not.toContain(`c${i}`)
            })
          } finally {
            await fake.close()
          }
        },
      ),
      { numRuns: 40, interruptAfterTimeLimit: 4000 },
    )
  })
})
