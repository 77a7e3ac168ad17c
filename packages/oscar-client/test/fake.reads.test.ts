import { afterEach, describe, expect, it } from 'vitest'

import { aClient, anUpsert, CASE_ID, GLOBAL_ID, OTHER_GLOBAL_ID } from './fixtures/records.js'
import { closeAll, harness, manualClock, rawSession, right } from './helpers.js'

afterEach(closeAll)

const CLIENTS = '/api/v1/organizations/clients'

type Row = Record<string, unknown>

const read = async (
  fake: { readonly url: string },
  headers: Record<string, string>,
  query = '',
): Promise<{ status: number; type: string; data: Row[] }> => {
  const answer = await fetch(`${fake.url}${CLIENTS}${query}`, { headers })
  const type = answer.headers.get('content-type') ?? ''
  const body = type.includes('json') ? ((await answer.json()) as { data: Row[] }) : { data: [] }
  return { status: answer.status, type, data: body.data }
}

const byId = (rows: ReadonlyArray<Row>, id: string): Row | undefined =>
  rows.find((r) => r['global_id'] === id)

const familySupport = (id: number) => ({
  name: 'Family support',
  uuid: 'c0ffee00-0000-4000-8000-00000000000a',
  referral_id: id,
  referral_status: 'Referred',
})

describe('what GET clients shows (item 11)', () => {
  it('resource is primero exactly when external_id is set; services are empty when not', async () => {
    const { fake, oscar } = await harness({ organizations: ['cif'] })
    fake.seedClient(aClient({ external_id: CASE_ID, services: [familySupport(3)] }))
    fake.seedClient(
      aClient({ global_id: OTHER_GLOBAL_ID, external_id: '', services: [familySupport(4)] }),
    )
    const { data } = await read(fake, await rawSession(fake))
    expect(byId(data, GLOBAL_ID)).toMatchObject({
      resource: 'primero',
      services: [{ referral_id: 3, name: 'Family support' }],
    })
    expect(byId(data, OTHER_GLOBAL_ID)).toMatchObject({ resource: null, services: [] })
    expect(byId(data, OTHER_GLOBAL_ID)).toHaveProperty('resource', null)
    // The codec reads a null resource and empty services.
    const clients = await right(oscar.listClients({ since: '2000-01-01' }))
    expect(clients.find((c) => c.global_id === OTHER_GLOBAL_ID)).toMatchObject({
      resource: null,
      services: [],
    })
  })

  it('a child the NGO referred to MoSVY comes without resource, with its services', async () => {
    const { fake, oscar } = await harness({ organizations: ['cif'] })
    fake.seedClient(aClient({ referred_external: true, services: [familySupport(8)] }))
    const { data } = await read(fake, await rawSession(fake))
    expect(data[0]).not.toHaveProperty('resource')
    expect(data[0]).toMatchObject({
      is_referred: true,
      organization_id: 1,
      level_of_risk: 'medium',
      services: [{ referral_id: 8, referral_status: 'Referred' }],
    })
    // The codec reads both shapes.
    const [client] = await right(oscar.listClients({ since: '2000-01-01' }))
    expect(client?.resource).toBeUndefined()
  })

  it('is_referred is derived from the referrals the child holds, not stored', async () => {
    const { fake, oscar } = await harness({ organizations: ['cif'] })
    fake.seedClient(aClient({ is_referred: true, external_id: CASE_ID }))
    const headers = await rawSession(fake)
    expect(byId((await read(fake, headers)).data, GLOBAL_ID)?.['is_referred']).toBe(false)
    // A Primero referral of the known child shows only once the NGO acts on it.
    await right(oscar.upsertClient(anUpsert({ global_id: GLOBAL_ID })))
    expect(byId((await read(fake, headers)).data, GLOBAL_ID)).toMatchObject({
      is_referred: false,
      services: [],
    })
    fake.decideReferral(1, 'Accepted')
    expect(byId((await read(fake, headers)).data, GLOBAL_ID)).toMatchObject({
      is_referred: true,
      services: [{ referral_id: 1, referral_status: 'Accepted', name: 'Kinship care' }],
    })
  })

  it('sends the serializer’s fields only: no timestamps, latin names falling back to Khmer', async () => {
    const { fake } = await harness({ organizations: ['cif'] })
    fake.seedClient(aClient({ given_name: '', reason_for_referral: 'kept inside' }))
    const [row] = (await read(fake, await rawSession(fake))).data
    expect(row).toMatchObject({ given_name: 'ដារា', family_name: 'Chan', organization_name: 'cif' })
    for (const key of ['created_at', 'updated_at', 'reason_for_referral', 'organization_id'])
      expect(row).not.toHaveProperty(key)
  })

  it('update_links writes only the two ids, nil where missing, and not is_referred', async () => {
    const time = manualClock('2024-06-01T00:00:00Z')
    const { fake } = await harness({ organizations: ['cif', 'tpo'], clock: time.clock })
    fake.seedClient(
      aClient({ external_id: 'x', external_id_display: 'y', organization_name: 'cif' }),
    )
    fake.seedClient(aClient({ organization_name: 'tpo' }))
    time.set('2024-06-05T00:00:00Z')
    const headers = await rawSession(fake)
    const answer = await fetch(`${fake.url}/api/v1/organizations/clients/update_links`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        data: [{ global_id: GLOBAL_ID, external_id: CASE_ID, is_referred: true }],
      }),
    })
    expect(answer.status).toBe(200)
    for (const copy of fake.clients())
      expect(copy).toMatchObject({
        external_id: CASE_ID,
        external_id_display: null,
        is_referred: false,
        updated_at: '2024-06-01T00:00:00.000Z',
      })
    const empty = await fetch(`${fake.url}/api/v1/organizations/clients/update_links`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ data: [] }),
    })
    expect(empty.status).toBe(500)
  })

  it('lists NGO by NGO, newest first', async () => {
    const time = manualClock('2024-06-01T00:00:00Z')
    const { fake } = await harness({ organizations: ['gpc', 'cif'], clock: time.clock })
    fake.seedClient(aClient({ organization_name: 'cif' }))
    time.set('2024-06-02T00:00:00Z')
    fake.seedClient(aClient({ organization_name: 'cif', global_id: OTHER_GLOBAL_ID }))
    fake.seedClient(aClient({ organization_name: 'gpc' }))
    const { data } = await read(fake, await rawSession(fake))
    expect(data.map((r) => [r['organization_name'], r['global_id']])).toEqual([
      ['gpc', GLOBAL_ID],
      ['cif', OTHER_GLOBAL_ID],
      ['cif', GLOBAL_ID],
    ])
  })
})

