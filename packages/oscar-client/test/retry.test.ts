import {
  isHttpError,
  isNetworkError,
  isNonJsonResponse,
  isTimeoutError,
} from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { closeAll, harness, hits, left, right } from './helpers.js'

afterEach(closeAll)

const CLIENTS = '/organizations/clients'

describe('reads are retried with backoff', () => {
  it('on 503s, until one succeeds; every attempt counted at the fake', async () => {
    const { fake, oscar, events } = await harness()
    fake.setFaults({ failNext: { status: 503, count: 2, html: true } })
    await right(oscar.listClients({ since: '2024-01-01' }))
    expect(hits(fake, CLIENTS).map((r) => r.status)).toEqual([503, 503, 200])
    const retries = events.filter((e) => e.event === 'oscar.retry')
    expect(retries.map((e) => e.fields?.['reason'])).toEqual(['status-503', 'status-503'])
    for (const e of retries) expect(e.fields?.['delayMs']).toBeLessThanOrEqual(10)
  })

  it('on a 429, honouring Retry-After within maxDelayMs', async () => {
    const { fake, newClient, events } = await harness()
    const oscar = newClient({ retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 50 } })
    fake.setFaults({ failNext: { status: 429, count: 1, retryAfterSeconds: 30 } })
    await right(oscar.listOrganizations())
    expect(events.find((e) => e.event === 'oscar.retry')?.fields?.['delayMs']).toBe(50)
  })

  it('on a dropped connection', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ dropConnections: { next: 2 } })
    await right(oscar.listOrganizations())
    expect(hits(fake, '/api/v1/organizations').map((r) => r.status)).toEqual([null, null, 200])
  })

  it('stops after limit retries: limit + 1 attempts, then the last error', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ failNext: { status: 500, count: 10 } })
    const error = await left(oscar.listClients({ since: '2024-01-01' }))
    expect(isHttpError(error) && error.status).toBe(500)
    expect(hits(fake, CLIENTS)).toHaveLength(4)
  })

  it('retry: false sends once', async () => {
    const { fake, newClient } = await harness()
    fake.setFaults({ failNext: { status: 502, count: 10, html: true } })
    const error = await left(newClient({ retry: false }).listOrganizations())
    expect(isNonJsonResponse(error) && error.status).toBe(502)
    expect(hits(fake, '/api/v1/organizations')).toHaveLength(1)
  })

  it('a timeout per attempt → TimeoutError after the retries', async () => {
    const { fake, newClient } = await harness()
    const oscar = newClient({ timeoutMs: 250, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } })
    await right(oscar.listOrganizations())
    fake.setFaults({ path: CLIENTS, latencyMs: 600 })
    const error = await left(oscar.listClients({ since: '2024-01-01' }))
    expect(isTimeoutError(error) && [error.timeoutMs, error.method]).toEqual([250, 'GET'])
    expect(hits(fake, CLIENTS)).toHaveLength(2)
  })

  it('a 404 is not retried', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ failNext: { status: 404, count: 1 } })
    const error = await left(oscar.listOrganizations())
    expect(isHttpError(error) && error.status).toBe(404)
    expect(hits(fake, '/api/v1/organizations')).toHaveLength(1)
  })

  it('an unreachable server → NetworkError with its code', async () => {
    const { fake, oscar } = await harness()
    await right(oscar.listOrganizations())
    await fake.close()
    const error = await left(oscar.listOrganizations())
    expect(isNetworkError(error) && [error.phase, error.code]).toEqual(['connect', 'ECONNREFUSED'])
  })
})

describe('the fake faults are deterministic', () => {
  it('the same seed and failure rate fail the same requests', async () => {
    const pattern = async (): Promise<Array<number | null>> => {
      const { fake, newClient } = await harness({ seed: 42 })
      const oscar = newClient({ retry: false })
      await right(oscar.listOrganizations())
      fake.setFaults({ failureRate: 0.5 })
      for (let i = 0; i < 12; i++) await oscar.listOrganizations()()
      return hits(fake, '/api/v1/organizations').map((r) => r.status)
    }
    const first = await pattern()
    expect(first).toContain(500)
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(1)
    expect(await pattern()).toEqual(first)
  })
})
