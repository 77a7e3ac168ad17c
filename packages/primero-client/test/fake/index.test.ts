import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { CaseTable } from '../../src/testing/caseTable.js'
import {
  defaultFilterableFields,
  defaultIdSearchFields,
  filterTest,
  idFilterTest,
} from '../../src/testing/filters.js'
import { select } from '../../src/testing/listQuery.js'
import type { FakeRecord } from '../../src/testing/types.js'
import { fakePrimero } from '../helpers.js'
import { api, ids } from './raw.js'

const options = {
  filterable: new Set(defaultFilterableFields),
  idSearchFields: defaultIdSearchFields,
}

/** The list query's selection without any index: every case, Primero's test on each. */
const scanned = (records: ReadonlyArray<FakeRecord>, params: URLSearchParams): string[] => {
  const idFields = new Set(defaultIdSearchFields)
  return records
    .filter((r) =>
      [...params].every(([key, raw]) => {
        if (idFields.has(key)) return idFilterTest(raw)(r[key])
        const test = options.filterable.has(key) ? filterTest(raw) : undefined
        return test === undefined || test(r[key])
      }),
    )
    .map((r) => String(r.id))
}

describe('fake: the case index', () => {
  it('finds a case by the value a PATCH, an edit, a create or a disable just wrote, and not by the old one', async () => {
    const fake = await fakePrimero()
    fake.seedCases([
      { id: 'a', case_id: 'case-a', oscar_number: 'OSC-1', mosvy_number: '11' },
      { id: 'b', case_id: 'case-b', oscar_number: 'OSC-2', mosvy_number: '22' },
    ])
    // Each search builds its field's index; the writes below must keep it.
    expect(await ids(fake, 'oscar_number=OSC-1')).toEqual(['a'])
    expect(await ids(fake, 'mosvy_number=22')).toEqual([])
    expect(await ids(fake, 'record_state=false')).toEqual([])
    expect(await ids(fake, 'case_id=case-c')).toEqual([])

    const patched = await api(fake, 'PATCH', '/api/v2/cases/a', { data: { oscar_number: 'OSC-9' } })
    expect(patched.status).toBe(200)
    expect(await ids(fake, 'oscar_number=OSC-9')).toEqual(['a'])
    expect(await ids(fake, 'oscar_number=OSC-1')).toEqual([])

    fake.editCase('b', { mosvy_number: 22 })
    expect(await ids(fake, 'mosvy_number=22')).toEqual(['b'])

    const created = await api(fake, 'POST', '/api/v2/cases', {
      data: { id: 'c', case_id: 'case-c', name_first: 'X' },
    })
    expect(created.status).toBe(204)
    expect(await ids(fake, 'case_id=case-c')).toEqual(['c'])

    expect((await api(fake, 'DELETE', '/api/v2/cases/b')).status).toBe(200)
    expect(await ids(fake, 'record_state=false')).toEqual(['b'])
  })

  it('selects what a scan of every case selects, in creation order, whatever the writes (property)', () => {
    const value = fc.constantFrom<unknown>('1', 1, 'x', 'y', true, false, null, ['1', 'x'], [2])
    const record = fc.record(
      { oscar_number: value, mosvy_number: value, status: value, case_id: value },
      { requiredKeys: [] },
    )
    const write = fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), record)
    const filter = fc.tuple(
      fc.constantFrom('oscar_number', 'mosvy_number', 'status', 'case_id'),
      fc.constantFrom('1', 'x', 'y', 'true', 'false', '1,x', 'x,2', '2', '1..', ''),
    )
    fc.assert(
      fc.property(
        fc.array(write, { maxLength: 12 }),
        fc.array(fc.array(filter, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }),
        (writes, queries) => {
          const table = new CaseTable()
          const half = Math.floor(writes.length / 2)
          const check = (): void => {
            for (const query of queries) {
              const params = new URLSearchParams(query)
              expect(select(table, params, options).map((r) => String(r.id))).toEqual(
                scanned([...table.values()], params),
              )
            }
          }
          writes.forEach(([id, data], i) => {
            // Searching halfway builds the indexes; the later writes must keep them.
            if (i === half) check()
            table.set(id, { ...data, id })
          })
          check()
        },
      ),
      { numRuns: 150 },
    )
  })
})
