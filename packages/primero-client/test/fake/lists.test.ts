import { describe, expect, it } from 'vitest'

import { fakePrimero } from '../helpers.js'
import { api, ids } from './raw.js'

const seed = async (options?: Parameters<typeof fakePrimero>[0]) => {
  const fake = await fakePrimero(options)
  fake.seedCases([
    {
      id: 'a',
      status: 'open',
      age: 7,
      sex: 'male',
      record_state: true,
      mosvy_number: '123',
      oscar_number: 'OSC1',
      created_at: '2025-01-01T00:00:00.000Z',
      last_updated_at: '2025-03-01T00:00:00.000Z',
    },
    {
      id: 'b',
      status: 'closed',
      age: 12,
      sex: 'female',
      record_state: false,
      mosvy_number: 456,
      oscar_number: 'OSC2',
      created_at: '2025-01-02T00:00:00.000Z',
      last_updated_at: '2025-03-05T10:00:00.000Z',
    },
    {
      id: 'c',
      status: 'open',
      age: 15,
      sex: 'female',
      record_state: true,
      created_at: '2025-01-03T00:00:00.000Z',
      last_updated_at: '2025-03-09T00:00:00.000Z',
    },
  ])
  return fake
}

describe('fake: list queries', () => {
  it('defaults to created_at desc, 20 per page, with metadata', async () => {
    const fake = await seed()
    const reply = await api(fake, 'GET', '/api/v2/cases')
    expect(reply.json.data.map((c: { id: string }) => c.id)).toEqual(['c', 'b', 'a'])
    expect(reply.json.metadata).toEqual({ total: 3, per: 20, page: 1 })
  })

  it('orders by any field, both ways', async () => {
    const fake = await seed()
    expect(await ids(fake, 'order_by=age&order=asc')).toEqual(['a', 'b', 'c'])
    expect(await ids(fake, 'order_by=last_updated_at&order=desc')).toEqual(['c', 'b', 'a'])
  })

  it('caps per at 1000 silently', async () => {
    const fake = await fakePrimero()
    fake.seedCases(Array.from({ length: 1100 }, () => ({})))
    const reply = await api(fake, 'GET', '/api/v2/cases?per=5000')
    expect(reply.json.data).toHaveLength(1000)
    expect(reply.json.metadata).toEqual({ total: 1100, per: 1000, page: 1 })
  })

  it('reads a,b lists, a..b and a.. ranges, booleans and exact ids', async () => {
    const fake = await seed()
    const q = (s: string) => ids(fake, `order_by=id&order=asc&${s}`)
    expect(await q('status=open')).toEqual(['a', 'c'])
    expect(await q('sex=male,female')).toEqual(['a', 'b', 'c'])
    expect(await q('age=10..20')).toEqual(['b', 'c'])
    expect(await q('age=12..')).toEqual(['b', 'c'])
    expect(await q('last_updated_at=2025-03-05T10:00:00.000Z..')).toEqual(['b', 'c'])
    expect(await q('last_updated_at=2025-03-01T00:00:00.000Z..2025-03-05T10:00:00.000Z')).toEqual([
      'a',
      'b',
    ])
    expect(await q('record_state=false')).toEqual(['b'])
    expect(await q('oscar_number=OSC2')).toEqual(['b'])
  })

  it('reads digits as an integer: a text field holding them does not match', async () => {
    const fake = await seed()
    expect(await ids(fake, 'mosvy_number=123')).toEqual([])
    expect(await ids(fake, 'mosvy_number=456')).toEqual(['b'])
  })

  it('drops a filter on a field outside the filterable set, silently', async () => {
    const fake = await seed({ filterableFields: ['status'] })
    expect(await ids(fake, 'order_by=id&order=asc&sex=male')).toEqual(['a', 'b', 'c'])
    expect(await ids(fake, 'order_by=id&order=asc&status=closed')).toEqual(['b'])
    // An identifier field (Child.filterable_id_fields) applies whatever the role reads.
    expect(await ids(fake, 'order_by=id&order=asc&oscar_number=OSC2')).toEqual(['b'])
  })

  it('drops a filter it cannot read (an open-start range, a range over text)', async () => {
    const fake = await seed()
    expect(await ids(fake, 'order_by=id&order=asc&age=..10')).toEqual(['a', 'b', 'c'])
    expect(await ids(fake, 'order_by=id&order=asc&status=a..z')).toEqual(['a', 'b', 'c'])
  })

  it('searches identifiers by substring with query + id_search', async () => {
    const fake = await seed()
    expect(await ids(fake, 'query=osc&id_search=true&order_by=id&order=asc')).toEqual(['a', 'b'])
  })

  it('projects fields, always keeping id', async () => {
    const fake = await seed()
    const reply = await api(
      fake,
      'GET',
      '/api/v2/cases?fields=status,age&order_by=id&order=asc&per=1',
    )
    expect(reply.json.data).toEqual([{ id: 'a', status: 'open', age: 7 }])
    const one = await api(fake, 'GET', '/api/v2/cases/a?fields=sex')
    expect(one.json.data).toEqual({ id: 'a', sex: 'male' })
  })

  it('pages lookups, users and agencies', async () => {
    const fake = await fakePrimero({
      users: Array.from({ length: 25 }, (_, i) => `u${i}`),
      agencies: ['agency-x'],
    })
    const page2 = await api(fake, 'GET', '/api/v2/users?page=2')
    expect(page2.json.data).toHaveLength(5)
    expect(page2.json.metadata).toEqual({ total: 25, per: 20, page: 2 })
    expect((await api(fake, 'GET', '/api/v2/agencies')).json.data[0]).toMatchObject({
      unique_id: 'agency-x',
    })
    expect((await api(fake, 'GET', '/api/v2/lookups')).json).toEqual({
      data: [],
      metadata: { total: 0, per: 20, page: 1 },
    })
  })

  it('answers unknown routes with 404 in the error envelope', async () => {
    const fake = await fakePrimero()
    const reply = await api(fake, 'GET', '/api/v2/nothing')
    expect(reply.status).toBe(404)
    expect(reply.json).toEqual({
      errors: [{ status: 404, resource: '/api/v2/nothing', message: 'Not Found' }],
    })
  })
})
