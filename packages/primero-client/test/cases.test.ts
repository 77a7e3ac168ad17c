import { describe, expect, it } from 'vitest'

import { isDecodeError, isHttpError, isNotFound } from '../src/index.js'
import { referredChild, rowId } from './fixtures/cases.js'
import { calls, clientFor, fails, fakePrimero, ok, withClient } from './helpers.js'
import { rewriting, withFields } from './rewriting.js'

const clientId = '6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f'

describe('getCase', () => {
  it('reads a case by its record id and normalises its dates', async () => {
    const { fake, primero } = await withClient()
    const [seeded] = fake.seedCases([{ ...referredChild, date_of_birth: '2013/04/09' }])
    const c = await ok(primero.getCase(String(seeded?.id)))
    expect(c.id).toBe(seeded?.id)
    expect(c.date_of_birth).toBe('2013-04-09')
    expect(c.services_section?.[0]?.unique_id).toBe(rowId(1))
  })

  it('answers NotFound for an unknown id', async () => {
    const { primero } = await withClient()
    const error = await fails(primero.getCase('no-such-case'))
    expect(isNotFound(error)).toBe(true)
    expect(error.message).toContain('/api/v2/cases/no-such-case')
  })

  it('returns a DecodeError naming the failing paths, never the values, when the ids are unusable', async () => {
    const fake = await fakePrimero()
    const [seeded] = fake.seedCases([{ ...referredChild, date_of_birth: '2013-02-30' }])
    const fetch = rewriting(withFields(String(seeded?.id), { case_id: 7 }))
    const error = await fails(clientFor(fake, { fetch }).getCase(String(seeded?.id)))
    expect(isDecodeError(error) && error.paths).toEqual(['case_id', 'date_of_birth'])
    expect(isDecodeError(error) && error.id).toBe(seeded?.id)
    expect(error.message).toContain('date_of_birth')
    expect(error.message).not.toContain('2013-02-30')
  })
})

describe('createCase', () => {
  it('creates a case and returns it with its server id and timestamps', async () => {
    const { fake, primero } = await withClient()
    const c = await ok(primero.createCase(referredChild))
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(c.case_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(c.created_at).toMatch(/\.\d{3}Z$/)
    expect(fake.cases()).toHaveLength(1)
  })

  it('with a client-chosen id: Primero answers 204 and the case is read back', async () => {
    const { fake, primero } = await withClient()
    const c = await ok(primero.createCase({ ...referredChild, id: clientId }))
    expect(c.id).toBe(clientId)
    expect(c.name_first).toBe(referredChild.name_first)
    expect(fake.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 204],
      ['GET', 200],
    ])
  })

  it('reads a 204 create back through options.readBack, not by id', async () => {
    const { fake, primero } = await withClient()
    const asked: string[] = []
    const readBack = (id: string) => {
      asked.push(id)
      return primero.getCase(id)
    }
    fake.clearRequests()
    const c = await ok(primero.createCase({ ...referredChild, id: clientId }, { readBack }))
    expect(c.id).toBe(clientId)
    expect(asked).toEqual([clientId])
    // The POST, then the one GET `readBack` made itself.
    expect(fake.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 204],
      ['GET', 200],
    ])
    // A create Primero answers with the record (no client id) needs no read back.
    await ok(primero.createCase(referredChild, { readBack }))
    expect(asked).toEqual([clientId])
  })

  it('a 409 on the first attempt is a duplicate id: HttpError 409', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([{ id: clientId }])
    const error = await fails(primero.createCase({ ...referredChild, id: clientId }))
    expect(isHttpError(error) && error.status).toBe(409)
    expect(calls(fake, 'POST', '/api/v2/cases')).toBe(1)
  })

  it('a 409 on a retried POST means the first attempt landed: the case is read back', async () => {
    const { fake, primero } = await withClient()
    // The first POST is stored, but its answer is lost (a 502 from a proxy).
    fake.setFaults({ failNext: { count: 1, status: 502, method: 'POST', afterHandling: true } })
    const c = await ok(primero.createCase({ ...referredChild, id: clientId }))
    expect(c.id).toBe(clientId)
    expect(fake.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 502],
      ['POST', 409],
      ['GET', 200],
    ])
    expect(fake.cases()).toHaveLength(1)
  })

  it('a POST without a client id is never retried (it could create the child twice)', async () => {
    const { fake, primero } = await withClient()
    fake.setFaults({ failNext: { count: 1, status: 503, method: 'POST', afterHandling: true } })
    const error = await fails(primero.createCase(referredChild))
    expect(isHttpError(error) && error.status).toBe(503)
    expect(calls(fake, 'POST', '/api/v2/cases')).toBe(1)
    expect(fake.cases()).toHaveLength(1)
  })

  it('a 422 names the JSON pointers of the invalid fields', async () => {
    const { primero } = await withClient()
    const row = { unique_id: rowId(9), service_response_day_time: 'next week' }
    const error = await fails(primero.createCase({ ...referredChild, services_section: [row] }))
    expect(isHttpError(error) && error.status).toBe(422)
    expect(isHttpError(error) && error.fields).toEqual([
      '/services_section/0/service_response_day_time',
    ])
  })

  it('checks a write before sending it: a non-lowercase row id is a DecodeError, no request', async () => {
    const { fake, primero } = await withClient()
    const row = { unique_id: 'NOT-A-UUID', service_type: 'x' }
    const error = await fails(primero.createCase({ ...referredChild, services_section: [row] }))
    expect(isDecodeError(error) && [error.codec, error.paths]).toEqual([
      'PrimeroCaseWrite',
      ['services_section.0.unique_id'],
    ])
    expect(fake.requests).toEqual([])
  })

  it('sends dates as YYYY-MM-DD, whichever separator it was given', async () => {
    const { fake, primero } = await withClient()
    const c = await ok(primero.createCase({ ...referredChild, date_of_birth: '2013/04/09' }))
    expect(fake.cases()[0]?.date_of_birth).toBe('2013-04-09')
    await ok(primero.updateCase(c.id, { date_of_birth: '2014/05/06' }))
    expect(fake.cases()[0]?.date_of_birth).toBe('2014-05-06')
  })
})

