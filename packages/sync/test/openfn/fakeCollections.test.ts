/**
 * The fake Collections server answers as Lightning's CollectionsController does (see the
 * README's "OpenFn" section for the files read).
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type FakeCollections, startFakeCollections } from '../../src/testing/index.js'

let fake: FakeCollections
afterEach(() => fake.close())

const call = async (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${fake.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) }
}

describe('the fake Collections server', () => {
  it('401 without a valid token, 404 for an unknown collection, 409 for a name in two projects', async () => {
    fake = await startFakeCollections({
      collections: ['c', { name: 'twice', projectId: 'p1' }, { name: 'twice', projectId: 'p2' }],
    })
    expect(await call('GET', '/c', undefined, { authorization: 'Bearer nope' })).toEqual({
      status: 401,
      body: { error: 'Unauthorized' },
    })
    expect(await call('GET', '/missing/k')).toEqual({ status: 404, body: { error: 'Not Found' } })
    expect((await call('GET', '/twice/k')).status).toBe(409)
    expect((await call('GET', '/twice/k?project_id=p1')).status).toBe(204)
    expect((await call('GET', '/p2/twice/k', undefined, { 'x-api-version': '2' })).status).toBe(204)
    expect((await call('GET', '/c/k', undefined, { 'x-api-version': '3' })).status).toBe(400)
  })

  it('PUT, GET, POST, DELETE answer with Lightning’s shapes; an over-long PUT value is refused with upserted 0', async () => {
    fake = await startFakeCollections({ collections: ['c'], maxValueChars: 10 })
    expect(await call('GET', '/c/k')).toEqual({ status: 204, body: undefined })
    expect(await call('PUT', '/c/k', { value: 'v' })).toEqual({
      status: 200,
      body: { upserted: 1, error: null },
    })
    const got = await call('GET', '/c/k')
    expect(got.body).toEqual({
      key: 'k',
      value: 'v',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      updated: expect.any(String),
    })
    expect(await call('PUT', '/c/k', { value: 'x'.repeat(11) })).toEqual({
      status: 200,
      body: { upserted: 0, error: 'Format error' },
    })
    expect(
      await call('POST', '/c', {
        items: [
          { key: 'a:1', value: '1' },
          { key: 'a:2', value: '2' },
        ],
      }),
    ).toEqual({ status: 200, body: { upserted: 2, error: null } })
    expect(
      (
        await call('POST', '/c', {
          items: [
            { key: 'd', value: '1' },
            { key: 'd', value: '2' },
          ],
        })
      ).status,
    ).toBe(500)
    expect(await call('DELETE', '/c/k')).toEqual({
      status: 200,
      body: { key: 'k', deleted: 1, error: null },
    })
    expect(await call('DELETE', '/c/k')).toEqual({
      status: 200,
      body: { key: 'k', deleted: 0, error: 'Item Not Found' },
    })
    expect(await call('DELETE', '/c?key=a:*')).toEqual({
      status: 200,
      body: { key: 'a:*', deleted: 2, error: null },
    })
  })

  it('the stream pages with limit and a base64 cursor, matches key patterns, and refuses unknown parameters', async () => {
    fake = await startFakeCollections({ collections: ['c'] })
    await call('POST', '/c', {
      items: Array.from({ length: 5 }, (_, i) => ({ key: `s:${i}`, value: String(i) })),
    })
    await call('PUT', '/c/other', { value: 'x' })
    const first = (await call('GET', '/c?key=s:*&limit=2')).body as {
      items: Array<{ key: string }>
      cursor: string
    }
    expect(first.items.map((i) => i.key)).toEqual(['s:0', 's:1'])
    expect(Buffer.from(first.cursor, 'base64').toString()).toMatch(/^\d{4}-.*Z$/)
    const rest = (await call('GET', `/c?key=s:*&limit=10&cursor=${first.cursor}`)).body as {
      items: Array<{ key: string }>
      cursor: null
    }
    expect(rest.items.map((i) => i.key)).toEqual(['s:2', 's:3', 's:4'])
    expect(rest.cursor).toBeNull()
    expect((await call('GET', '/c?color=red')).status).toBe(400)
    expect((await call('GET', '/c?limit=ten')).status).toBe(400)
  })

  it('faults: the storage limit (402), failNext, and the request log without bodies', async () => {
    fake = await startFakeCollections({ collections: ['c'] })
    fake.setFaults({ storageLimitBytes: 10 })
    expect(await call('POST', '/c', { items: [{ key: 'k', value: 'x'.repeat(20) }] })).toEqual({
      status: 402,
      body: { error: 'exceeds_limit' },
    })
    fake.setFaults({ failNext: { count: 1, status: 502, method: 'GET' } })
    expect((await call('GET', '/c/k')).status).toBe(502)
    expect((await call('GET', '/c/k')).status).toBe(204)
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /collections/c 402',
      'GET /collections/c/k 502',
      'GET /collections/c/k 204',
    ])
  })
})
