/**
 * Issue #17, cause 3: no read-backs. A PATCH's answer is merged into the case the run
 * holds; the pending-defaults flow starts from the case the run holds and reads it once,
 * right before its conditional write.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

const byId = /^\/api\/v2\/cases\/[^/]+$/

describe('read-backs', () => {
  it('a case is read by id only to confirm a lookup, before a conditional write, or after a create', async () => {
    h = await startHarness()
    await h.run()
    const requests = h.fakePrimero.requests
    const count = (method: string, path: RegExp | string) =>
      requests.filter(
        (r) =>
          r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
      ).length
    const patches = count('PATCH', byId)
    expect(patches).toBeGreaterThan(0)
    const searches = count('GET', '/api/v2/cases')
    const creates = count('POST', '/api/v2/cases')
    const pendingWrites = h.fakePrimero
      .cases()
      .filter((c) => JSON.stringify(c['services_section'] ?? []).includes('"pending"')).length
    // Before: one more read per PATCH (the read-back) and per queued case (pending defaults).
    expect(count('GET', byId)).toBeLessThanOrEqual(searches + creates + pendingWrites)
  })
})