describe('updateCase', () => {
  it('PATCHes, merges subform rows by unique_id, and returns the whole case', async () => {
    const { fake, primero } = await withClient()
    const created = await ok(primero.createCase(referredChild))
    const updated = await ok(
      primero.updateCase(created.id, {
        risk_level: 'high',
        services_section: [
          { unique_id: rowId(1), service_implemented: 'implemented' },
          { unique_id: rowId(2), service_type: 'family_based_care' },
        ],
      }),
    )
    expect(updated.risk_level).toBe('high')
    expect(updated.name_first).toBe(referredChild.name_first)
    expect(updated.services_section).toEqual([
      { ...referredChild.services_section[0], service_implemented: 'implemented' },
      { unique_id: rowId(2), service_type: 'family_based_care' },
    ])
    expect(fake.requests.slice(-2).map((r) => r.method)).toEqual(['PATCH', 'GET'])
  })

  it('given the held case, merges the PATCH answer into it: one request, no read-back', async () => {
    const { fake, primero } = await withClient()
    const created = await ok(primero.createCase(referredChild))
    fake.clearRequests()
    const patch = {
      risk_level: 'high',
      services_section: [{ unique_id: rowId(1), service_implemented: 'implemented' }],
    }
    const updated = await ok(primero.updateCase(created.id, patch, created))
    expect(fake.requests.map((r) => r.method)).toEqual(['PATCH'])
    // The same case a read-back would have given.
    expect(updated).toEqual(await ok(primero.getCase(created.id)))
  })

  it('removes a row marked _destroy', async () => {
    const { primero } = await withClient()
    const created = await ok(primero.createCase(referredChild))
    const updated = await ok(
      primero.updateCase(created.id, {
        services_section: [{ unique_id: rowId(1), _destroy: true }],
      }),
    )
    expect(updated.services_section).toEqual([])
  })

  it('answers NotFound for an unknown case', async () => {
    const { primero } = await withClient()
    expect(isNotFound(await fails(primero.updateCase('missing', { risk_level: 'low' })))).toBe(true)
  })
})

describe('listCases', () => {
  it('returns one page with total, page and per; per is capped at 1000', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases(Array.from({ length: 1005 }, (_, i) => ({ case_id_display: `c${i}` })))
    const page = await ok(primero.listCases({ per: 5000 }))
    expect(page.data).toHaveLength(1000)
    expect(page).toMatchObject({ total: 1005, page: 1, per: 1000, rejected: [], repaired: [] })
    const second = await ok(primero.listCases({ per: 1000, page: 2 }))
    expect(second.data).toHaveLength(5)
  })

  it('decodes records one by one: one with unusable ids is reported by id and path', async () => {
    const fake = await fakePrimero()
    const primero = clientFor(fake, { fetch: rewriting(withFields('bad-1', { case_id: 7 })) })
    fake.seedCases([
      { id: 'good-1', last_updated_at: '2025-01-01T00:00:00.000Z' },
      { id: 'bad-1', last_updated_at: '2025-01-02T00:00:00.000Z' },
      { id: 'odd-1', date_of_birth: '2012-13-45', last_updated_at: '2025-01-03T00:00:00.000Z' },
    ])
    const page = await ok(primero.listCases({ orderBy: 'last_updated_at', order: 'asc' }))
    expect(page.data.map((c) => c.id)).toEqual(['good-1', 'odd-1'])
    expect(page.data[1]).not.toHaveProperty('date_of_birth')
    expect(page.rejected).toEqual([{ index: 1, id: 'bad-1', paths: ['case_id'] }])
    expect(page.repaired).toEqual([
      { index: 2, id: 'odd-1', paths: ['date_of_birth'], dropped: ['date_of_birth'] },
    ])
  })

  it('sends filters, the updated window, order and fields', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([
      { id: 'a', status: 'open', last_updated_at: '2025-08-02T00:00:00.000Z' },
      { id: 'b', status: 'closed', last_updated_at: '2025-08-02T00:00:00.000Z' },
      { id: 'c', status: 'open', last_updated_at: '2025-08-05T00:00:00.000Z' },
    ])
    const page = await ok(
      primero.listCases({
        filters: { status: ['open'] },
        updatedSince: new Date('2025-08-01T00:00:00Z'),
        updatedUntil: '2025-08-03T00:00:00Z',
        orderBy: 'id',
        order: 'asc',
        fields: ['status'],
      }),
    )
    expect(page.data).toEqual([{ id: 'a', status: 'open' }])
    const query = new URLSearchParams(fake.requests[0]?.query)
    expect(query.get('last_updated_at')).toBe('2025-08-01T00:00:00.000Z..2025-08-03T00:00:00.000Z')
  })

  it('throws (a programmer error) on an impossible query', async () => {
    const { primero } = await withClient()
    expect(() => primero.listCases({ page: 0 })).toThrow(TypeError)
    expect(() => primero.listCases({ updatedSince: 'yesterday' })).toThrow(TypeError)
    expect(() =>
      primero.listCases({ updatedSince: '2025-01-01', filters: { last_updated_at: 'x..' } }),
    ).toThrow(TypeError)
  })
})
