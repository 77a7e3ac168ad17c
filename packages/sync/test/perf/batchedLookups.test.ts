/**
 * Issue #14: lookups on `case_id` or `oscar_number` go in filtered searches of many values
 * (`key[]=a&key[]=b`, Primero's `SearchFilters::TextList`). Each OSCaR flow asks its
 * children's lookups ahead of its workers, 100 at a time, so a search carries as many
 * values as fit Primero's 1 KB request line, and a first sync no longer makes one search
 * per child (nor one per few, as when each lookup was asked on its child's turn). Counted
 * at the fake; no wall clock.
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
  it('a first sync of 200 cases: searches as full as the request line allows', async () => {
    h = await startHarness({ scenario: { cases: 200, seed: 14 }, sync: { concurrency: 16 } })
    const report = await h.run()
    const children = h.fakeOscar.clients().length
    const searches = lookupSearches(h)
    const values = searches.reduce((n, r) => n + valuesOf(r.query), 0)
    const spent = `${searches.length} searches for ${values} lookups of ${children} children`
    console.info(`batched lookups: ${spent}`)
    expect(children, 'the scenario has children to look up').toBeGreaterThan(50)
    expect(values, spent).toBeGreaterThanOrEqual(children)
    // The most values of the longest key (a uuid `case_id`) that fit one request line.
    const longest = Math.max(
      ...searches.flatMap((r) =>
        [...new URLSearchParams(r.query)]
          .filter(([k]) => k.endsWith('[]'))
          .map(([k, v]) => new URLSearchParams([[k, v]]).toString().length + 1),
      ),
    )
    const fit = Math.floor(800 / longest)
    // Full searches, but for the last of each 100 asked together, per flow and key.
    const bound = Math.ceil(values / fit) + 2 * 2 * Math.ceil(values / 100)
    expect(searches.length, spent).toBeLessThanOrEqual(bound)
    expect(values / searches.length, spent).toBeGreaterThan(fit / 2)
    // Every lookup answered: no record of either OSCaR flow failed on one.
    const lookupErrors = ['UncertainMatch', 'AmbiguousMatch', 'DecodeError', 'HttpError']
    const failedLookups = report.issues.filter(
      (i) => i.flow.startsWith('oscar') && lookupErrors.includes(i.code),
    )
    expect(failedLookups.map((i) => i.code)).toEqual([])
  })
})
