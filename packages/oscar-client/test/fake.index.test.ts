import { afterEach, describe, expect, it } from 'vitest'

import { aClient, anUpsert, CASE_ID } from './fixtures/records.js'
import { closeAll, harness, rawSession } from './helpers.js'

afterEach(closeAll)

const API = '/api/v1/organizations'
const NGOS = ['gpc', 'tpo', 'cif'] // organisation ids 1, 2, 3

/**
 * The fake's indexes (a child's copies by global id, a NGO's rows by child and by
 * `external_id`, the next referral id) are kept by every write: each step below writes,
 * then reads through the index the write changed.
 */
describe('fake: the indexes follow every write', () => {
  it('a referral made by an upsert, accepted, linked, decided and seeded again is found by what changed', async () => {
    const { fake } = await harness({ organizations: NGOS })
    const headers = await rawSession(fake)
    const send = async (method: string, path: string, body: unknown) => {
      const answer = await fetch(`${fake.url}${API}${path}`, {
        method,
        headers,
        body: JSON.stringify(body),
      })
      const type = answer.headers.get('content-type') ?? ''
      return { status: answer.status, body: type.includes('json') ? await answer.json() : null }
    }
    const upsert = (organization: Record<string, unknown>) =>
      send('POST', '/clients/upsert', { organization })
    const copies = (globalId: string) => fake.clients().filter((c) => c.global_id === globalId)

    // Ids are numbered per NGO, after the highest one seeded there.
    fake.seedClient(
      aClient({
        global_id: '01J00000000000000000000SEE',
        organization_name: 'cif',
        services: [{ name: 'Kinship care', referral_id: 40, referral_status: 'Accepted' }],
      }),
    )
    const { global_id: _none, ...fresh } = anUpsert({ organization_name: 'cif' })
    expect((await upsert(fresh)).status).toBe(200)
    const [first] = fake.referrals().filter((r) => r.externalId === CASE_ID)
    expect(first).toMatchObject({ id: 41, organization: 'cif', status: 'Referred' })
    const globalId = String(first?.clientGlobalId)

    // The same external id again, no child holding it yet: the duplicate trap.
    expect((await upsert(fresh)).status).toBe(200)
    const rows = fake.referrals().filter((r) => r.externalId === CASE_ID)
    expect(rows.map((r) => [r.id, r.clientGlobalId])).toEqual([
      [41, globalId],
      [42, globalId],
    ])

    // Accepted: the NGO now holds a child with that global id, both rows attached to it.
    fake.decideReferral(41, 'Accepted', 'cif')
    expect(copies(globalId)).toHaveLength(1)
    expect((await upsert(fresh)).body).toMatchObject({ message: 'Record was found.' })
    const read = await fetch(`${fake.url}${API}/clients`, { headers })
    const listed = ((await read.json()) as { data: Array<Record<string, unknown>> }).data.find(
      (c) => c['global_id'] === globalId,
    )
    expect(listed).toMatchObject({ is_referred: true, resource: 'primero' })
    expect(
      (listed?.['services'] as Array<{ referral_id: number }>).map((s) => s.referral_id),
    ).toEqual([41, 42])

    // Links and statuses find the new child by its global id.
    const link = { global_id: globalId, external_id: 'case-9', external_id_display: '9' }
    expect((await send('PUT', '/clients/update_links', { data: [link] })).status).toBe(200)
    expect(copies(globalId)[0]).toMatchObject({ external_id: 'case-9' })
    const decided = { client_global_id: globalId, referral_id: 42, referral_status: 'Exited' }
    expect((await send('PUT', '/referrals/update_statuses', { data: [decided] })).status).toBe(200)
    expect(fake.referrals().find((r) => r.id === 42)).toMatchObject({ status: 'Exited' })

    // A copy seeded in a NGO with a lower organisation id becomes the first holder.
    fake.seedClient(aClient({ global_id: globalId, organization_name: 'gpc', mosvy_number: 'g' }))
    const known = { ...fresh, global_id: globalId, organization_name: 'tpo', mosvy_number: 'M-7' }
    expect((await upsert(known)).status).toBe(200)
    expect(copies(globalId).map((c) => [c.organization_name, c.mosvy_number])).toEqual([
      ['cif', ''],
      ['gpc', 'M-7'],
    ])

    // Seeded again: the copy stored now, not the one it replaced, is the one links reach.
    fake.seedClient(aClient({ global_id: globalId, organization_name: 'gpc', mosvy_number: 'g2' }))
    const relink = { ...link, external_id: 'case-10' }
    expect((await send('PUT', '/clients/update_links', { data: [relink] })).status).toBe(200)
    expect(copies(globalId).map((c) => [c.mosvy_number, c.external_id])).toEqual([
      ['', 'case-10'],
      ['g2', 'case-10'],
    ])
  })
})
