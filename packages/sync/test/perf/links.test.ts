/**
 * Issue #17, cause 6: links go to OSCaR together, not one PUT per case (`update_links`
 * takes many per request; the client sends up to 200 in each).
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

const LINKS = '/api/v1/organizations/clients/update_links'

describe('links', () => {
  it("a run's links take one request per 200", async () => {
    h = await startHarness({ scenario: { cases: 120, seed: 6 } })
    await h.run()
    const puts = h.fakeOscar.requests.filter((r) => r.method === 'PUT' && r.path === LINKS)
    const sent = Object.keys(h.store.current()?.links ?? {}).length
    expect(sent).toBeGreaterThan(1)
    expect(puts.length).toBeLessThanOrEqual(2 * Math.ceil(sent / 200))
    // Every link is in OSCaR: the children carry their Primero case.
    const linked = h.fakeOscar.clients().filter((c) => typeof c['external_id'] === 'string')
    expect(linked.length).toBeGreaterThanOrEqual(sent)
  })
})
