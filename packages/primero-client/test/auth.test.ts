import { describe, expect, it } from 'vitest'

import type { FetchFn } from '../src/index.js'
import { isAuthError } from '../src/index.js'
import type { FakePrimero } from '../src/testing/index.js'
import { calls, clientFor, fails, fakePrimero, manualClock, ok } from './helpers.js'

interface Sent {
  readonly method: string
  readonly path: string
  readonly scheme: string
  readonly body: boolean
}

/** A fetch that notes each request's method, path, auth scheme and whether it had a body. */
const spyFetch = (): { readonly fetch: FetchFn; readonly sent: Sent[] } => {
  const sent: Sent[] = []
  const fetch: FetchFn = async (input, init) => {
    const request = new Request(input, init)
    const text = await request.clone().text()
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname,
      scheme: (request.headers.get('authorization') ?? 'none').split(' ')[0] ?? '',
      body: text !== '',
    })
    return globalThis.fetch(request)
  }
  return { fetch, sent }
}

const rawLogin = (fake: FakePrimero, password: string): Promise<Response> =>
  fetch(`${fake.url}/api/v2/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: { user_name: fake.username, password } }),
  })

describe('Basic auth', () => {
  it('sends Basic credentials on every request', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    fake.seedCases([{ id: 'e1' }])
    const spy = spyFetch()
    await ok(clientFor(fake, { fetch: spy.fetch }).getCase('e1'))
    expect(spy.sent.map((s) => s.scheme)).toEqual(['Basic'])
  })

  it('a refused password is an AuthError, sent once', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    const primero = clientFor({ ...fake, password: 'wrong-password' })
    const error = await fails(primero.getCase('e1'))
    expect(isAuthError(error) && [error.reason, error.status]).toEqual(['unauthorized', 401])
    expect(fake.requests).toHaveLength(1)
  })
})

describe('token auth', () => {
  it('logs in once for many concurrent requests', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    fake.seedCases([{ id: 'e1' }])
    const spy = spyFetch()
    const primero = clientFor(fake, { token: true, fetch: spy.fetch })
    await Promise.all(Array.from({ length: 8 }, () => ok(primero.getCase('e1'))))
    expect(calls(fake, 'POST', '/api/v2/tokens')).toBe(1)
    expect(
      spy.sent.filter((s) => s.path === '/api/v2/cases/e1').every((s) => s.scheme === 'Bearer'),
    ).toBe(true)
  })

  it('refreshes shortly before expiry (Bearer, no body), with no 401 on the way', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ version: '2.10', clock: clock.now, tokenTtlMs: 60 * 60_000 })
    fake.seedCases([{ id: 'e1' }])
    const spy = spyFetch()
    const primero = clientFor(fake, { token: true, fetch: spy.fetch, clock: clock.now })
    await ok(primero.getCase('e1'))
    clock.advance(30 * 60_000)
    await ok(primero.getCase('e1'))
    expect(calls(fake, 'POST', '/api/v2/tokens')).toBe(1) // still fresh: no refresh
    clock.advance(27 * 60_000) // 3 minutes before expiry: inside the 5-minute margin
    await ok(primero.getCase('e1'))
    const tokenCalls = spy.sent.filter((s) => s.path === '/api/v2/tokens')
    expect(tokenCalls).toEqual([
      { method: 'POST', path: '/api/v2/tokens', scheme: 'none', body: true },
      { method: 'POST', path: '/api/v2/tokens', scheme: 'Bearer', body: false },
    ])
    expect(fake.requests.some((r) => r.status === 401)).toBe(false)
  })

  it('logs in again (not a refresh) once the token has expired', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ version: '2.10', clock: clock.now, tokenTtlMs: 10 * 60_000 })
    fake.seedCases([{ id: 'e1' }])
    const spy = spyFetch()
    const primero = clientFor(fake, { token: true, fetch: spy.fetch, clock: clock.now })
    await ok(primero.getCase('e1'))
    clock.advance(11 * 60_000)
    await ok(primero.getCase('e1'))
    const logins = spy.sent.filter((s) => s.path === '/api/v2/tokens')
    expect(logins.map((s) => [s.scheme, s.body])).toEqual([
      ['none', true],
      ['none', true],
    ])
    expect(fake.requests.some((r) => r.status === 401)).toBe(false)
  })

  it('a token revoked by the server: one 401, one new login, then success', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    fake.seedCases([{ id: 'e1' }])
    const primero = clientFor(fake, { token: true })
    await ok(primero.getCase('e1'))
    fake.setFaults({ expireTokens: true })
    await ok(primero.getCase('e1'))
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /api/v2/tokens 200',
      'GET /api/v2/cases/e1 200',
      'GET /api/v2/cases/e1 401',
      'POST /api/v2/tokens 200',
      'GET /api/v2/cases/e1 200',
    ])
  })

  it('a second 401 after a fresh login is an AuthError (one re-login per request)', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    const always401: FetchFn = async (input, init) => {
      const request = new Request(input, init)
      return new URL(request.url).pathname === '/api/v2/tokens'
        ? globalThis.fetch(request)
        : new Response('{}', { status: 401, headers: { 'content-type': 'application/json' } })
    }
    const error = await fails(clientFor(fake, { token: true, fetch: always401 }).getCase('e1'))
    expect(isAuthError(error) && error.reason).toBe('unauthorized')
    expect(calls(fake, 'POST', '/api/v2/tokens')).toBe(2)
  })

  it('never retries a refused login, and refuses to log in again afterwards', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    const primero = clientFor({ ...fake, password: 'wrong-password' }, { token: true })
    const first = await fails(primero.getCase('e1'))
    const second = await fails(primero.listCases())
    expect(isAuthError(first) && first.reason).toBe('login-failed')
    expect(second).toBe(first)
    expect(fake.requests).toEqual([
      { method: 'POST', path: '/api/v2/tokens', query: '', status: 401 },
    ])
  })

  it('the login limiter (429) is an AuthError, not retried', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    for (let i = 0; i < 6; i += 1) expect((await rawLogin(fake, fake.password)).status).toBe(200)
    fake.clearRequests()
    const error = await fails(clientFor(fake, { token: true }).getCase('e1'))
    expect(isAuthError(error) && [error.reason, error.status]).toEqual(['rate-limited', 429])
    expect(fake.requests).toHaveLength(1)
  })

  it('a locked account is an AuthError naming the lock, sent once', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ version: '2.10', paranoid: false, clock: clock.now })
    for (let i = 0; i < 6; i += 1) {
      expect((await rawLogin(fake, 'wrong-password')).status).toBe(401)
      clock.advance(11_000) // stay under the 6-per-minute limiter
    }
    clock.advance(60_000)
    fake.clearRequests()
    const error = await fails(clientFor(fake, { token: true, clock: clock.now }).getCase('e1'))
    expect(isAuthError(error) && error.reason).toBe('locked')
    expect(fake.requests).toHaveLength(1)
  })
})
