import { describe, expect, it } from 'vitest'

import { isHttpError, isNetworkError, isTimeoutError } from '../src/index.js'
import { delayBeforeRetry, retryPolicy } from '../src/retry.js'
import { calls, clientFor, fails, ok, recordingLogger, withClient } from './helpers.js'

const one = async (fake: Parameters<typeof clientFor>[0]) => fake.seedCases([{ id: 'e1' }])[0]

describe('retries', () => {
  it('retries a 503, honouring Retry-After (capped by maxRetryAfterMs), and counts attempts', async () => {
    const logger = recordingLogger()
    const { fake, primero } = await withClient({}, { logger })
    await one(fake)
    fake.setFaults({ failNext: { count: 2, status: 503, retryAfterSeconds: 60 } })
    const started = Date.now()
    expect((await ok(primero.getCase('e1'))).id).toBe('e1')
    expect(fake.requests.map((r) => r.status)).toEqual([503, 503, 200])
    const retries = logger.events.filter((e) => e.event === 'primero.request.retry')
    expect(retries.map((e) => e.fields?.delayMs)).toEqual([50, 50]) // 60 s capped at 50 ms
    expect(Date.now() - started).toBeGreaterThanOrEqual(95)
  })

  it('maxDelayMs alone also caps Retry-After', async () => {
    const { fake } = await withClient()
    await one(fake)
    const primero = clientFor(fake, { retry: { baseDelayMs: 1, maxDelayMs: 20 } })
    fake.setFaults({ failNext: { count: 1, status: 503, retryAfterSeconds: 60 } })
    const started = Date.now()
    await ok(primero.getCase('e1'))
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(retryPolicy({}).maxRetryAfterMs).toBe(30_000)
  })

  it('waits the Retry-After seconds when they are under the cap', async () => {
    const { fake } = await withClient()
    await one(fake)
    const primero = clientFor(fake, { retry: { maxRetryAfterMs: 5_000, baseDelayMs: 1 } })
    fake.setFaults({ failNext: { count: 1, status: 503, retryAfterSeconds: 1 } })
    const started = Date.now()
    await ok(primero.getCase('e1'))
    expect(Date.now() - started).toBeGreaterThanOrEqual(990)
    expect(fake.requests).toHaveLength(2)
  })

  it('retries 429, 408, 500, 502 and 504', async () => {
    const { fake, primero } = await withClient()
    await one(fake)
    for (const status of [429, 408, 500, 502, 504]) {
      fake.clearRequests()
      fake.setFaults({ failNext: { count: 2, status } })
      await ok(primero.getCase('e1'))
      expect(fake.requests.map((r) => r.status)).toEqual([status, status, 200])
    }
  })

  it('stops after `limit` retries with the last error', async () => {
    const { fake } = await withClient()
    await one(fake)
    fake.setFaults({ failNext: { count: 10, status: 503, retryAfterSeconds: 0 } })
    const error = await fails(
      clientFor(fake, { retry: { limit: 2, baseDelayMs: 1 } }).getCase('e1'),
    )
    expect(isHttpError(error) && [error.status, error.retryAfterSeconds]).toEqual([503, 0])
    expect(fake.requests).toHaveLength(3)
  })

  it('defaults to 3 retries (4 attempts)', async () => {
    const { fake, primero } = await withClient()
    fake.setFaults({ failNext: { count: 10, status: 500 } })
    await fails(primero.getCase('e1'))
    expect(fake.requests).toHaveLength(4)
  })

  it('retry: false sends once', async () => {
    const { fake } = await withClient()
    fake.setFaults({ failNext: { count: 10, status: 503 } })
    await fails(clientFor(fake, { retry: false }).getCase('e1'))
    expect(fake.requests).toHaveLength(1)
  })

  it('does not retry 400, 403, 404, 409 or 422', async () => {
    const { fake, primero } = await withClient()
    for (const status of [400, 403, 404, 409, 422]) {
      fake.clearRequests()
      fake.setFaults({ failNext: { count: 5, status } })
      await fails(primero.getCase('e1'))
      expect(fake.requests).toHaveLength(1)
    }
  })

  it('retries a PATCH (it is idempotent: rows carry their unique_id)', async () => {
    const { fake, primero } = await withClient()
    await one(fake)
    fake.setFaults({ failNext: { count: 1, status: 500, method: 'PATCH' } })
    await ok(primero.updateCase('e1', { risk_level: 'low' }))
    expect(calls(fake, 'PATCH', '/api/v2/cases/e1')).toBe(2)
  })

  it('retries a dropped connection, and reports a NetworkError when out of retries', async () => {
    const { fake, primero } = await withClient()
    await one(fake)
    fake.setFaults({ failNext: { count: 2, drop: true } })
    await ok(primero.getCase('e1'))
    expect(fake.requests.map((r) => r.status)).toEqual([0, 0, 200])

    fake.setFaults({ failNext: { count: 1, drop: true } })
    const error = await fails(clientFor(fake, { retry: false }).getCase('e1'))
    expect(isNetworkError(error)).toBe(true)
    expect(error.message).toContain('GET /api/v2/cases/e1')
  })

  it('backs off exponentially with jitter, within [step/2, step] and under maxDelayMs', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000 })
    for (const r of [0, 0.5, 0.999]) {
      expect(delayBeforeRetry(policy, 1, undefined, () => r)).toBeGreaterThanOrEqual(50)
      expect(delayBeforeRetry(policy, 1, undefined, () => r)).toBeLessThanOrEqual(100)
      expect(delayBeforeRetry(policy, 3, undefined, () => r)).toBeGreaterThanOrEqual(200)
      expect(delayBeforeRetry(policy, 10, undefined, () => r)).toBeLessThanOrEqual(1_000)
    }
    expect(delayBeforeRetry(policy, 1, 2_000, () => 0)).toBe(1_000)
    expect(delayBeforeRetry(policy, 1, 600_000, () => 0)).toBe(1_000)
    const patient = retryPolicy({ maxDelayMs: 1_000, maxRetryAfterMs: 60_000 })
    expect(delayBeforeRetry(patient, 1, 2_000, () => 0)).toBe(2_000)
    expect(delayBeforeRetry(patient, 1, 600_000, () => 0)).toBe(60_000)
    expect(() => retryPolicy({ limit: -1 })).toThrow(TypeError)
  })
})

