/**
 * Issue #14: lookups on `case_id` or `oscar_number` asked in the same turn of the event
 * loop go in one filtered search (`key[]=a&key[]=b`, Primero's `SearchFilters::TextList`),
 * so lookups asked together cost ⌈lookups / concurrency⌉ searches (more when long values
 * would pass a 1 KB request line), and a first sync no longer makes one search per child. Counted at the fake; no wall clock.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

/** Primero searches that look a child up (a page of the window filters on last_updated_at). */
const lookupSearches = (h: Harness) =>
  h.fakePrimero.requests.filter(
    (r) => r.method === 'GET' && r.path === '/api/v2/cases' && !r.query.includes('last_updated_at'),
  )

/** The values one search looks up (`case_id[]` and `oscar_number[]` together). */
const valuesOf = (query: string): number => {
  const params = new URLSearchParams(query)
  return params.getAll('case_id[]').length + params.getAll('oscar_number[]').length
}

describe('batched lookups', () => {
  it('a first sync of 200 cases: lookups asked together share searches, ≤ ⌈children / 4⌉ in all', async () => {
    h = await startHarness({ scenario: { cases: 200, seed: 14 }, sync: { concurrency: 16 } })
    const report = await h.run()
    const children = h.fakeOscar.clients().length
    const searches = lookupSearches(h)
    const values = searches.reduce((n, r) => n + valuesOf(r.query), 0)
    const together = searches.filter((r) => new URLSearchParams(r.query).has('case_id[]'))
    const togetherValues = together.reduce((n, r) => n + valuesOf(r.query), 0)
    const spent = `${searches.length} searches for ${values} lookups of ${children} children (case_id: ${together.length} for ${togetherValues})`
    console.info(`batched lookups: ${spent}`)
    expect(children, 'the scenario has children to look up').toBeGreaterThan(50)
    // Flow 0 asks its lookups together, 16 at a time: each batch in as few searches as fit
    // Primero's 1 KB request line (one search per child before).
    expect(togetherValues, spent).toBeGreaterThan(32)
    const longest = Math.max(
      ...together.flatMap((r) =>
        new URLSearchParams(r.query)
          .getAll('case_id[]')
          .map((v) => new URLSearchParams([['case_id[]', v]]).toString().length + 1),
      ),
    )
    // A batch of 16 goes in ⌈16 / fit⌉ searches, `fit` values fitting in one line.
    const fit = Math.min(16, Math.floor(800 / longest))
    const bound = Math.ceil(togetherValues / 16) * Math.ceil(16 / fit) + 1
    expect(together.length, spent).toBeLessThanOrEqual(bound)
    expect(together.length, spent).toBeLessThan(togetherValues / 4)
    // Flow 2's lookups of new children come between their creates: a search carries the
    // lookups asked while the previous one was out (see floor.ts, LOOKUPS_PER_SEARCH).
    expect(searches.length, spent).toBeLessThanOrEqual(Math.ceil(children / 4))
    // Every lookup answered: no record of either OSCaR flow failed on one.
    const lookupErrors = ['UncertainMatch', 'AmbiguousMatch', 'DecodeError', 'HttpError']
    const failedLookups = report.issues.filter(
      (i) => i.flow.startsWith('oscar') && lookupErrors.includes(i.code),
    )
    expect(failedLookups.map((i) => i.code)).toEqual([])
  })
})
