/**
 * Issue #17, cause 4 (the rest): cases due for a retry are re-read side by side, as the
 * window's cases are, not one at a time on the run's critical path.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

const byId = /\/api\/v2\/cases\/[^/?]+$/

describe('due retries', () => {
  it('are re-read concurrently', async () => {
    let refuseUpserts = true
    let inFlight = 0
    let most = 0
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = input instanceof Request ? input : undefined
      const url = new URL(request?.url ?? String(input))
      const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
      // The first run: OSCaR refuses every referral's connection (nothing sent: retried).
      if (refuseUpserts && url.pathname.endsWith('/clients/upsert'))
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        })
      const counted = method === 'GET' && byId.test(url.pathname)
      if (counted) most = Math.max(most, ++inFlight)
      try {
        return await globalThis.fetch(input, init)
      } finally {
        if (counted) inFlight -= 1
      }
    }
    h = await startHarness({ fetch, sync: { retryDelayMs: 0, concurrency: 8 } })
    await h.run()
    const due = Object.values(h.store.current()?.retries ?? {}).filter(
      (r) => r.flow === 'primero-to-oscar',
    )
    expect(due.length).toBeGreaterThan(3)

    refuseUpserts = false
    most = 0
    const second = await h.run()
    expect(second.flows['primero-to-oscar'].created).toBeGreaterThanOrEqual(due.length)
    expect(most).toBeGreaterThan(1)
  })
})
