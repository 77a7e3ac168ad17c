import { serviceUuid, startFakeOscar } from '@primero-interop/oscar-client/testing'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient, anUpsert, CASE_ID, GLOBAL_ID, OTHER_GLOBAL_ID } from './fixtures/records.js'
import { closeAll, harness, manualClock, rawSession, right } from './helpers.js'

afterEach(closeAll)

const get = async (url: string, headers: Record<string, string>) => {
  const answer = await fetch(url, { headers })
  const type = answer.headers.get('content-type') ?? ''
  return {
    status: answer.status,
    type,
    body: type.includes('json') ? await answer.json() : await answer.text(),
  }
}

describe('fake GET clients', () => {
  it('answers an unparsable date with a 500 HTML page, and ignores referred_external', async () => {
    const { fake } = await harness()
    fake.seedClient(aClient())
    const headers = await rawSession(fake)
    const clients = `${fake.url}/api/v1/organizations/clients`
    const bad = await get(`${clients}?since_date=yesterday`, headers)
    expect([bad.status, bad.type]).toEqual([500, 'text/html; charset=utf-8'])
    const all = await get(clients, headers)
    const external = await get(`${clients}?referred_external=true`, headers)
    expect(all.status).toBe(200)
    expect(external.body).toEqual(all.body)
    expect((all.body as { data: unknown[] }).data).toHaveLength(1)
  })

  it('compares days: a since_date at 10:00 still returns a record changed at 08:00 that day', async () => {
    const time = manualClock('2024-03-05T08:00:00Z')
    const { fake } = await harness({ clock: time.clock })
    fake.seedClient(aClient())
    time.set('2024-03-04T23:59:59Z')
    fake.seedClient(aClient({ global_id: OTHER_GLOBAL_ID }))
    const headers = await rawSession(fake)
    const since = encodeURIComponent('2024-03-05 10:00:00')
    const read = await get(`${fake.url}/api/v1/organizations/clients?since_date=${since}`, headers)
    expect(
      (read.body as { data: Array<{ global_id: string }> }).data.map((c) => c.global_id),
    ).toEqual([GLOBAL_ID])
  })

  it('without since_date returns everything; an NGO edit bumps updated_at', async () => {
    const time = manualClock('2023-01-01T00:00:00Z')
    const { fake, oscar } = await harness({ clock: time.clock })
    fake.seedClient(aClient())
    time.set('2024-07-01T06:00:00Z')
    const edited = fake.updateClient(GLOBAL_ID, { mosvy_number: 'M-9' })
    expect(edited).toMatchObject({ mosvy_number: 'M-9', updated_at: '2024-07-01T06:00:00.000Z' })
    expect(edited['created_at']).toBe('2023-01-01T00:00:00.000Z')
    expect(await right(oscar.listClients({ since: '2024-07-01' }))).toHaveLength(1)
  })
})

