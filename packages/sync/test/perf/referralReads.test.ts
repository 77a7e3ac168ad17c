/**
 * Issue #17, cause 4 (in part): a case's referrals are read at most once per run. Flow 1
 * reads them to send new referrals; flow 2 deciding on one of them uses that read.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

const referralReads = (h: Harness): Map<string, number> => {
  const reads = new Map<string, number>()
  for (const r of h.fakePrimero.requests)
    if (r.method === 'GET' && r.path.endsWith('/referrals'))
      reads.set(r.path, (reads.get(r.path) ?? 0) + 1)
  return reads
}

describe('referral reads', () => {
  it('no case has its referrals read twice in one run', async () => {
    h = await startHarness({ scenario: { cases: 60, seed: 4 } })
    await h.run()
    const reads = referralReads(h)
    expect(reads.size).toBeGreaterThan(0)
    expect([...reads].filter(([, n]) => n > 1)).toEqual([])
  })
})
