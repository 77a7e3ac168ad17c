/**
 * Issue #17, cause 3: no read-backs. A PATCH's answer is merged into the case the run
 * holds; the pending-defaults flow starts from the case the run holds and reads it once,
 * right before its conditional write. A case created with our id (Primero answers 204) is
 * read back in a search by `oscar_number` with the others created meanwhile, not by id.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { inboundCaseRecordId } from '../../src/flows/oscarToPrimero.js'
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

  it('the cases a run creates are read back together, by oscar_number, not one by one', async () => {
    h = await startHarness({ scenario: { cases: 200, seed: 14 }, sync: { concurrency: 16 } })
    const report = await h.run()
    const created = report.flows['oscar-to-primero'].created
    expect(created).toBeGreaterThan(50)
    const ids = new Set(
      h.fakePrimero
        .cases()
        .map((c) => String(c['id']))
        .filter((id) => id.length > 0),
    )
    const createdIds = h.fakeOscar
      .clients()
      .map((c) => inboundCaseRecordId(c.global_id))
      .filter((id) => ids.has(id))
    expect(createdIds).toHaveLength(created)
    const readById = h.fakePrimero.requests.filter(
      (r) => r.method === 'GET' && createdIds.some((id) => r.path === `/api/v2/cases/${id}`),
    )
    expect(readById).toEqual([])
    const searches = h.fakePrimero.requests.filter(
      (r) => r.method === 'GET' && r.path === '/api/v2/cases' && r.query.includes('oscar_number'),
    )
    const values = searches.reduce(
      (n, r) => n + new URLSearchParams(r.query).getAll('oscar_number[]').length,
      0,
    )
    // The lookups of new children and the read-backs of their cases share these searches.
    expect(values).toBeGreaterThanOrEqual(2 * created)
    expect(searches.length).toBeLessThan(created / 2)
  })
})
