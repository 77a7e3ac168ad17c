/**
 * Issue #17, cause 5: a referral OSCaR refused with a 422 is not POSTed again every run.
 * It waits, parked, until its case or the configuration changes.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

import { createSync } from '../../src/index.js'
import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

const UPSERT = '/api/v1/organizations/clients/upsert'
const upserts = (h: Harness) =>
  h.fakeOscar.requests.filter((r) => r.method === 'POST' && r.path === UPSERT).length

describe('referrals OSCaR refused', () => {
  it('wait until the case or the configuration changes', async () => {
    h = await startHarness({ sync: { retryDelayMs: 0 } })
    await h.run()
    const refused = Object.values(h.store.current()?.retries ?? {})
      .filter((r) => r.code === 'Rejected' && r.fingerprint !== undefined)
      .map(({ flow, id, code }) => ({ flow, id, code }))
    expect(refused.length).toBeGreaterThan(0)

    // The retry comes due: the case is read again, unchanged, and nothing is POSTed.
    h.fakeOscar.clearRequests()
    const second = await h.run()
    expect(upserts(h)).toBe(0)
    expect(second.parked).toEqual(expect.arrayContaining(refused))

    // The case changes: its referral is tried again (and refused again).
    const [one] = refused
    h.fakePrimero.editCase(one?.id ?? '', { risk_level: 'high' })
    h.fakeOscar.clearRequests()
    await h.run()
    expect(upserts(h)).toBe(1)

    // The configuration changes: every refused case is read again and tried.
    h.fakeOscar.clearRequests()
    const changed = {
      ...cambodia,
      placeholders: { ...cambodia.placeholders, caseWorkerMobile: '000 000 001' },
    }
    const sync = createSync({
      primero: h.primero,
      oscar: h.oscar,
      config: changed,
      store: h.store,
      retryDelayMs: 0,
    })
    const fourth = await sync.run()()
    expect(fourth._tag).toBe('Right')
    expect(upserts(h)).toBe(refused.length)
  })
})
