import { describe, expect, it } from 'vitest'

import type { FakeFaults } from '../../src/testing/index.js'
import { fakePrimero } from '../helpers.js'
import { api } from './raw.js'

const statuses = async (faults: FakeFaults, n: number, seed?: number): Promise<number[]> => {
  const fake = await fakePrimero(seed === undefined ? {} : { seed })
  fake.setFaults(faults)
  const out: number[] = []
  for (let i = 0; i < n; i += 1) {
    try {
      out.push((await api(fake, 'GET', '/api/v2/cases')).status)
    } catch {
      out.push(0)
    }
  }
  return out
}

describe('fake: fault switches', () => {
  it('failNext fails exactly the next N matching requests, with Retry-After', async () => {
    const fake = await fakePrimero()
    fake.setFaults({ failNext: { count: 2, status: 503, method: 'GET', retryAfterSeconds: 60 } })
    expect((await api(fake, 'POST', '/api/v2/cases', { data: {} })).status).toBe(200)
    const first = await api(fake, 'GET', '/api/v2/cases')
    expect([first.status, first.headers.get('retry-after'), first.json.errors[0].status]).toEqual([
      503,
      '60',
      503,
    ])
    expect((await api(fake, 'GET', '/api/v2/cases')).status).toBe(503)
    expect((await api(fake, 'GET', '/api/v2/cases')).status).toBe(200)
    expect(fake.requests.map((r) => r.status)).toEqual([200, 503, 503, 200])
  })

  it('failNext afterHandling: the write lands, the answer is lost', async () => {
    const fake = await fakePrimero()
    fake.setFaults({ failNext: { count: 1, status: 502, afterHandling: true } })
    expect((await api(fake, 'POST', '/api/v2/cases', { data: {} })).status).toBe(502)
    expect(fake.cases()).toHaveLength(1)
  })

  it('failNext with a body answers that body with its content type', async () => {
    const fake = await fakePrimero()
    fake.setFaults({ failNext: { count: 1, status: 500, body: 'boom', contentType: 'text/plain' } })
    const reply = await api(fake, 'GET', '/api/v2/cases')
    expect([reply.status, reply.text, reply.headers.get('content-type')]).toEqual([
      500,
      'boom',
      'text/plain',
    ])
  })

  it('drop destroys the connection (recorded with status 0)', async () => {
    const fake = await fakePrimero()
    fake.setFaults({ failNext: { count: 1, drop: true } })
    await expect(api(fake, 'GET', '/api/v2/cases')).rejects.toThrow()
    expect(fake.requests[0]?.status).toBe(0)
  })

  it('nonJson answers an HTML 500', async () => {
    const fake = await fakePrimero()
    fake.setFaults({ nonJson: true })
    const reply = await api(fake, 'GET', '/api/v2/cases')
    expect([reply.status, reply.headers.get('content-type')]).toEqual([
      500,
      'text/html; charset=utf-8',
    ])
  })

  it('rates are seeded: the same seed repeats the same faults; another seed differs', async () => {
    const faults: FakeFaults = { failureRate: 0.3, failureStatus: 500, rate429: 0.2 }
    const a = await statuses(faults, 40, 7)
    expect(await statuses(faults, 40, 7)).toEqual(a)
    expect(await statuses(faults, 40, 8)).not.toEqual(a)
    expect(a).toContain(500)
    expect(a).toContain(429)
    expect(a).toContain(200)
    expect(await statuses({ dropConnections: 1 }, 2)).toEqual([0, 0])
  })

  it('setFaults({}) clears every switch; latency delays answers', async () => {
    const fake = await fakePrimero()
    fake.setFaults({ failureRate: 1, latencyMs: [40, 60] })
    const started = Date.now()
    expect((await api(fake, 'GET', '/api/v2/cases')).status).toBe(503)
    expect(Date.now() - started).toBeGreaterThanOrEqual(38)
    fake.setFaults({})
    expect((await api(fake, 'GET', '/api/v2/cases')).status).toBe(200)
  })

  it('records requests, can forget them, and tracks the most in flight', async () => {
    const fake = await fakePrimero()
    fake.setFaults({ latencyMs: 30 })
    await Promise.all([1, 2, 3].map(() => api(fake, 'GET', '/api/v2/cases?page=2')))
    expect(fake.maxConcurrentRequests).toBe(3)
    expect(fake.requests[0]).toEqual({
      method: 'GET',
      path: '/api/v2/cases',
      query: '?page=2',
      status: 200,
    })
    fake.clearRequests()
    expect([fake.requests.length, fake.maxConcurrentRequests]).toEqual([0, 0])
  })

  it('close() can be called twice', async () => {
    const fake = await fakePrimero()
    await fake.close()
    await fake.close()
  })
})
