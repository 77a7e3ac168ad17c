import {
  isDecodeError,
  isRejected,
  LINKS_PER_REQUEST,
  type OscarReferralStatusUpdate,
} from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient, aStatusUpdate, CASE_ID, GLOBAL_ID, OTHER_GLOBAL_ID } from './fixtures/records.js'
import { closeAll, harness, hits, left, manualClock, rawSession, right } from './helpers.js'

afterEach(closeAll)

const LINKS = '/clients/update_links'
const STATUSES = '/referrals/update_statuses'

/** A child in `cif` that an NGO referred to MoSVY, through referral 501 and 502. */
const referredByNgo = (globalId: string, referralIds: ReadonlyArray<number>) =>
  aClient({
    global_id: globalId,
    referred_external: true,
    services: referralIds.map((id) => ({
      program_name: null,
      enrollment_date: null,
      uuid: 'c0ffee00-0000-4000-8000-00000000000a',
      name: 'Family support',
      referral_id: id,
      referral_status: 'Referred',
    })),
  })

describe('updateLinks', () => {
  it("writes Primero's ids, skips unknown global ids, and leaves updated_at alone", async () => {
    const time = manualClock('2024-06-01T08:00:00Z')
    const { fake, oscar } = await harness({ clock: time.clock })
    fake.seedClient(aClient({ global_id: GLOBAL_ID }))
    const before = fake.clients()[0]?.['updated_at']
    time.set('2024-06-03T08:00:00Z')
    const result = await right(
      oscar.updateLinks([
        {
          global_id: GLOBAL_ID,
          external_id: CASE_ID,
          external_id_display: '4d5e6f',
          is_referred: false,
        },
        {
          global_id: OTHER_GLOBAL_ID,
          external_id: 'x',
          external_id_display: 'x',
          is_referred: false,
        },
      ]),
    )
    expect(result).toEqual({ message: 'Record saved.', applied: 2 })
    const [child] = fake.clients()
    expect(child).toMatchObject({
      external_id: CASE_ID,
      external_id_display: '4d5e6f',
      is_referred: false,
    })
    expect(child?.['updated_at']).toBe(before)
    expect(fake.clients()).toHaveLength(1)
    // So the link never shows in the next read.
    expect(await right(oscar.listClients({ since: '2024-06-02' }))).toEqual([])
  })

  it('sends nothing for no links', async () => {
    const { fake, oscar } = await harness()
    expect(await right(oscar.updateLinks([]))).toEqual({ message: 'Nothing to send.', applied: 0 })
    expect(fake.requests).toEqual([])
  })

  it(`sends at most ${LINKS_PER_REQUEST} links per request`, async () => {
    const { fake, oscar } = await harness()
    const links = Array.from({ length: LINKS_PER_REQUEST * 2 + 1 }, (_, i) => ({
      global_id: `01J${String(i).padStart(23, '0')}`,
      external_id: `case-${i}`,
      external_id_display: `${i}`,
      is_referred: false,
    }))
    expect((await right(oscar.updateLinks(links))).applied).toBe(links.length)
    const sizes = hits(fake, LINKS).map((r) => (r.body as { data: unknown[] }).data.length)
    expect(sizes).toEqual([LINKS_PER_REQUEST, LINKS_PER_REQUEST, 1])
  })

  it('is retried on a 502 (idempotent): one more request, then success', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ failNext: { status: 502, count: 1 } })
    const link = {
      global_id: GLOBAL_ID,
      external_id: CASE_ID,
      external_id_display: 'd',
      is_referred: false,
    }
    await right(oscar.updateLinks([link]))
    expect(hits(fake, LINKS).map((r) => r.status)).toEqual([502, 200])
  })

  it('the fake answers 500 HTML when data is missing', async () => {
    const { fake } = await harness()
    const answer = await fetch(`${fake.url}/api/v1/organizations/clients/update_links`, {
      method: 'PUT',
      headers: await rawSession(fake),
      body: '{}',
    })
    expect([answer.status, answer.headers.get('content-type')]).toEqual([
      500,
      'text/html; charset=utf-8',
    ])
  })
})

