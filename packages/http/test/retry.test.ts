import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { Step } from '../src/index.js'
import {
  delayBeforeRetry,
  isRetryableStatus,
  retryAfterMs,
  retryPolicy,
  withRetries,
} from '../src/index.js'

const headers = (retryAfter: string): Headers => new Headers({ 'retry-after': retryAfter })

describe('the retry policy', () => {
  it('defaults: 3 retries from 500 ms, 30 s cap, Retry-After capped at the same', () => {
    expect(retryPolicy(undefined)).toEqual({
      limit: 3,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      maxRetryAfterMs: 30_000,
    })
    expect(retryPolicy({ maxDelayMs: 50 }).maxRetryAfterMs).toBe(50)
    expect(retryPolicy(false).limit).toBe(0)
  })

  it('retries 408, 429, 500, 502, 503 and 504, and no other status', () => {
    const retried = Array.from({ length: 500 }, (_, i) => i + 100).filter(isRetryableStatus)
    expect(retried).toEqual([408, 429, 500, 502, 503, 504])
  })

  it('reads Retry-After as seconds or as an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2025-01-01T00:00:00Z')
    expect(retryAfterMs(headers('7'), now)).toBe(7_000)
    expect(retryAfterMs(headers(' 0 '), now)).toBe(0)
    expect(retryAfterMs(headers('Wed, 01 Jan 2025 00:00:12 GMT'), now)).toBe(12_000)
    expect(retryAfterMs(headers('Tue, 31 Dec 2024 23:00:00 GMT'), now)).toBe(0)
    for (const junk of ['', '-1', '1.5', 'soon', '12:00']) {
      expect(retryAfterMs(headers(junk), now)).toBeUndefined()
    }
    expect(retryAfterMs(new Headers(), now)).toBeUndefined()
  })

  it('waits at least the backoff: a short Retry-After does not make it hammer', () => {
    const policy = retryPolicy({ baseDelayMs: 1_000 })
    expect(delayBeforeRetry(policy, 1, 0, () => 0)).toBe(500)
    expect(delayBeforeRetry(policy, 3, 1_000, () => 1)).toBe(4_000)
  })

  it('waits the Retry-After when longer, up to maxRetryAfterMs', () => {
    const policy = retryPolicy({ baseDelayMs: 10, maxRetryAfterMs: 5_000 })
    expect(delayBeforeRetry(policy, 1, 3_000, () => 0.5)).toBe(3_000)
    expect(delayBeforeRetry(policy, 1, 60_000, () => 0.5)).toBe(5_000)
  })

  it('backoff is jittered between half and all of a doubling step, capped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (baseDelayMs, maxDelayMs, retry, r) => {
          const policy = retryPolicy({ baseDelayMs, maxDelayMs })
          const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1))
          const delay = delayBeforeRetry(policy, retry, undefined, () => r)
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2))
          expect(delay).toBeLessThanOrEqual(Math.ceil(step))
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('withRetries', () => {
  const runtime = (waits: number[]) => ({
    sleep: (ms: number) => {
      waits.push(ms)
      return Promise.resolve()
    },
    random: () => 1,
  })

  it('retries what is retryable until it is done, waiting the backoff', async () => {
    const waits: number[] = []
    const steps: Array<Step<string>> = [
      { kind: 'retryable', result: 'a', reason: 'status-503' },
      { kind: 'retryable', result: 'b', reason: 'status-503', retryAfterMs: 2_000 },
      { kind: 'done', result: 'c' },
    ]
    const heard: string[] = []
    const out = await withRetries(
      retryPolicy({ baseDelayMs: 100 }),
      async ({ sent }) => steps[sent - 1] as Step<string>,
      (p, reason, delayMs) => heard.push(`${p.retries}:${reason}:${delayMs}`),
      runtime(waits),
    )
    expect(out).toEqual({ result: 'c', sent: 3, retries: 2 })
    expect(waits).toEqual([100, 2_000])
    expect(heard).toEqual(['1:status-503:100', '2:status-503:2000'])
  })

  it('stops after `limit` retries with the last result', async () => {
    const waits: number[] = []
    const out = await withRetries(
      retryPolicy({ limit: 2, baseDelayMs: 1 }),
      async ({ sent }) => ({ kind: 'retryable', result: sent, reason: 'timeout' }) as const,
      undefined,
      runtime(waits),
    )
    expect(out).toEqual({ result: 3, sent: 3, retries: 2 })
    expect(waits).toHaveLength(2)
  })

  it('sends `again` at once, without counting it as a retry', async () => {
    const waits: number[] = []
    const seen: Array<[number, number]> = []
    const out = await withRetries(
      retryPolicy({ limit: 0 }),
      async ({ sent, retries }) => {
        seen.push([sent, retries])
        return sent === 1 ? { kind: 'again' } : { kind: 'done', result: 'ok' }
      },
      undefined,
      runtime(waits),
    )
    expect(out.result).toBe('ok')
    expect(seen).toEqual([
      [1, 0],
      [2, 0],
    ])
    expect(waits).toEqual([])
  })
})