describe('timeouts and bodies', () => {
  it('a slow answer is a TimeoutError after timeoutMs', async () => {
    const { fake } = await withClient()
    await one(fake)
    fake.setFaults({ latencyMs: 300 })
    const started = Date.now()
    const error = await fails(clientFor(fake, { timeoutMs: 60, retry: false }).getCase('e1'))
    expect(isTimeoutError(error) && error.timeoutMs).toBe(60)
    expect(Date.now() - started).toBeLessThan(250)
    expect(error.message).toBe('GET /api/v2/cases/e1 timed out after 60 ms')
  })

  it('times out per attempt: a timed-out GET is tried again', async () => {
    const { fake } = await withClient()
    await one(fake)
    fake.setFaults({ latencyMs: 200 })
    const error = await fails(
      clientFor(fake, { timeoutMs: 40, retry: { limit: 1, baseDelayMs: 1 } }).getCase('e1'),
    )
    expect(isTimeoutError(error)).toBe(true)
    expect(fake.requests).toHaveLength(2)
  })

  it('an HTML 500 is an HttpError with its status and content type, never its body', async () => {
    const { fake } = await withClient()
    fake.setFaults({ nonJson: true })
    const error = await fails(clientFor(fake, { retry: false }).getCase('e1'))
    expect(isHttpError(error) && [error.status, error.contentType]).toEqual([500, 'text/html'])
    expect(JSON.stringify(error)).not.toMatch(/sorry|html>/i)
    expect(error.message).toBe('GET /api/v2/cases/e1 answered 500 with a non-JSON body (text/html)')
  })

  it('a 200 that is not JSON is an HttpError too (a proxy login page, say)', async () => {
    const { fake } = await withClient()
    const page = async (): Promise<Response> =>
      new Response('<html>Sign in</html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      })
    const error = await fails(clientFor(fake, { fetch: page }).getCase('e1'))
    expect(isHttpError(error) && [error.status, error.contentType]).toEqual([200, 'text/html'])
  })
})

describe('concurrency', () => {
  it('bounds the requests in flight at `concurrency`', async () => {
    const { fake } = await withClient()
    const ids = fake.seedCases(Array.from({ length: 12 }, () => ({}))).map((c) => String(c.id))
    fake.setFaults({ latencyMs: 25 })
    const results = await clientFor(fake, { concurrency: 3 }).listReferralsMany(ids)()
    expect(results.every((r) => r.referrals._tag === 'Right')).toBe(true)
    expect(fake.maxConcurrentRequests).toBe(3)
  })
})