describe('updateReferralStatuses', () => {
  it('applies each item, sets the service status, and bumps updated_at (the echo comes back)', async () => {
    const time = manualClock('2024-06-01T08:00:00Z')
    const { fake, oscar } = await harness({ clock: time.clock })
    fake.seedClient(referredByNgo(GLOBAL_ID, [501, 502]))
    time.set('2024-06-04T09:30:00Z')
    const result = await right(
      oscar.updateReferralStatuses([
        aStatusUpdate({ referral_id: 501, referral_status: 'Accepted' }),
        aStatusUpdate({ referral_id: 502, referral_status: 'Exited' }),
      ]),
    )
    expect(result).toEqual({ message: 'Record saved.', applied: 2 })
    expect(fake.referrals().map((r) => [r.id, r.status])).toEqual([
      [501, 'Accepted'],
      [502, 'Exited'],
    ])
    // Seeded on 06-01, the child is read again from 06-04: its updated_at was bumped.
    const [child] = await right(oscar.listClients({ since: '2024-06-04' }))
    expect(fake.clients()[0]?.['updated_at']).toBe('2024-06-04T09:30:00.000Z')
    expect(child?.services?.map((s) => s.referral_status)).toEqual(['Accepted', 'Exited'])
    // Both in one request, in order.
    expect(
      hits(fake, STATUSES).map((r) => (r.body as { data: OscarReferralStatusUpdate[] }).data),
    ).toEqual([
      [
        aStatusUpdate({ referral_id: 501, referral_status: 'Accepted' }),
        aStatusUpdate({ referral_id: 502, referral_status: 'Exited' }),
      ],
    ])
  })

  it('reports a partial failure: the failing index, the items before it applied, later ones unsent', async () => {
    const { fake, oscar } = await harness()
    fake.seedClient(referredByNgo(GLOBAL_ID, [501, 503]))
    const error = await left(
      oscar.updateReferralStatuses([
        aStatusUpdate({ referral_id: 501 }),
        aStatusUpdate({ referral_id: 999 }),
        aStatusUpdate({ referral_id: 503 }),
      ]),
    )
    expect(isRejected(error) && [error.code, error.failedIndex, error.applied]).toEqual([
      'referral-not-found',
      1,
      1,
    ])
    expect(error.message).toContain('item 1')
    // Item 0 is verifiably applied at the fake; item 2 was never applied.
    expect(fake.referrals().map((r) => [r.id, r.status])).toEqual([
      [501, 'Accepted'],
      [503, 'Referred'],
    ])
    // The refused request of three, then its items one by one up to the refused one.
    const sent = hits(fake, STATUSES)
    expect(sent.map((r) => r.status)).toEqual([422, 200, 422])
    expect(
      sent.map((r) =>
        (r.body as { data: OscarReferralStatusUpdate[] }).data.map((u) => u.referral_id),
      ),
    ).toEqual([[501, 999, 503], [501], [999]])
  })

  it('sends 100 statuses a request, and resends only the refused request item by item', async () => {
    const { fake, oscar } = await harness()
    const ids = Array.from({ length: 250 }, (_, i) => 1000 + i)
    fake.seedClient(
      referredByNgo(
        GLOBAL_ID,
        ids.filter((id) => id !== 1150),
      ),
    )
    const error = await left(
      oscar.updateReferralStatuses(ids.map((referral_id) => aStatusUpdate({ referral_id }))),
    )
    expect(isRejected(error) && [error.failedIndex, error.applied]).toEqual([150, 150])
    const sent = hits(fake, STATUSES).map(
      (r) => (r.body as { data: OscarReferralStatusUpdate[] }).data.length,
    )
    // 100, then the refused 100 (items 100…199), then items 100…150 one by one.
    expect(sent).toEqual([100, 100, ...Array.from({ length: 51 }, () => 1)])
    const accepted = fake.referrals().filter((r) => r.status === 'Accepted').length
    expect(accepted).toBe(150)
  })

  it('names a child OSCaR does not have: client-not-found', async () => {
    const { fake, oscar } = await harness()
    fake.seedClient(referredByNgo(GLOBAL_ID, [501]))
    const error = await left(
      oscar.updateReferralStatuses([aStatusUpdate({ client_global_id: OTHER_GLOBAL_ID })]),
    )
    expect(isRejected(error) && [error.code, error.failedIndex, error.applied]).toEqual([
      'client-not-found',
      0,
      0,
    ])
  })

  it('retries the item being sent on a 503, then goes on', async () => {
    const { fake, oscar } = await harness()
    fake.seedClient(referredByNgo(GLOBAL_ID, [501, 502]))
    fake.setFaults({ failNext: { status: 503, count: 1 } })
    await right(
      oscar.updateReferralStatuses([
        aStatusUpdate({ referral_id: 501 }),
        aStatusUpdate({ referral_id: 502 }),
      ]),
    )
    expect(hits(fake, STATUSES).map((r) => r.status)).toEqual([503, 200])
  })

  it('refuses an invalid item before sending anything', async () => {
    const { fake, oscar } = await harness()
    const bad = {
      ...aStatusUpdate(),
      referral_status: 'Rejected',
    } as unknown as OscarReferralStatusUpdate
    const error = await left(oscar.updateReferralStatuses([aStatusUpdate(), bad]))
    expect(isDecodeError(error) && [error.paths, error.failedIndex, error.applied]).toEqual([
      ['1.referral_status'],
      1,
      0,
    ])
    expect(fake.requests).toEqual([])
  })

  it('sends nothing for no updates', async () => {
    const { fake, oscar } = await harness()
    expect(await right(oscar.updateReferralStatuses([]))).toEqual({
      message: 'Nothing to send.',
      applied: 0,
    })
    expect(fake.requests).toEqual([])
  })

  it('the fake is not transactional: a raw batch keeps the items before the failing one', async () => {
    const { fake } = await harness()
    fake.seedClient(referredByNgo(GLOBAL_ID, [501, 503]))
    const answer = await fetch(`${fake.url}/api/v1/organizations/referrals/update_statuses`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        data: [
          aStatusUpdate({ referral_id: 501 }),
          aStatusUpdate({ referral_id: 503, referral_status: 'Bogus' as 'Accepted' }),
        ],
      }),
    })
    expect(answer.status).toBe(422)
    expect(await answer.json()).toEqual({
      error:
        "Referral status is not included in the list. Referral status must be one of ['Accepted', 'Exited', 'Referred'].",
      message: 'Record error. Please check OSCaR logs for details.',
    })
    expect(fake.referrals().map((r) => r.status)).toEqual(['Accepted', 'Referred'])
  })
})
