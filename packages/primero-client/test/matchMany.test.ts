/**
 * `findCasesByAny`: many values of one identifier field in one filtered search,
 * `key[]=v1&key[]=v2…` (a `SearchFilters::TextList` on Primero: any of, exact text;
 * app/services/search_filter_service.rb, app/models/search_filters/text_list.rb).
 */
import { describe, expect, it } from 'vitest'

import { isHttpError, isUncertainMatch } from '../src/index.js'
import { calls, fails, ok, recordingLogger, withClient } from './helpers.js'
import { rewriting } from './rewriting.js'

const ids = (m: ReadonlyMap<string, ReadonlyArray<{ id: string }>>, value: string) =>
  (m.get(value) ?? []).map((c) => c.id).sort()

describe('findCasesByAny', () => {
  it('finds several values in one search, by value; a value no case holds maps to []', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([
      { id: 'a', oscar_number: 'OSC-A' },
      { id: 'b', oscar_number: 'OSC-B' },
      { id: 'c', oscar_number: 'OSC-C' },
    ])
    const found = await ok(primero.findCasesByAny('oscar_number', ['OSC-A', 'OSC-C', 'OSC-Z']))
    expect([...found.keys()].sort()).toEqual(['OSC-A', 'OSC-C', 'OSC-Z'])
    expect(ids(found, 'OSC-A')).toEqual(['a'])
    expect(ids(found, 'OSC-C')).toEqual(['c'])
    expect(ids(found, 'OSC-Z')).toEqual([])
    expect(fake.requests).toHaveLength(1)
    const query = new URLSearchParams(fake.requests[0]?.query)
    expect(query.getAll('oscar_number[]')).toEqual(['OSC-A', 'OSC-C', 'OSC-Z'])
    expect(query.get('per')).toBe('1000')
  })

  it('an all-digit value is exact text (identifiers are never destringified)', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([
      { id: 'a', oscar_number: '4410027' },
      { id: 'b', oscar_number: '44100270' },
    ])
    const found = await ok(primero.findCasesByAny('oscar_number', ['4410027']))
    expect(ids(found, '4410027')).toEqual(['a'])
  })

  it('two cases holding one value: both, under that value', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([
      { id: 'twin-1', case_id: 'CASE-1' },
      { id: 'twin-2', case_id: 'CASE-1' },
      { id: 'other', case_id: 'CASE-2' },
    ])
    const found = await ok(primero.findCasesByAny('case_id', ['CASE-1', 'CASE-2']))
    expect(ids(found, 'CASE-1')).toEqual(['twin-1', 'twin-2'])
    expect(ids(found, 'CASE-2')).toEqual(['other'])
  })

  it('as few searches as fit a 1 KB request line (stock nginx), at most 100 values each', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases(Array.from({ length: 250 }, (_, i) => ({ id: `c${i}`, case_id: `CASE-${i}` })))
    const values = Array.from({ length: 250 }, (_, i) => `CASE-${i}`)
    const found = await ok(primero.findCasesByAny('case_id', [...values, 'CASE-7']))
    const searches = fake.requests.filter((r) => r.method === 'GET' && r.path === '/api/v2/cases')
    // Primero's nginx reads a request line into 1 KB (`large_client_header_buffers 2 1k`).
    for (const r of searches)
      expect(`GET ${r.path}${r.query} HTTP/1.1`.length).toBeLessThanOrEqual(1_024)
    const perSearch = searches.map((r) => new URLSearchParams(r.query).getAll('case_id[]').length)
    expect(perSearch.reduce((a, b) => a + b, 0)).toBe(250)
    expect(Math.max(...perSearch)).toBeLessThanOrEqual(100)
    // Full searches: each but the last holds all it could.
    expect(searches.length).toBeLessThanOrEqual(Math.ceil((250 * 23) / 800) + 1)
    expect(found.size).toBe(250)
    expect(values.every((v, i) => ids(found, v).join() === `c${i}`)).toBe(true)
    expect(await ok(primero.findCasesByAny('case_id', []))).toEqual(new Map())
    expect(calls(fake, 'GET', '/api/v2/cases')).toBe(searches.length)
  })

  it('a case that does not show the field fails the lookup (unreadable), not "no match"', async () => {
    const { primero, fake } = await withClient(undefined, {
      fetch: rewriting((r) => (r['id'] === 'a' ? { ...r, case_id: undefined } : r)),
    })
    fake.seedCases([
      { id: 'a', case_id: 'CASE-1' },
      { id: 'b', case_id: 'CASE-2' },
    ])
    const error = await fails(primero.findCasesByAny('case_id', ['CASE-1', 'CASE-2']))
    expect(isUncertainMatch(error) && [error.reason, error.keys]).toEqual([
      'unreadable',
      ['case_id'],
    ])
  })

  it('a server that ignores the filter: other cases are left out; more than a page is unfiltered', async () => {
    // Neither an identifier nor filterable: the fake drops the filter and answers every case.
    const ignoring = { filterableFields: ['id'], idSearchFields: [] }
    const logger = recordingLogger()
    const { fake, primero } = await withClient(ignoring, { logger })
    fake.seedCases([
      { id: 'a', case_id: 'CASE-1' },
      { id: 'b', case_id: 'CASE-2' },
    ])
    const found = await ok(primero.findCasesByAny('case_id', ['CASE-1']))
    expect([...found.entries()].map(([v, cs]) => [v, cs.map((c) => c.id)])).toEqual([
      ['CASE-1', ['a']],
    ])
    expect(logger.events.map((e) => e.event)).toContain('primero.match.unfiltered')

    fake.seedCases(Array.from({ length: 1100 }, (_, i) => ({ id: `n${i}`, case_id: `N-${i}` })))
    const error = await fails(primero.findCasesByAny('case_id', ['CASE-1', 'N-5']))
    expect(isUncertainMatch(error) && error.reason).toBe('unfiltered')
  })

  it('a failing search fails the whole lookup with the request error', async () => {
    const { fake, primero } = await withClient(undefined, { retry: false })
    fake.seedCases([{ id: 'a', case_id: 'CASE-1' }])
    fake.setFaults({ failNext: { count: 1, status: 500 } })
    const error = await fails(primero.findCasesByAny('case_id', ['CASE-1']))
    expect(isHttpError(error) && error.status).toBe(500)
  })

  it('throws for another key or an empty value', async () => {
    const { primero } = await withClient()
    expect(() => primero.findCasesByAny('mosvy_number' as 'case_id', ['1'])).toThrow(TypeError)
    expect(() => primero.findCasesByAny('case_id', ['a', ''])).toThrow(TypeError)
  })
})
