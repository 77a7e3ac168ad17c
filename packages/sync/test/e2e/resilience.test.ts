/**
 * Failures: a window that cannot be read, a lost answer to a referral, a crash between
 * the ledger mark and the POST, records that keep failing, and dry runs.
 */
import { cambodia } from '@primero-interop/mappings'
import { NetworkError } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import { createSync, emptyState, memoryStore, type PrimeroPort } from '../../src/index.js'
import { type Harness, startHarness } from './harness.js'

let h: Harness
afterEach(() => h.close())

describe('resilience', () => {
  it('a window that fails mid-read fails the run, keeps the cursors and the sent referrals', async () => {
    h = await startHarness({ scenario: { cases: 40 } })
    const failing: PrimeroPort = {
      ...h.primero,
      pages: (query) => ({
        async *[Symbol.asyncIterator]() {
          for await (const page of h.primero.pages({ ...query })) {
            if (E.isLeft(page)) return yield page
            // Half a page, then the connection is gone.
            yield E.right({ ...page.right, data: page.right.data.slice(0, 20) })
            yield E.left(NetworkError({ method: 'GET', path: '/api/v2/cases', code: 'ECONNRESET' }))
            return
          }
        },
      }),
    }
    const store = memoryStore()
    const sync = createSync({
      primero: failing,
      oscar: h.oscar,
      config: cambodia,
      store,
      since: h.scenario.since,
    })
    const failed = await sync.run()()
    expect(E.isLeft(failed) && failed.left.code).toBe('PRIMERO_READ_FAILED')
    const saved = store.current()
    expect(saved?.cursors).toEqual({})
    const sentBefore = h.fakeOscar.referrals().filter((r) => r.externalId !== '').length
    expect(
      Object.values(saved?.referrals ?? {}).filter((r) => r.status === 'sent').length,
    ).toBeGreaterThan(0)

    const healthy = createSync({
      primero: h.primero,
      oscar: h.oscar,
      config: cambodia,
      store,
      since: h.scenario.since,
    })
    const report = await healthy.run()()
    expect(E.isLeft(report) ? report.left : 'ok').toBe('ok')
    const byCase = new Map<string, number>()
    for (const r of h.fakeOscar.referrals().filter((r) => r.externalId !== ''))
      byCase.set(
        `${r.externalId}/${r.organization}`,
        (byCase.get(`${r.externalId}/${r.organization}`) ?? 0) + 1,
      )
    expect([...byCase].filter(([, n]) => n > 1)).toEqual([])
    expect(h.fakeOscar.referrals().length).toBeGreaterThanOrEqual(sentBefore)
  })

  it('a referral whose answer was lost is never sent again, and is reported until reconciled', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.referral[0] as string
    const upserts = () => h.fakeOscar.requests.filter((r) => r.path.endsWith('/clients/upsert'))
    // Every upsert lands, then its connection drops: the answer is lost.
    h.fakeOscar.setFaults({ dropAfterProcessing: true, path: 'clients/upsert' })
    const first = await h.run()
    expect(first.issues).toContainEqual(expect.objectContaining({ code: 'OUTCOME_UNKNOWN' }))
    const sentOnce = h.fakeOscar.referrals().filter((r) => r.externalId === caseId)
    expect(sentOnce).toHaveLength(1)
    h.fakeOscar.setFaults({})
    const count = upserts().length
    const second = await h.run()
    expect(h.fakeOscar.referrals().filter((r) => r.externalId === caseId)).toHaveLength(1)
    expect(upserts().length).toBe(count)
    expect(second.issues).toContainEqual(
      expect.objectContaining({ code: 'OUTCOME_UNKNOWN', flow: 'primero-to-oscar' }),
    )
  })

  it('a crash between the ledger mark and the POST never leads to a second referral', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.referral[0] as string
    const kase = h.primeroCase(caseId)
    const referral = h.fakePrimero.referrals(kase.id)[0]
    const state = {
      ...emptyState(),
      referrals: {
        [String(referral?.['id'])]: {
          status: 'sending' as const,
          createdAt: String(referral?.['created_at']),
          caseId: kase.id,
        },
      },
    }
    const sync = createSync({
      primero: h.primero,
      oscar: h.oscar,
      config: cambodia,
      store: memoryStore(state),
      since: h.scenario.since,
    })
    const report = await sync.run()()
    expect(h.fakeOscar.referrals().filter((r) => r.externalId === caseId)).toHaveLength(0)
    expect(E.isRight(report) && report.right.issues).toContainEqual(
      expect.objectContaining({ recordId: referral?.['id'], code: 'OUTCOME_UNKNOWN' }),
    )
  })

  it('a record that keeps failing is retried with backoff from its own day, then parked', async () => {
    const day = 86_400_000
    // A fixed morning, on every clock: the cursor's day is the run's, whenever the test runs.
    const now = Date.parse('2026-03-02T08:00:00.000Z')
    const threeDaysAgo = new Date(now - 3 * day)
    const fiveDaysAgo = new Date(now - 5 * day).toISOString().slice(0, 10)
    h = await startHarness({
      primero: { clock: () => new Date(now) },
      oscar: { clock: () => threeDaysAgo },
      sync: {
        clock: () => new Date(now),
        maxAttempts: 2,
        retryDelayMs: 0,
        since: new Date(now - 5 * day).toISOString(),
      },
    })
    const lost = h.scenario.oscar.unknownProvince[0] as string
    const first = await h.run()
    expect(first.issues).toContainEqual(
      expect.objectContaining({ recordId: lost, code: 'UNKNOWN_PROVINCE' }),
    )
    // The cursor moves on; the retry keeps the day its record was read from (OSCaR's
    // answer carries no timestamps: the day the window started).
    expect(first.cursors.after.oscarToPrimero).toBe('2026-03-02')
    expect(h.store.current()?.retries[`oscar-to-primero:${lost}`]).toMatchObject({
      attempts: 1,
      day: fiveDaysAgo,
    })

    // The retry is due: the run's read goes back to that day.
    h.fakeOscar.clearRequests()
    const second = await h.run()
    const reads = h.fakeOscar.requests.filter(
      (r) => r.method === 'GET' && r.query.includes('since_date'),
    )
    expect(reads[0]?.query).toContain(`since_date=${fiveDaysAgo}`)
    expect(second.parked).toContainEqual({
      flow: 'oscar-to-primero',
      id: lost,
      code: 'UNKNOWN_PROVINCE',
    })
    expect(h.store.current()?.retries[`oscar-to-primero:${lost}`]).toBeUndefined()
  })

  it('a record waiting for its retry is not tried again before the backoff ends', async () => {
    h = await startHarness({ sync: { retryDelayMs: 3_600_000 } })
    const caseId = h.scenario.primero.unknownService[0] as string
    const upserts = () =>
      h.fakeOscar.requests.filter((r) => r.path.endsWith('/clients/upsert')).length
    await h.run()
    const count = upserts()
    const second = await h.run()
    expect(upserts()).toBe(count)
    expect(second.issues).toContainEqual(
      expect.objectContaining({ recordId: caseId, code: 'RETRY_SCHEDULED' }),
    )
  })

  it('a first run from the beginning does not resend referrals OSCaR already holds (a migration from the old jobs)', async () => {
    h = await startHarness()
    const sync = createSync({
      primero: h.primero,
      oscar: h.oscar,
      config: cambodia,
      store: memoryStore(),
    })
    const before = h.fakeOscar.referrals().length
    const report = await sync.run()()
    expect(E.isRight(report) && report.right.flows['primero-to-oscar'].created).toBe(
      h.scenario.expectedReferrals,
    )
    expect(h.fakeOscar.referrals().length).toBe(before + h.scenario.expectedReferrals)
    for (const caseId of h.scenario.primero.ngoDecision) {
      expect(h.fakeOscar.referrals().filter((r) => r.externalId === caseId)).toHaveLength(1)
    }
  })

  it('a case already in Primero updates even when its OSCaR village names no known province', async () => {
    h = await startHarness({ scenario: false })
    // Created in Primero by an earlier sync (it carries the OSCaR id); OSCaR has not been
    // told the Primero id yet, so the lookup is by oscar_number.
    const globalId = '01JZ0000000000000000000001'
    const [kase] = h.fakePrimero.seedCases([
      {
        name_first: 'Test',
        owned_by: 'mgrbtb',
        location_current: '2040302',
        oscar_number: globalId,
      },
    ])
    h.fakeOscar.seedClient({
      global_id: globalId,
      organization_name: 'cif',
      external_id: '',
      given_name: 'Test',
      family_name: 'Child',
      gender: 'female',
      date_of_birth: '2015-01-01',
      is_referred: true,
      mosvy_number: 'MOSVY-42',
      location_current_village_code: '99010101',
      services: [],
    })
    const report = await h.run()
    expect(report.issues.filter((i) => i.code === 'UNKNOWN_PROVINCE')).toEqual([])
    expect(h.primeroCase(String(kase?.['case_id']))['mosvy_number']).toBe('MOSVY-42')
    expect(h.primeroCase(String(kase?.['case_id']))['owned_by']).toBe('mgrbtb')
  })

  it('a dry run reads and plans, writes nothing, moves no cursor and names no values', async () => {
    h = await startHarness()
    const report = await h.run({ dryRun: true })
    expect(h.writes()).toEqual({ primero: 0, oscar: 0 })
    expect(h.store.current()).toBeUndefined()
    expect(report.cursors.after).toEqual(report.cursors.before)
    expect(report.planned.filter((p) => p.action === 'upsert-referral')).toHaveLength(
      h.scenario.expectedReferrals + 1,
    )
    expect(report.planned.every((p) => p.fields.length > 0 && p.recordIds.length > 0)).toBe(true)
    const kase = h.primeroCase(h.scenario.primero.referral[0] as string)
    expect(JSON.stringify(report)).not.toContain(String(kase['name_last']))
    expect(JSON.stringify(report)).not.toContain(String(kase['date_of_birth']))
  })
})
