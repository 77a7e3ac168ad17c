/**
 * Fingerprints held as flat strings (`seen.ts`) answer as a set of them would: every one
 * kept is found, no other is; the log keeps the last ones added, each once.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { FingerprintLog, SortedFingerprints } from '../src/seen.js'

const budget = { numRuns: 80, interruptAfterTimeLimit: 4_000 }
const WIDTH = 4
const fingerprint = fc.string({ minLength: WIDTH, maxLength: WIDTH, unit: 'grapheme-ascii' })

describe('SortedFingerprints', () => {
  it('finds exactly the fingerprints it was given, in whatever order they were packed', () => {
    fc.assert(
      fc.property(
        fc.array(fingerprint, { maxLength: 300 }),
        fc.array(fingerprint),
        (kept, asked) => {
          const sorted = new SortedFingerprints(kept.join(''), WIDTH)
          const model = new Set(kept)
          for (const f of [...kept, ...asked]) expect(sorted.has(f)).toBe(model.has(f))
          expect(sorted.has('x'.repeat(WIDTH + 1))).toBe(false)
        },
      ),
      budget,
    )
  })
})

describe('FingerprintLog', () => {
  it('packs the last `most` fingerprints added, each once, sorted', () => {
    fc.assert(
      fc.property(
        fc.array(fingerprint, { maxLength: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        (added, most) => {
          const log = new FingerprintLog()
          for (const f of added) log.add(f)
          const packed = log.packed(most)
          const out = Array.from({ length: packed.length / WIDTH }, (_, i) =>
            packed.slice(i * WIDTH, (i + 1) * WIDTH),
          )
          const last: string[] = []
          for (let i = added.length - 1; i >= 0 && last.length < most; i--)
            if (!last.includes(added[i]!)) last.push(added[i]!)
          expect(out).toEqual([...last].sort())
          const again = new SortedFingerprints(packed, WIDTH)
          for (const f of last) expect(again.has(f)).toBe(true)
        },
      ),
      { ...budget, numRuns: 30 },
    )
  })
})
