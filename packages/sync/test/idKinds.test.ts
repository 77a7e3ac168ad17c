/**
 * The run's id kinds (`idKinds.ts`) answer as a map of ids would, the first kind named
 * kept; a 100,000-case run's ids do not share a slot's hash.
 */
import { createHash } from 'node:crypto'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { ID_KINDS, IdKinds } from '../src/idKinds.js'
import type { IdKind } from '../src/report.js'

const kind = fc.constantFrom(...ID_KINDS)

/** UUID-shaped ids from a counter (the same every run). */
const uuid = (i: number): string => {
  const hex = createHash('sha1').update(String(i)).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

describe('IdKinds', () => {
  it('answers as a map would, keeping the first kind named, as it grows', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), kind), { maxLength: 3000 }), (names) => {
        const table = new IdKinds()
        const model = new Map<string, IdKind>()
        for (const [id, k] of names) {
          table.name(id, k)
          if (!model.has(id)) model.set(id, k)
        }
        expect(table.size).toBe(model.size)
        for (const [id, k] of model) expect(table.get(id)).toBe(k)
        expect(table.get('\u0000never named')).toBeUndefined()
        table.clear()
        expect(table.size).toBe(0)
        for (const id of model.keys()) expect(table.get(id)).toBeUndefined()
      }),
      { numRuns: 40, interruptAfterTimeLimit: 4_000 },
    )
  })

  it("tells apart a 100,000-case run's ids (four a case)", () => {
    const table = new IdKinds()
    const ids = Array.from({ length: 400_000 }, (_, i) =>
      i % 4 === 3 ? `${i.toString(36)}/${i % 97}` : uuid(i),
    )
    ids.forEach((id, i) => table.name(id, i % 2 === 0 ? 'caseId' : 'recordId'))
    expect(table.size).toBe(ids.length)
    expect(ids.every((id, i) => table.get(id) === (i % 2 === 0 ? 'caseId' : 'recordId'))).toBe(true)
  })
})
