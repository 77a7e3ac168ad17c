/**
 * Issue #17, cause 2: a record waiting for a retry does not hold the OSCaR cursor. Before,
 * one failing child kept every OSCaR flow reading (and looking at) its whole day again,
 * every hour; now the reads before its retry is due read from the cursor, and the read of
 * the run where it is due goes back to its day.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

const DAY = 86_400_000
const HOUR = 3_600_000

describe('a retrying OSCaR record', () => {
  it('is read again only when its retry is due; the hours between read nothing old', async () => {
    // A fixed morning, on every clock: the runs three hours apart stay in one day whenever
    // the test runs (from the wall clock, it failed between 21:00 and midnight UTC).
    let now = Date.parse('2026-03-02T08:00:00.000Z')
    const threeDaysAgo = new Date(now - 3 * DAY)
    h = await startHarness({
      primero: { clock: () => new Date(now) },
      oscar: { clock: () => threeDaysAgo },
      sync: {
        clock: () => new Date(now),
        retryDelayMs: 2 * HOUR,
        since: new Date(now - 5 * DAY).toISOString(),
      },
    })
    const lost = h.scenario.oscar.unknownProvince[0] as string
    const first = await h.run()
    expect(first.issues).toContainEqual(
      expect.objectContaining({ recordId: lost, code: 'UNKNOWN_PROVINCE' }),
    )
    const children = first.flows['oscar-to-primero'].read
    expect(children).toBeGreaterThan(10)

    // An hour later the retry is not due: nothing changed since the cursor, nothing is read.
    now += HOUR
    h.fakePrimero.clearRequests()
    h.fakeOscar.clearRequests()
    const second = await h.run()
    const reads = h.fakeOscar.requests.filter((r) => r.query.includes('since_date'))
    // Today's, not the failing child's day (a second read: children linked in this run).
    expect(reads.length).toBeGreaterThan(0)
    for (const r of reads)
      expect(r.query).toMatch(
        new RegExp(`^\\?since_date=${new Date(now).toISOString().slice(0, 10)}\\b`),
      )
    expect(second.flows['oscar-to-primero'].read).toBe(0)
    expect(second.flows['oscar-ids'].read).toBe(0)
    // No child looked up (the window's page and the referrals of our own writes' echoes aside).
    const lookups = h.fakePrimero.requests.filter(
      (r) => !r.path.endsWith('/referrals') && !r.query.includes('last_updated_at'),
    )
    expect(lookups).toEqual([])

    // Two hours later it is due: the read goes back to its day and it is tried again.
    now += 2 * HOUR
    const third = await h.run()
    expect(third.issues).toContainEqual(
      expect.objectContaining({ recordId: lost, code: 'UNKNOWN_PROVINCE' }),
    )
    expect(h.store.current()?.retries[`oscar-to-primero:${lost}`]?.attempts).toBe(2)
  })
})
