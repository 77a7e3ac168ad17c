import { isDecodeError, isNonJsonResponse } from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient, anUpsert, CASE_ID, GLOBAL_ID, OTHER_GLOBAL_ID } from './fixtures/records.js'
import {
  closeAll,
  harness,
  hits,
  left,
  manualClock,
  right,
  startStub,
  withSignIn,
} from './helpers.js'

afterEach(closeAll)

const sentDates = (query: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(query))

describe('readClients: day granularity', () => {
  it('sends since as YYYY-MM-DD 00:00:00 and returns a record changed earlier the same day again', async () => {
    const time = manualClock('2024-03-05T08:00:00Z')
    const { fake, oscar } = await harness({ clock: time.clock })
    fake.seedClient(aClient({ global_id: GLOBAL_ID }))
    time.set('2024-03-04T23:00:00Z')
    fake.seedClient(aClient({ global_id: OTHER_GLOBAL_ID }))

    time.set('2024-03-05T09:00:00Z')
    const first = await right(oscar.readClients({ since: '2024-03-05' }))
    expect(first.clients.map((c) => c.global_id)).toEqual([GLOBAL_ID])
    expect(first.rejected).toEqual([])

    // The next run, later that day, with its cursor at 10:00: the same record comes back.
    time.set('2024-03-05T15:00:00Z')
    const again = await right(oscar.readClients({ since: new Date('2024-03-05T10:00:00Z') }))
    expect(again.clients.map((c) => c.global_id)).toEqual([GLOBAL_ID])

    const reads = hits(fake, '/organizations/clients', 'GET')
    expect(reads.map((r) => sentDates(r.query))).toEqual([
      { since_date: '2024-03-05 00:00:00' },
      { since_date: '2024-03-05 00:00:00' },
    ])
  })

  it('sends until as end_date: a window of creations', async () => {
    const time = manualClock('2024-01-10T12:00:00Z')
    const { fake, oscar } = await harness({ clock: time.clock })
    fake.seedClient(aClient({ global_id: GLOBAL_ID }))
    time.set('2024-02-10T12:00:00Z')
    fake.seedClient(aClient({ global_id: OTHER_GLOBAL_ID }))
    // An edit today does not bring the January child into a February window.
    fake.updateClient(GLOBAL_ID, { mosvy_number: 'M-1' })

    const result = await right(oscar.readClients({ since: '2024-02-01', until: '2024-02-28' }))
    expect(result.clients.map((c) => c.global_id)).toEqual([OTHER_GLOBAL_ID])
    expect(sentDates(hits(fake, '/organizations/clients')[0]?.query ?? '')).toEqual({
      since_date: '2024-02-01 00:00:00',
      end_date: '2024-02-28 00:00:00',
    })
  })

  it('throws a RangeError at call time for a day that is not one, sending nothing', async () => {
    const { fake, oscar } = await harness()
    expect(() => oscar.readClients({ since: '05/03/2024' })).toThrow(RangeError)
    expect(() => oscar.readClients({ since: '2024-02-30' })).toThrow(RangeError)
    expect(() => oscar.listClients({ since: new Date('nope') })).toThrow(RangeError)
    expect(fake.requests).toEqual([])
  })
})

describe('readClients: what OSCaR lists', () => {
  it('lists only children with a given and a family name (either script), a gender and a date of birth', async () => {
    const time = manualClock('2024-05-01T00:00:00Z')
    const { fake, oscar } = await harness({ clock: time.clock })
    const noLocal = { local_given_name: null, local_family_name: null }
    fake.seedClient(aClient({ global_id: GLOBAL_ID }))
    fake.seedClient(aClient({ global_id: OTHER_GLOBAL_ID, date_of_birth: '' }))
    fake.seedClient(aClient({ global_id: '01J000000000000000000000NG', gender: null }))
    // Khmer names only: listed, the latin name falling back to the Khmer one.
    fake.seedClient(
      aClient({ global_id: '01J000000000000000000000KH', given_name: '', family_name: ' ' }),
    )
    // A given name without any family name (and the reverse): not listed.
    fake.seedClient(
      aClient({ global_id: '01J000000000000000000000GN', ...noLocal, family_name: '' }),
    )
    fake.seedClient(
      aClient({ global_id: '01J000000000000000000000FN', ...noLocal, given_name: '  ' }),
    )
    const clients = await right(oscar.listClients({ since: '2000-01-01' }))
    expect(clients.map((c) => c.global_id)).toEqual([GLOBAL_ID, '01J000000000000000000000KH'])
    expect(clients[1]).toMatchObject({
      given_name: 'ដារា',
      family_name: 'ចាន់',
      local_given_name: 'ដារា',
    })
  })

  it('keeps a referral invisible until the NGO accepts it, then lists the new client', async () => {
    const time = manualClock('2024-04-01T09:00:00Z')
    const { fake, oscar } = await harness({ clock: time.clock })
    const saved = await right(oscar.upsertClient(anUpsert()))
    expect(saved).toEqual({ externalId: CASE_ID, message: 'Record saved.' })
    expect(await right(oscar.listClients({ since: '2024-04-01' }))).toEqual([])

    const [referral] = fake.referrals()
    expect(referral).toMatchObject({ status: 'Referred', organization: 'cif' })
    time.set('2024-04-02T10:00:00Z')
    fake.decideReferral(referral?.id ?? -1, 'Accepted')

    const clients = await right(oscar.listClients({ since: '2024-04-02' }))
    expect(clients).toHaveLength(1)
    expect(clients[0]).toMatchObject({
      global_id: referral?.clientGlobalId,
      external_id: CASE_ID,
      external_id_display: '4d5e6f',
      resource: 'primero',
      is_referred: true,
      organization_name: 'cif',
      services: [{ name: 'Kinship care', referral_id: referral?.id, referral_status: 'Accepted' }],
    })
    // OSCaR's serializer does not send the timestamps.
    expect(clients[0]).not.toHaveProperty('updated_at')
  })
})

