/**
 * The behaviours issue #11 reconciled between the two clients (see the changeset): each
 * test here fails on the client as it was before.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import type { Logger } from '../src/index.js'
import { AuthError, createPrimeroClient, isAuthError, isNotFound } from '../src/index.js'
import { clientFor, fails, ok, recordingLogger, withClient } from './helpers.js'

const caseJson = { data: { id: 'e1', case_id: 'c1', sex: 'female' } }

/** A `fetch` answering a scripted list of responses (no network at all). */
const scripted = (responses: Array<() => Response>) => {
  const seen: string[] = []
  const fetch = async (input: Request | URL | string): Promise<Response> => {
    seen.push(input instanceof Request ? input.url : String(input))
    const next = responses.shift()
    if (next === undefined) throw new Error('no more responses')
    return next()
  }
  return { fetch, seen }
}

describe('reconciled with the OSCaR client', () => {
  it('honours a Retry-After given as an HTTP date (capped by maxRetryAfterMs)', async () => {
    const logger = recordingLogger()
    const date = new Date(Date.now() + 5_000).toUTCString()
    const { fetch } = scripted([
      () => new Response('', { status: 503, headers: { 'retry-after': date } }),
      () => Response.json(caseJson),
    ])
    const primero = createPrimeroClient({
      baseUrl: 'http://127.0.0.1:9',
      auth: { username: 'u', password: 'p' },
      retry: { baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 30 },
      logger,
      fetch,
    })
    const result = await primero.getCase('e1')()
    expect(E.isRight(result)).toBe(true)
    const retries = logger.events.filter((e) => e.event === 'primero.request.retry')
    expect(retries.map((e) => e.fields?.delayMs)).toEqual([30])
  })

  it('waits at least the backoff when Retry-After is shorter', async () => {
    const logger = recordingLogger()
    const { fake } = await withClient()
    fake.seedCases([{ id: 'e1' }])
    const primero = clientFor(fake, { logger, retry: { baseDelayMs: 40, maxDelayMs: 40 } })
    fake.setFaults({ failNext: { count: 1, status: 503, retryAfterSeconds: 0 } })
    await ok(primero.getCase('e1'))
    const delays = logger.events
      .filter((e) => e.event === 'primero.request.retry')
      .map((e) => e.fields?.delayMs)
    expect(delays).toHaveLength(1)
    expect(delays[0]).toBeGreaterThanOrEqual(20)
  })

  it('a logger that throws never fails a request', async () => {
    const throwing = (): void => {
      throw new Error('logger down')
    }
    const logger: Logger = { debug: throwing, info: throwing, warn: throwing, error: throwing }
    const { fake } = await withClient()
    fake.seedCases([{ id: 'e1' }])
    const primero = clientFor(fake, { logger, retry: { baseDelayMs: 1 } })
    fake.setFaults({ failNext: { count: 1, status: 503 } })
    expect((await ok(primero.getCase('e1'))).id).toBe('e1')
    expect(isNotFound(await fails(primero.getCase('nope')))).toBe(true)
  })

  it('errors are frozen Error instances named after their tag', () => {
    const error = AuthError({ reason: 'locked', status: 401, method: 'GET', path: '/x?q=Sokha' })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('PrimeroAuthError')
    expect(error.stack).toContain('PrimeroAuthError')
    expect(error.stack).not.toContain('Sokha')
    expect(Object.isFrozen(error)).toBe(true)
    expect(String(error)).toBe(`AuthError: ${error.message}`)
  })

  it('auth reasons are kebab-case; the old snake_case spellings still construct', () => {
    const legacy = AuthError({ reason: 'rate_limited', status: 429, method: 'POST', path: '/t' })
    expect(isAuthError(legacy) && legacy.reason).toBe('rate-limited')
    const failed = AuthError({ reason: 'login_failed', status: 401, method: 'POST', path: '/t' })
    expect(failed.reason).toBe('login-failed')
  })
})
