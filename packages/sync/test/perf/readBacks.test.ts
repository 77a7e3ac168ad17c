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
  it('a case is read by id only before a conditional write, or after a create', async () => {
    h = await startHarness()
    const report = await h.run()
    const requests = h.fakePrimero.requests
    const count = (method: string, path: RegExp | string) =>
      requests.filter(
        (r) =>
          r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
      ).length
    const patches = count('PATCH', byId)
    expect(patches).toBeGreaterThan(0)
    const creates = count('POST', '/api/v2/cases')
    // A case is read by id after a create Primero answers 204 (our own id), and right
    // before the pending-defaults flow's conditional write; never after a PATCH (before:
    // one more read per PATCH and per queued case). A lookup is a search, never a read.
    const queued = report.flows['pending-defaults'].read
    expect(count('GET', byId)).toBeLessThanOrEqual(creates + queued)
  })
})