describe('since_date as Time.parse reads it (item 13)', () => {
  const twoDays = async () => {
    const time = manualClock('2026-11-29T23:00:00Z')
    const h = await harness({ organizations: ['cif'], clock: time.clock })
    h.fake.seedClient(aClient({ global_id: OTHER_GLOBAL_ID }))
    time.set('2026-11-30T08:00:00Z')
    h.fake.seedClient(aClient())
    return { ...h, headers: await rawSession(h.fake) }
  }
  const ids = (rows: ReadonlyArray<Row>) => rows.map((r) => r['global_id'])

  it.each([
    '2026-11-30',
    '2026-11-30 10:00:00',
    '2026-11-30T10:00:00Z',
    '2026-11-30T10:00:00.123Z',
    '2026-11-30T10:00:00+07:00',
    '2026-11-30 10:00:00 +0700',
    '2026/11/30',
    '30 Nov 2026',
    '2026-11-30 and trailing words',
  ])('%s → the records changed that day or later', async (since) => {
    const { fake, headers } = await twoDays()
    const answer = await read(fake, headers, `?since_date=${encodeURIComponent(since)}`)
    expect([answer.status, ids(answer.data)]).toEqual([200, [GLOBAL_ID]])
  })

  it.each(['yesterday', '2026-13-01', '2026-02-30', '2026-11-30T25:00:00Z', 'Foo 30 2026'])(
    '%s → a 500 HTML page',
    async (since) => {
      const { fake, headers } = await twoDays()
      const answer = await read(fake, headers, `?since_date=${encodeURIComponent(since)}`)
      expect([answer.status, answer.type]).toEqual([500, 'text/html; charset=utf-8'])
    },
  )

  it('a blank since_date returns everything; end_date without since_date is a 500', async () => {
    const { fake, headers } = await twoDays()
    expect(ids((await read(fake, headers, '?since_date=%20')).data)).toHaveLength(2)
    expect((await read(fake, headers, '?end_date=2026-12-01')).status).toBe(500)
  })

  it('end_date compares wall-clock times, offsets ignored', async () => {
    const { fake, headers } = await twoDays()
    // 07:00+07:00 is 00:00Z; OSCaR reads it as 07:00, so the 08:00Z child stays out.
    const query = `?since_date=2026-11-30&end_date=${encodeURIComponent('2026-11-30T07:00:00+07:00')}`
    expect(ids((await read(fake, headers, query)).data)).toEqual([])
    const later = `?since_date=2026-11-29&end_date=${encodeURIComponent('2026-11-30T09:00:00+07:00')}`
    expect(ids((await read(fake, headers, later)).data)).toEqual([OTHER_GLOBAL_ID, GLOBAL_ID])
  })
})
