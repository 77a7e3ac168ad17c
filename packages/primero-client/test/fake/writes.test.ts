import { describe, expect, it } from 'vitest'

import { lookups, referredChild, rowId } from '../fixtures/cases.js'
import { fakePrimero, manualClock } from '../helpers.js'
import { api } from './raw.js'

const uuidV4ish = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('fake: case writes', () => {
  it('POST: 200 with the record, server ids, ms timestamps; server fields ignored', async () => {
    const clock = manualClock(Date.parse('2025-08-02T00:00:04.400Z'))
    const fake = await fakePrimero({ clock: clock.now })
    const reply = await api(fake, 'POST', '/api/v2/cases', {
      data: {
        name_first: 'x',
        created_at: '1999-01-01T00:00:00.000Z',
        services_section: [{ service_type: 't' }],
      },
    })
    expect(reply.status).toBe(200)
    const c = reply.json.data
    expect(c.id).toMatch(uuidV4ish)
    expect(c.case_id_display).toBe(String(c.case_id).slice(-7))
    expect([c.created_at, c.last_updated_at]).toEqual([
      '2025-08-02T00:00:04.400Z',
      '2025-08-02T00:00:04.400Z',
    ])
    expect(c.services_section[0].unique_id).toMatch(uuidV4ish)
    expect(c.owned_by).toBe(fake.username)
  })

  it('POST with a client-chosen id: 204, then 409 for the same id', async () => {
    const fake = await fakePrimero()
    const first = await api(fake, 'POST', '/api/v2/cases', { data: { id: 'mine' } })
    expect([first.status, first.text]).toEqual([204, ''])
    const again = await api(fake, 'POST', '/api/v2/cases', { data: { id: 'mine' } })
    expect(again.status).toBe(409)
    expect(again.json.errors[0]).toMatchObject({ status: 409, resource: '/api/v2/cases' })
  })

  it('422 "Invalid Record JSON" with JSON pointers, one item per field', async () => {
    const fake = await fakePrimero({
      lookups,
      agencies: ['agency-cif'],
      users: ['agency-cif-user'],
    })
    const reply = await api(fake, 'POST', '/api/v2/cases', {
      data: {
        risk_level: 'extreme',
        sex: 'female',
        date_of_birth: '2012/02/02',
        age: 3.5,
        owned_by: 'ghost',
        services_section: [
          { unique_id: '6F1C1D2E-3A4B-4C5D-8E9F-0A1B2C3D4E5F', service_response_type: 'elsewhere' },
          {
            unique_id: rowId(2),
            service_response_day_time: 'soon',
            service_implementing_agency: 'agency-zzz',
          },
        ],
      },
    })
    expect(reply.status).toBe(422)
    // ONE error: `detail` is the array of pointers (ErrorService, Errors::InvalidRecordJson).
    expect(reply.json.errors).toHaveLength(1)
    expect(reply.json.errors[0]).toMatchObject({ status: 422, message: 'Invalid Record JSON' })
    expect([...reply.json.errors[0].detail].sort()).toEqual(
      [
        '/risk_level',
        '/services_section/0/service_response_type',
        '/date_of_birth',
        '/age',
        '/owned_by',
        '/services_section/0/unique_id',
        '/services_section/1/service_response_day_time',
        '/services_section/1/service_implementing_agency',
      ].sort(),
    )
    expect(fake.cases()).toEqual([])
  })

  it('any select value passes when no lookups are given', async () => {
    const fake = await fakePrimero()
    expect(
      (await api(fake, 'POST', '/api/v2/cases', { data: { risk_level: 'extreme' } })).status,
    ).toBe(200)
  })

  it('PATCH: deep merge, rows merged by unique_id, _destroy removes, new rows get a uuid', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now, writableFields: 'all' })
    const [c] = fake.seedCases([
      {
        ...referredChild,
        id: 'e1',
        family: { father: { alive: true, name: 'f' } },
        services_section: [
          { unique_id: rowId(1), service_type: 'a', service_subtype: ['x', 'y'] },
          { unique_id: rowId(2), service_type: 'b' },
        ],
      },
    ])
    clock.advance(1234)
    const reply = await api(fake, 'PATCH', '/api/v2/cases/e1', {
      data: {
        family: { father: { alive: false } },
        services_section: [
          { unique_id: rowId(1), service_subtype: ['z'] },
          { unique_id: rowId(2), _destroy: true },
          { service_type: 'c' },
        ],
      },
    })
    expect(reply.status).toBe(200)
    expect(Object.keys(reply.json.data).sort()).toEqual([
      'family',
      'id',
      'last_updated_at',
      'services_section',
    ])
    const stored = fake.cases()[0] ?? {}
    expect(stored.family).toEqual({ father: { alive: false, name: 'f' } })
    const rows = stored.services_section as Array<Record<string, unknown>>
    expect(rows.map((r) => r.service_type)).toEqual(['a', 'c'])
    expect(rows[0]?.service_subtype).toEqual(['z'])
    expect(rows[1]?.unique_id).toMatch(uuidV4ish)
    expect(stored.last_updated_at).not.toBe(c?.last_updated_at)
    expect(stored.created_at).toBe(c?.created_at)
  })

  it('PATCH: 404 for an unknown case, 422 for invalid data (nothing written)', async () => {
    const fake = await fakePrimero()
    fake.seedCases([{ id: 'e1', date_of_birth: '2012-01-01' }])
    expect((await api(fake, 'PATCH', '/api/v2/cases/zz', { data: {} })).status).toBe(404)
    expect(
      (await api(fake, 'PATCH', '/api/v2/cases/e1', { data: { date_of_birth: '01/01/2012' } }))
        .status,
    ).toBe(422)
    expect(fake.cases()[0]?.date_of_birth).toBe('2012-01-01')
  })

  it('DELETE only disables', async () => {
    const fake = await fakePrimero()
    fake.seedCases([{ id: 'e1' }])
    expect((await api(fake, 'DELETE', '/api/v2/cases/e1')).status).toBe(200)
    expect(fake.cases()[0]?.record_state).toBe(false)
  })

  it('editCase (a caseworker) merges like a PATCH and moves last_updated_at', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now })
    fake.seedCases([{ id: 'e1', risk_level: 'low' }])
    clock.advance(5)
    const edited = fake.editCase('e1', { risk_level: 'high' })
    expect(edited).toMatchObject({ risk_level: 'high', last_updated_at: clock.now().toISOString() })
  })

  it('answers 400 to a body that is not JSON', async () => {
    const fake = await fakePrimero()
    const res = await fetch(`${fake.url}/api/v2/cases`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${fake.username}:${fake.password}`).toString('base64')}`,
      },
      body: '{not json',
    })
    expect(res.status).toBe(400)
  })
})
