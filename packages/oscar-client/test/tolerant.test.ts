/**
 * One odd field never blocks a child: each field that once refused a whole client is now
 * repaired (when the repair is certain) or left out, and named in `repaired`. The records
 * come from a local stub: shapes OSCaR sends that the fake never stores.
 */
import { createOscarClient, OscarUpsert } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient, GLOBAL_ID, OTHER_GLOBAL_ID } from './fixtures/records.js'
import { closeAll, recordingLogger, right, startStub, withSignIn } from './helpers.js'

afterEach(closeAll)

/** Reads `records` as `GET clients` answers them, from a stub. */
const read = async (records: ReadonlyArray<unknown>) => {
  const url = await startStub(
    withSignIn((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ data: records }))
    }),
  )
  const { logger, events } = recordingLogger()
  const oscar = createOscarClient({
    baseUrl: url,
    auth: { email: 'api@oscar.test', password: 'stub-password' },
    retry: false,
    logger,
  })
  return { result: await right(oscar.readClients({ since: '2024-01-01' })), events }
}

/** Reads one client with `fields` over the fixture: the client and its warnings. */
const readOne = async (fields: Readonly<Record<string, unknown>>) => {
  const { result } = await read([aClient({ global_id: GLOBAL_ID, ...fields })])
  expect(result.rejected).toEqual([])
  expect(result.clients.map((c) => c.global_id)).toEqual([GLOBAL_ID])
  return { client: result.clients[0], repaired: result.repaired }
}

const referral = { name: 'Counselling', uuid: 'u-1', referral_status: 'Referred' }

describe('a client field is repaired when the repair is certain', () => {
  it.each([
    ['is_referred', 'true', true],
    ['is_referred', 'False', false],
    ['referral_consent_form', ['a.pdf', null], ['a.pdf']],
    ['referral_consent_form', [null], []],
    ['referral_consent_form', 'a.pdf', ['a.pdf']],
  ])('%s %j → %j', async (field, odd, repaired) => {
    const { client, repaired: warnings } = await readOne({ [field]: odd })
    expect(client?.[field]).toEqual(repaired)
    expect(warnings).toEqual([{ index: 0, globalId: GLOBAL_ID, paths: [field], dropped: [] }])
  })

  it('a referral_id written as text ("88") becomes 88', async () => {
    const { client, repaired } = await readOne({
      services: [referral, { ...referral, referral_id: '88' }],
    })
    expect(client?.services?.map((s) => s.referral_id)).toEqual([undefined, 88])
    expect(repaired[0]).toMatchObject({ paths: ['services.1.referral_id'], dropped: [] })
  })
})

describe('a field is left out when no repair is certain', () => {
  it.each([
    ['is_referred', 'yes'],
    ['referral_consent_form', [{ url: 'a.pdf' }]],
    ['organization_id', { id: 3 }],
    ['given_name', 42],
    ['services', 'none'],
  ])('%s %j', async (field, odd) => {
    const { client, repaired } = await readOne({ [field]: odd })
    expect(client).not.toHaveProperty(field)
    expect(client?.family_name).toBe('Chan')
    expect(repaired).toEqual([{ index: 0, globalId: GLOBAL_ID, paths: [field], dropped: [field] }])
  })

  it('a referral_id that is not a whole number is left out, the service kept', async () => {
    const { client, repaired } = await readOne({ services: [{ ...referral, referral_id: '8.8' }] })
    expect(client?.services).toEqual([referral])
    expect(repaired[0]?.dropped).toEqual(['services.0.referral_id'])
  })

  it('a service without a name is left out whole, the other services kept', async () => {
    const { name: _name, ...nameless } = referral
    const { client, repaired } = await readOne({
      services: [{ ...nameless, referral_id: 7 }, { ...referral, referral_id: 8 }, 'junk'],
    })
    expect(client?.services?.map((s) => s.referral_id)).toEqual([8])
    expect(repaired[0]).toMatchObject({
      paths: ['services.0', 'services.2'],
      dropped: ['services.0', 'services.2'],
    })
  })
})

describe('identity', () => {
  it('only a record without a text global_id is rejected, as before', async () => {
    const { result } = await read([
      aClient({ global_id: 12, is_referred: 'true' }),
      aClient({ global_id: OTHER_GLOBAL_ID, is_referred: 'true' }),
      'junk',
    ])
    expect(result.clients.map((c) => c.global_id)).toEqual([OTHER_GLOBAL_ID])
    expect(result.rejected).toEqual([
      { index: 0, paths: ['global_id', 'is_referred'] },
      { index: 2, paths: [''] },
    ])
    expect(result.repaired).toEqual([
      { index: 1, globalId: OTHER_GLOBAL_ID, paths: ['is_referred'], dropped: [] },
    ])
  })
})

describe('warnings', () => {
  it('are logged with paths only, never a value', async () => {
    const { events } = await read([aClient({ given_name: { text: 'Sokha Planted' } })])
    const warned = events.filter((e) => e.event === 'oscar.client_repaired')
    expect(warned.map((e) => e.fields)).toEqual([
      { index: 0, globalId: GLOBAL_ID, paths: 'given_name', dropped: 'given_name' },
    ])
    expect(JSON.stringify(events)).not.toContain('Sokha')
    const summary = events.find((e) => e.event === 'oscar.clients_read')
    expect(summary?.fields).toMatchObject({ clients: 1, rejected: 0, repaired: 1 })
  })
})

describe('what the client sends stays strict', () => {
  it('an upsert with a text referral_id or an unnamed service does not decode', () => {
    const upsert = { global_id: GLOBAL_ID, organization_name: 'cif' }
    expect(E.isLeft(OscarUpsert.decode({ ...upsert, services: [{ uuid: 'u-1' }] }))).toBe(true)
    expect(E.isLeft(OscarUpsert.decode({ ...upsert, is_referred: 'true' }))).toBe(true)
  })
})
