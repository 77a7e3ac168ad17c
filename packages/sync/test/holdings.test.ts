import type { OscarClient } from '@primero-interop/oscar-client'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { holdingsIndex, HoldingsTable, learnHoldings } from '../src/holdings.js'
import type { Holding } from '../src/state.js'

const client = (global_id: string, organization_name: string, external_id?: string) =>
  ({
    global_id,
    organization_name,
    ...(external_id === undefined ? {} : { external_id }),
  }) as unknown as OscarClient

describe('holdings', () => {
  it('learns every NGO that holds a child, and keeps what earlier reads showed', () => {
    const first = learnHoldings({}, [client('G1', 'cif', 'case-1')])
    const second = learnHoldings(first, [client('G1', 'tpo'), client('G2', 'kmr')])
    expect(second).toEqual({
      G1: { orgs: ['cif', 'tpo'], caseId: 'case-1' },
      G2: { orgs: ['kmr'] },
    })
    expect(first).toEqual({ G1: { orgs: ['cif'], caseId: 'case-1' } })
  })

  it('finds the global id of a case at one NGO only, and the smallest of two', () => {
    const index = holdingsIndex(
      learnHoldings({}, [
        client('G9', 'cif', 'case-1'),
        client('G3', 'cif', 'case-1'),
        client('G5', 'tpo', 'case-1'),
      ]),
    )
    expect(index.globalIdAt('case-1', 'cif')).toBe('G3')
    expect(index.globalIdAt('case-1', 'tpo')).toBe('G5')
    expect(index.globalIdAt('case-1', 'kmr')).toBeUndefined()
    expect(index.orgsOf('G3')).toEqual(['cif'])
    expect(index.orgsOf('unknown')).toEqual([])
  })

  it('keeps an id such as __proto__ a plain key', () => {
    const table = learnHoldings({}, [client('__proto__', 'cif', 'constructor')])
    expect(Object.keys(table)).toEqual(['__proto__'])
    expect(holdingsIndex(table).orgsOf('__proto__')).toEqual(['cif'])
    expect(({} as Record<string, unknown>)['orgs']).toBeUndefined()
  })
})

describe('HoldingsTable', () => {
  /** What the table must say, worked out from scratch after every read. */
  const model = (reads: ReadonlyArray<ReadonlyArray<OscarClient>>) => {
    const table = new Map<string, Holding>()
    for (const read of reads)
      for (const c of read) {
        const before = table.get(c.global_id)
        const orgs = [...new Set([...(before?.orgs ?? []), c.organization_name as string])].sort()
        const caseId = (c.external_id as string | undefined) ?? before?.caseId
        table.set(c.global_id, caseId === undefined ? { orgs } : { orgs, caseId })
      }
    const at = (caseId: string, org: string) =>
      [...table].filter(([, h]) => h.caseId === caseId && h.orgs.includes(org)).map(([g]) => g)
    return {
      table: Object.fromEntries(table),
      globalIdAt: (caseId: string, org: string) => at(caseId, org).sort()[0],
      globalIdsOf: (caseId: string) =>
        [...table]
          .filter(([, h]) => h.caseId === caseId)
          .map(([g]) => g)
          .sort(),
    }
  }
  const someClient = fc
    .tuple(
      fc.constantFrom('G1', 'G2', 'G3', 'G4'),
      fc.constantFrom('cif', 'tpo', 'kmr'),
      fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: undefined }),
    )
    .map(([g, org, caseId]) => client(g, org, caseId))

  it('answers as the table worked out from scratch, read after read, when a child changes case', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(someClient, { maxLength: 8 }), { maxLength: 5 }),
        fc.boolean(),
        (reads, spill) => {
          const table = new HoldingsTable({}, { spill })
          for (const read of reads) table.learn(read)
          const want = model(reads)
          expect(table.table()).toEqual(want.table)
          for (const caseId of ['c1', 'c2', 'c3']) {
            expect(table.globalIdsOf(caseId)).toEqual(want.globalIdsOf(caseId))
            for (const org of ['cif', 'tpo', 'kmr'])
              expect(table.globalIdAt(caseId, org)).toBe(want.globalIdAt(caseId, org))
          }
          for (const [g, h] of Object.entries(want.table)) expect(table.orgsOf(g)).toEqual(h.orgs)
          // Read back from what it saved, it says the same.
          const again = new HoldingsTable(table.table(), { spill })
          for (const caseId of ['c1', 'c2', 'c3'])
            expect(again.globalIdsOf(caseId)).toEqual(want.globalIdsOf(caseId))
          table.clear()
          again.clear()
        },
      ),
      { numRuns: 80, interruptAfterTimeLimit: 4_000 },
    )
  })
})