describe('readClients: one record at a time', () => {
  it('keeps a record with odd fields, names them by index, global id and paths, logs no value', async () => {
    const { fake, oscar, events } = await harness({ clock: manualClock('2024-01-01').clock })
    fake.seedClient(aClient({ global_id: GLOBAL_ID }))
    fake.seedClient(aClient({ global_id: OTHER_GLOBAL_ID, slug: 1234567, status: ['yes'] }))
    const result = await right(oscar.readClients({ since: '2000-01-01' }))
    expect(result.clients.map((c) => c.global_id)).toEqual([GLOBAL_ID, OTHER_GLOBAL_ID])
    expect(result.clients[1]).not.toHaveProperty('slug')
    expect(result.clients[1]).not.toHaveProperty('status')
    expect(result.rejected).toEqual([])
    const paths = ['slug', 'status']
    expect(result.repaired).toEqual([
      { index: 1, globalId: OTHER_GLOBAL_ID, paths, dropped: paths },
    ])
    const warned = events.filter((e) => e.event === 'oscar.client_repaired')
    expect(warned).toEqual([
      {
        level: 'warn',
        event: 'oscar.client_repaired',
        fields: {
          index: 1,
          globalId: OTHER_GLOBAL_ID,
          paths: 'slug,status',
          dropped: 'slug,status',
        },
      },
    ])
    expect(JSON.stringify(events)).not.toContain('1234567')
    // listClients is the same read, keeping the clients.
    expect(
      (await right(oscar.listClients({ since: '2000-01-01' }))).map((c) => c.global_id),
    ).toEqual([GLOBAL_ID, OTHER_GLOBAL_ID])
  })

  it('fails with DecodeError (paths only) when the envelope is not {data: [...]}', async () => {
    const url = await startStub(
      withSignIn((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"clients":[{"given_name":"Planted Name"}]}')
      }),
    )
    const { newClient } = await harness()
    const error = await left(newClient({ baseUrl: url }).readClients({ since: '2024-01-01' }))
    expect(isDecodeError(error) && error.paths).toEqual(['data'])
    expect(error.message).not.toContain('Planted')
  })

  it('fails with NonJsonResponse when a 200 is not JSON', async () => {
    const url = await startStub(
      withSignIn((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html>maintenance</html>')
      }),
    )
    const { newClient } = await harness()
    const error = await left(newClient({ baseUrl: url }).readClients({ since: '2024-01-01' }))
    expect(isNonJsonResponse(error) && [error.status, error.contentType]).toEqual([
      200,
      'text/html',
    ])
  })
})

describe('listOrganizations', () => {
  it("lists the Cambodia preset's agencies OSCaR shows: all but cwd (never a visible tenant)", async () => {
    const { oscar } = await harness()
    const organizations = await right(oscar.listOrganizations())
    expect(organizations).toHaveLength(23)
    expect(organizations.map((o) => o.short_name)).toContain('cif')
    expect(organizations.map((o) => o.short_name)).not.toContain('cwd')
    expect(organizations[0]).toEqual({
      id: 1,
      full_name: 'GPC',
      short_name: 'gpc',
      logo: { url: null },
      country: 'cambodia',
      demo: false,
    })
  })

  it('needs no session: GET /api/v1/organizations answers without sign-in headers', async () => {
    const { fake } = await harness({ organizations: ['cif'] })
    const answer = await fetch(`${fake.url}/api/v1/organizations`)
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ organizations: [{ short_name: 'cif' }] })
  })

  it('lists the organisations the fake was given', async () => {
    const { oscar } = await harness({ organizations: ['demo', 'ngo-x'] })
    const organizations = await right(oscar.listOrganizations())
    expect(organizations.map((o) => o.short_name)).toEqual(['demo', 'ngo-x'])
  })
})
