import { describe, expect, it } from 'vitest'

import { createPrimeroClient, isAuthError } from '../src/index.js'
import type { FakePrimero } from '../src/testing/index.js'
import { referredChild } from './fixtures/cases.js'
import { clientFor, fails, fakePrimero, manualClock, ok } from './helpers.js'

const wrongPassword = (fake: FakePrimero, mode: 'basic' | 'token', concurrency = 4) =>
  createPrimeroClient({
    baseUrl: fake.url,
    auth: { mode, username: fake.username, password: 'not-the-password' },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    concurrency,
  })

describe('Basic: a refused password costs one request', () => {
  it('concurrent first calls with a wrong password: exactly one request reaches Primero', async () => {
    const fake = await fakePrimero({ seed: 2 })
    fake.setFaults({ latencyMs: 20 })
    const primero = wrongPassword(fake, 'basic')
    const errors = await Promise.all(
      Array.from({ length: 8 }, (_, i) => fails(primero.getCase(`e${i}`))),
    )
    expect(fake.requests).toHaveLength(1)
    expect(new Set(errors).size).toBe(1)
    expect(isAuthError(errors[0]) && errors[0].reason).toBe('unauthorized')
    // Latched: later calls fail fast with the same error, sending nothing.
    expect(await fails(primero.listCases())).toBe(errors[0])
    expect(fake.requests).toHaveLength(1)
  })

  it('after one accepted request the calls run concurrently again', async () => {
    const fake = await fakePrimero()
    fake.seedCases([{ id: 'e1' }])
    fake.setFaults({ latencyMs: 20 })
    const events: string[] = []
    const primero = clientFor(fake, {
      concurrency: 4,
      fetch: async (input, init) => {
        events.push('start')
        try {
          return await globalThis.fetch(input, init)
        } finally {
          events.push('end')
        }
      },
    })
    await Promise.all(Array.from({ length: 4 }, () => ok(primero.getCase('e1'))))
    // The first request ran alone; the others waited for it to be accepted.
    expect(events.slice(0, 3)).toEqual(['start', 'end', 'start'])
    fake.clearRequests()
    await Promise.all(Array.from({ length: 4 }, () => ok(primero.getCase('e1'))))
    expect(fake.maxConcurrentRequests).toBeGreaterThan(1)
  })

  it('says locked when the server says the account is locked', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now, paranoid: false })
    for (let i = 0; i < 6; i += 1) await fails(wrongPassword(fake, 'basic').getCase('e1'))
    fake.clearRequests()
    const error = await fails(clientFor(fake).getCase('e1'))
    expect(isAuthError(error) && error.reason).toBe('locked')
    expect(fake.requests).toHaveLength(1)
  })
})

describe('token mode works on both login generations', () => {
  it('2.11: a cookie session with the CSRF token; no token, no Authorization header', async () => {
    const fake = await fakePrimero({ version: '2.11' })
    const primero = clientFor(fake, { token: true })
    const created = await ok(primero.createCase({ ...referredChild }))
    const updated = await ok(primero.updateCase(created.id, { risk_level: 'high' }))
    expect(updated.risk_level).toBe('high')
    const trail = fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)
    // The first login POST only fetches the CSRF cookie; the first write after login finds
    // the token reset by the login and is sent again with the new one.
    expect(trail).toEqual([
      'POST /api/v2/tokens 403',
      'POST /api/v2/tokens 200',
      'POST /api/v2/cases 403',
      'POST /api/v2/cases 200',
      `PATCH /api/v2/cases/${created.id} 200`,
      `GET /api/v2/cases/${created.id} 200`,
    ])
    expect(fake.cases()).toHaveLength(1)
  })

  it('2.11: an idle-expired session logs in again once', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now, sessionIdleMs: 60_000 })
    fake.seedCases([{ id: 'e1' }])
    const primero = clientFor(fake, { token: true, clock: clock.now })
    await ok(primero.getCase('e1'))
    clock.advance(61_000)
    fake.clearRequests()
    await ok(primero.getCase('e1'))
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v2/cases/e1 401',
      'POST /api/v2/tokens 200',
      'GET /api/v2/cases/e1 200',
    ])
  })

  it('2.11 and 2.10: a wrong password is checked once, whatever the concurrency', async () => {
    for (const version of ['2.10', '2.11'] as const) {
      const fake = await fakePrimero({ version })
      const primero = wrongPassword(fake, 'token')
      const errors = await Promise.all(
        Array.from({ length: 6 }, (_, i) => fails(primero.getCase(`e${i}`))),
      )
      expect(errors.every((e) => isAuthError(e) && e.reason === 'login-failed')).toBe(true)
      expect(fake.requests.filter((r) => r.status === 401)).toHaveLength(1)
      expect(fake.requests.filter((r) => r.path !== '/api/v2/tokens')).toEqual([])
    }
  })

  it('2.10 still answers a JWT and the client uses it', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    fake.seedCases([{ id: 'e1' }])
    await ok(clientFor(fake, { token: true }).getCase('e1'))
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /api/v2/tokens 200',
      'GET /api/v2/cases/e1 200',
    ])
  })
})