describe('fake NGO-side actions', () => {
  it('seedClient opens a referral row per service carrying a referral_id', async () => {
    const time = manualClock('2024-02-02T02:02:02Z')
    const { fake } = await harness({ clock: time.clock })
    fake.seedClient(
      aClient({
        external_id: CASE_ID,
        external_id_display: 'd',
        services: [
          { name: 'Family support', uuid: null, referral_id: 41, referral_status: 'Accepted' },
          {
            name: 'School support',
            uuid: null,
            program_name: 'Edu',
            enrollment_date: '2024-01-01',
          },
          { name: 'Life skills', uuid: null, referral_id: 42 },
        ],
      }),
    )
    expect(fake.referrals()).toEqual([
      {
        id: 41,
        externalId: CASE_ID,
        externalIdDisplay: 'd',
        clientGlobalId: GLOBAL_ID,
        organization: 'cif',
        services: ['Family support'],
        status: 'Accepted',
        createdAt: '2024-02-02T02:02:02.000Z',
      },
      expect.objectContaining({ id: 42, services: ['Life skills'], status: 'Referred' }),
    ])
    expect(() => fake.seedClient(aClient({ organization_name: 'nope' }))).toThrow(/nope/)
    expect(() =>
      fake.seedClient(
        aClient({ global_id: OTHER_GLOBAL_ID, services: [{ name: 'x', referral_id: 41 }] }),
      ),
    ).toThrow(/referral 41/)
    expect(fake.clients().map((c) => c.global_id)).toEqual([GLOBAL_ID])
  })

  it('decideReferral Exited rejects without creating a client; new referrals get fresh ids', async () => {
    const { fake, oscar } = await harness()
    fake.seedClient(aClient({ services: [{ name: 'Family support', referral_id: 7 }] }))
    await right(oscar.upsertClient(anUpsert()))
    const created = fake.referrals().find((r) => r.externalId === CASE_ID)
    expect(created?.id).toBe(8)
    expect(fake.decideReferral(8, 'Exited')).toMatchObject({ id: 8, status: 'Exited' })
    expect(fake.clients().map((c) => c.global_id)).toEqual([GLOBAL_ID])
    // An exited referral is not "found": the same upsert opens another one.
    await right(oscar.upsertClient(anUpsert()))
    expect(fake.referrals().map((r) => [r.id, r.status])).toEqual([
      [7, 'Referred'],
      [8, 'Exited'],
      [9, 'Referred'],
    ])
    expect(() => fake.decideReferral(99, 'Accepted')).toThrow(/99/)
  })

  it('decideReferral on a seeded child updates its service and bumps updated_at', async () => {
    const time = manualClock('2024-01-01T00:00:00Z')
    const { fake } = await harness({ clock: time.clock })
    fake.seedClient(
      aClient({
        services: [{ name: 'Family support', referral_id: 7, referral_status: 'Referred' }],
      }),
    )
    time.set('2024-01-05T00:00:00Z')
    fake.decideReferral(7, 'Exited')
    expect(fake.clients()[0]).toMatchObject({
      services: [{ referral_id: 7, referral_status: 'Exited' }],
      updated_at: '2024-01-05T00:00:00.000Z',
    })
  })

  it('updateClient needs the NGO when a child is in several', async () => {
    const { fake } = await harness()
    fake.seedClient(aClient({ organization_name: 'cif' }))
    fake.seedClient(aClient({ organization_name: 'tpo' }))
    expect(() => fake.updateClient(GLOBAL_ID, { mosvy_number: 'x' })).toThrow(/several/)
    expect(fake.updateClient(GLOBAL_ID, { mosvy_number: 'x' }, 'tpo')).toMatchObject({
      organization_name: 'tpo',
    })
    expect(() => fake.updateClient(OTHER_GLOBAL_ID, {})).toThrow()
  })
})

describe('fake options and plumbing', () => {
  it('matches services against the taxonomy it was given, with fixed uuids', async () => {
    const { fake, oscar } = await harness({ services: ['Kinship care'] })
    expect(fake.services).toEqual([{ name: 'Kinship care', uuid: serviceUuid('Kinship care') }])
    expect(serviceUuid('Kinship care')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    await right(
      oscar.upsertClient(
        anUpsert({ services: [{ name: 'Kinship care' }, { name: 'Life skills' }] }),
      ),
    )
    expect(fake.referrals()[0]?.services).toEqual(['Kinship care'])
  })

  it('defaults to the 24 Cambodia agencies and the preset services without Not Specified', async () => {
    const fake = await startFakeOscar()
    try {
      expect(fake.organizations).toHaveLength(24)
      expect(fake.services.map((s) => s.name)).toContain('Generalist social work / case work')
      expect(fake.services.map((s) => s.name)).not.toContain('Not Specified')
    } finally {
      await fake.close()
    }
  })

  it('records every request, answers unknown routes and malformed JSON with HTML', async () => {
    const { fake } = await harness()
    const headers = await rawSession(fake)
    await fetch(`${fake.url}/api/v1/nothing?x=1`, { headers })
    await fetch(`${fake.url}/api/v1/organizations/clients/upsert`, {
      method: 'POST',
      headers,
      body: '{oops',
    })
    const validated = await fetch(`${fake.url}/api/v1/admin_auth/validate_token`, { headers })
    expect(validated.status).toBe(200)
    expect(
      (await fetch(`${fake.url}/api/v1/admin_auth/sign_out`, { method: 'DELETE', headers })).status,
    ).toBe(200)
    expect((await fetch(`${fake.url}/api/v1/admin_auth/validate_token`, { headers })).status).toBe(
      401,
    )
    expect(fake.requests.map((r) => [r.method, r.path, r.query, r.status])).toEqual([
      ['POST', '/api/v1/admin_auth/sign_in', '', 200],
      ['GET', '/api/v1/nothing', '?x=1', 404],
      ['POST', '/api/v1/organizations/clients/upsert', '', 400],
      ['GET', '/api/v1/admin_auth/validate_token', '', 200],
      ['DELETE', '/api/v1/admin_auth/sign_out', '', 200],
      ['GET', '/api/v1/admin_auth/validate_token', '', 401],
    ])
    expect(fake.requests[0]).not.toHaveProperty('body')
    fake.clearRequests()
    expect(fake.requests).toEqual([])
  })
})
