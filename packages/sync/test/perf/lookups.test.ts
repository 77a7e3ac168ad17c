/**
 * Issue #17, cause 1: OSCaR's day's read shows every child changed that day, every hour.
 * A child is looked up in Primero once per run (flows 0 and 2 share it), and a child read
 * again unchanged is not looked up at all; a changed one is.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

/** Primero searches that look a child up (a page of the window filters on last_updated_at). */
const lookups = (h: Harness): number =>
  h.fakePrimero.requests.filter(
    (r) => r.method === 'GET' && r.path === '/api/v2/cases' && !r.query.includes('last_updated_at'),
  ).length

describe('lookups', () => {
  it('one per child per run, none for a child read again unchanged, one for a changed one', async () => {
    h = await startHarness({ scenario: { cases: 40, seed: 3 } })
    await h.run()
    const children = h.fakeOscar.clients().length
    const linked = Object.keys(h.store.current()?.links ?? {}).length
    // Flows 0 and 2 share one lookup; a child linked in the run is read again (a new match).
    expect(lookups(h)).toBeLessThanOrEqual(children + linked)

    h.fakePrimero.clearRequests()
    await h.run()
    expect(lookups(h)).toBeLessThanOrEqual(2)

    const [changed] = h.scenario.oscar.shared
    if (changed === undefined) throw new Error('the scenario has a shared child')
    h.fakeOscar.updateClient(changed, { case_worker_name: 'Another worker' })
    h.fakePrimero.clearRequests()
    const third = await h.run()
    expect(lookups(h)).toBeGreaterThanOrEqual(1)
    expect(lookups(h)).toBeLessThanOrEqual(3)
    expect(third.flows['oscar-to-primero'].read).toBeGreaterThan(0)
  })
})
