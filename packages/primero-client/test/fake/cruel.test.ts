import { describe, expect, it } from 'vitest'

import { defaultWritableFields } from '../../src/testing/index.js'
import { referredChild, rowId } from '../fixtures/cases.js'
import { fakePrimero } from '../helpers.js'
import { api, ids } from './raw.js'

describe('fake: writes Primero reshapes', () => {
  it('drops fields the role may not write, silently (200), rows included', async () => {
    const fake = await fakePrimero()
    const reply = await api(fake, 'POST', '/api/v2/cases', {
      data: {
        ...referredChild,
        favourite_colour: 'blue',
        services_section: [{ unique_id: rowId(1), service_type: 'x', secret_row_note: 'n' }],
      },
    })
    expect(reply.status).toBe(200)
    const [stored] = fake.cases()
    expect(stored?.favourite_colour).toBeUndefined()
    expect(stored?.oscar_number).toBe(referredChild.oscar_number)
    expect(stored?.services_section).toEqual([{ unique_id: rowId(1), service_type: 'x' }])
    const patched = await api(fake, 'PATCH', `/api/v2/cases/${String(stored?.id)}`, {
      data: { favourite_colour: 'red', risk_level: 'high' },
    })
    expect(patched.status).toBe(200)
    expect(Object.keys(patched.json.data).sort()).toEqual(['id', 'last_updated_at', 'risk_level'])
    expect(fake.cases()[0]?.favourite_colour).toBeUndefined()
  })

  it('a dropped field is dropped before validation: it cannot fail a write', async () => {
    const fake = await fakePrimero({ writableFields: ['risk_level'] })
    const reply = await api(fake, 'POST', '/api/v2/cases', {
      data: { risk_level: 'low', date_of_birth: 'not a date' },
    })
    expect(reply.status).toBe(200)
    expect(fake.cases()[0]?.date_of_birth).toBeUndefined()
  })

  it("writableFields: 'all' keeps everything; the default lists the Cambodia fields", async () => {
    const fake = await fakePrimero({ writableFields: 'all' })
    await api(fake, 'POST', '/api/v2/cases', { data: { favourite_colour: 'blue' } })
    expect(fake.cases()[0]?.favourite_colour).toBe('blue')
    for (const f of [
      'mosvy_number',
      'mark_synced_status',
      'services_section.referral_status_edf41f2',
      'services_section.oscar_referral_id_a4ac8a5',
    ]) {
      expect(defaultWritableFields).toContain(f)
    }
  })

  it('an empty subform in a PATCH deletes nothing; _destroy must be a boolean', async () => {
    const fake = await fakePrimero()
    fake.seedCases([{ ...referredChild, id: 'e1' }])
    const rows = fake.cases()[0]?.services_section
    expect(
      (await api(fake, 'PATCH', '/api/v2/cases/e1', { data: { services_section: [] } })).status,
    ).toBe(200)
    expect(fake.cases()[0]?.services_section).toEqual(rows)
    const bad = await api(fake, 'PATCH', '/api/v2/cases/e1', {
      data: { services_section: [{ unique_id: rowId(1), _destroy: 'true' }] },
    })
    expect(bad.status).toBe(422)
    expect(bad.json.errors[0].detail).toEqual(['/services_section/0/_destroy'])
    expect(fake.cases()[0]?.services_section).toEqual(rows)
  })
})

describe('fake: list queries as Primero builds them', () => {
  const seed = async () => {
    const fake = await fakePrimero()
    fake.seedCases([
      { id: 'a', mosvy_number: '123', case_id: '42', last_updated_at: '2025-03-01T10:00:00.100Z' },
      { id: 'b', last_updated_at: '2025-03-01T10:00:00.900Z' },
      { id: 'c', last_updated_at: '2025-03-01T10:00:01.000Z' },
      { id: 'd', last_updated_at: '2025-03-02T23:59:59.999Z' },
    ])
    return fake
  }
  const sortedIds = async (fake: Awaited<ReturnType<typeof seed>>, q: string) =>
    (await ids(fake, `per=100&${q}`)).sort()

  it('date ranges compare whole seconds, inclusive at both ends', async () => {
    const fake = await seed()
    const q = (range: string) => sortedIds(fake, `last_updated_at=${range}`)
    expect(await q('2025-03-01T10:00:00.950Z..2025-03-01T10:00:00.950Z')).toEqual(['a', 'b'])
    expect(await q('2025-03-01T10:00:00.500Z..')).toEqual(['a', 'b', 'c', 'd'])
    expect(await q('2025-03-01T10:00:01.999Z..2025-03-01T10:00:01.000Z')).toEqual(['c'])
  })

  it('a date-only bound covers the whole day', async () => {
    const fake = await seed()
    expect(await sortedIds(fake, 'last_updated_at=2025-03-02..2025-03-02')).toEqual(['d'])
    expect(await sortedIds(fake, 'last_updated_at=2025-03-01..2025-03-01')).toEqual(['a', 'b', 'c'])
  })

  it('identifier fields are exact text; other all-digit values become numbers', async () => {
    const fake = await seed()
    expect(await ids(fake, 'case_id=42')).toEqual(['a'])
    expect(await ids(fake, 'mosvy_number=123')).toEqual([])
  })

  it('id_search answers summary fields only and never searches mosvy_number', async () => {
    const fake = await fakePrimero()
    fake.seedCases([{ ...referredChild, id: 'e1', case_id_display: 'abc1234' }])
    const hit = await api(
      fake,
      'GET',
      `/api/v2/cases?query=${referredChild.oscar_number}&id_search=true`,
    )
    expect(hit.json.data.map((c: { id: string }) => c.id)).toEqual(['e1'])
    expect(hit.json.data[0].oscar_number).toBeUndefined()
    expect(hit.json.data[0].last_updated_at).toBeUndefined()
    expect(hit.json.data[0].sex).toBe('female')
    const mosvy = await api(
      fake,
      'GET',
      `/api/v2/cases?query=${referredChild.mosvy_number}&id_search=true`,
    )
    expect(mosvy.json.data).toEqual([])
  })

  it('no tie-breaker: equal sort keys come in a different order from one request to the next', async () => {
    const fake = await fakePrimero({ seed: 7 })
    fake.seedCases(
      Array.from({ length: 30 }, (_, i) => ({
        id: `t${String(i).padStart(2, '0')}`,
        created_at: '2025-03-01T00:00:00.000Z',
        last_updated_at: '2025-03-01T00:00:00.000Z',
      })),
    )
    const orders = new Set<string>()
    for (let i = 0; i < 4; i += 1) {
      orders.add((await ids(fake, 'per=100&order_by=last_updated_at&order=asc')).join())
    }
    expect(orders.size).toBeGreaterThan(1)
    // A field no record has orders nothing either.
    expect((await ids(fake, 'per=100&order_by=favourite_colour')).join()).not.toBe(
      [...Array(30).keys()].map((i) => `t${String(i).padStart(2, '0')}`).join(),
    )
  })

  it('the order of ties repeats exactly with the same seed', async () => {
    const run = async () => {
      const fake = await fakePrimero({ seed: 3 })
      fake.seedCases(Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, created_at: 'x' })))
      return [await ids(fake, 'per=100'), await ids(fake, 'per=100')]
    }
    expect(await run()).toEqual(await run())
  })
})
