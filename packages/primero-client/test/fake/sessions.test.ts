import { describe, expect, it } from 'vitest'

import type { FakePrimero } from '../../src/testing/index.js'
import { fakePrimero, manualClock } from '../helpers.js'
import { api, basic } from './raw.js'

/** A browser-like cookie jar over raw HTTP: keeps `Set-Cookie`s, sends them back. */
const browser = (fake: FakePrimero) => {
  const jar = new Map<string, string>()
  const call = async (method: string, path: string, body?: unknown, csrf?: string) => {
    const headers: Record<string, string> = {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (csrf !== undefined) headers['x-csrf-token'] = csrf
    const res = await fetch(`${fake.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';')
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
    const text = await res.text()
    return { status: res.status, json: text === '' ? undefined : JSON.parse(text) }
  }
  return { jar, call, csrf: () => jar.get('CSRF-TOKEN') }
}

const credentials = (fake: FakePrimero, password = fake.password) => ({
  user: { user_name: fake.username, password },
})

/** Logs in as Primero 2.11 wants it: a first POST fetches the CSRF cookie (403). */
const signIn = async (b: ReturnType<typeof browser>, fake: FakePrimero) => {
  const first = await b.call('POST', '/api/v2/tokens', credentials(fake))
  expect(first.status).toBe(403)
  return b.call('POST', '/api/v2/tokens', credentials(fake), b.csrf())
}

describe('fake 2.11 (the default): cookie sessions and CSRF', () => {
  it('login answers the user and no token; a POST without the CSRF token is 403', async () => {
    const fake = await fakePrimero()
    const b = browser(fake)
    const first = await b.call('POST', '/api/v2/tokens', credentials(fake))
    expect(first.status).toBe(403)
    expect(first.json.errors[0].message).toMatch(/CSRF/)
    expect(b.csrf()).toBeDefined()
    const login = await b.call('POST', '/api/v2/tokens', credentials(fake), b.csrf())
    expect(login.status).toBe(200)
    expect(login.json).toEqual({ id: 1, user_name: fake.username, group_permission: 'self' })
    expect(login.json.token).toBeUndefined()
    expect((await b.call('GET', '/api/v2/cases')).status).toBe(200)
  })

  it('a write needs the CSRF token the session has now; a login resets it', async () => {
    const fake = await fakePrimero()
    const b = browser(fake)
    const stale = b.csrf()
    expect((await signIn(b, fake)).status).toBe(200)
    // Devise cleans the token up on sign-in: the cookie the login left is stale.
    const refused = await b.call('POST', '/api/v2/cases', { data: {} }, b.csrf())
    expect(refused.status).toBe(403)
    expect(b.csrf()).not.toBe(stale)
    expect((await b.call('POST', '/api/v2/cases', { data: {} })).status).toBe(403)
    expect((await b.call('POST', '/api/v2/cases', { data: {} }, b.csrf())).status).toBe(200)
    expect(fake.cases()).toHaveLength(1)
  })

  it('a session expires after the idle timeout; a new login expires the other sessions', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now, sessionIdleMs: 60_000 })
    const a = browser(fake)
    await signIn(a, fake)
    clock.advance(59_000)
    expect((await a.call('GET', '/api/v2/cases')).status).toBe(200)
    clock.advance(59_000)
    expect((await a.call('GET', '/api/v2/cases')).status).toBe(200)
    clock.advance(60_000)
    const idle = await a.call('GET', '/api/v2/cases')
    expect(idle.status).toBe(401)
    const b = browser(fake)
    const c = browser(fake)
    await signIn(b, fake)
    clock.advance(61_000) // out of the login limiter's way
    await signIn(c, fake)
    expect((await b.call('GET', '/api/v2/cases')).status).toBe(401)
    expect((await c.call('GET', '/api/v2/cases')).status).toBe(200)
  })

  it('Basic needs no session and no CSRF token; a Bearer is no credential on 2.11', async () => {
    const fake = await fakePrimero()
    const created = await api(fake, 'POST', '/api/v2/cases', { data: {} })
    expect(created.status).toBe(200)
    expect(created.headers.getSetCookie()).toEqual([])
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, 'Bearer x.y.z')).status).toBe(401)
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, basic(fake))).status).toBe(200)
  })
})
