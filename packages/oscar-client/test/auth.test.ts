import { isAuthError, isNetworkError } from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { closeAll, harness, hits, left, right } from './helpers.js'

afterEach(closeAll)

const SIGN_IN = '/admin_auth/sign_in'
const CLIENTS = '/organizations/clients'

describe('one session per client', () => {
  it('signs in once and reuses access-token, client and uid for every request', async () => {
    const { fake, oscar } = await harness()
    await right(oscar.listOrganizations())
    await right(oscar.listClients({ since: '2024-01-01' }))
    await right(oscar.listClients({ since: '2024-01-02' }))
    expect(hits(fake, SIGN_IN)).toHaveLength(1)
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 200])
  })

  it('shares one in-flight sign-in between concurrent requests', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ path: 'admin_auth', latencyMs: 30 })
    await Promise.all(Array.from({ length: 5 }, () => right(oscar.listOrganizations())))
    expect(hits(fake, SIGN_IN)).toHaveLength(1)
    expect(hits(fake, '/api/v1/organizations')).toHaveLength(5)
  })

  it('matches the email case-insensitively', async () => {
    const { fake, newClient } = await harness({ email: 'api@oscar.test' })
    const oscar = newClient({ auth: { email: 'API@Oscar.TEST', password: fake.password } })
    await right(oscar.listOrganizations())
  })

  it('signs in again within a minute of expiry', async () => {
    const { fake, oscar } = await harness({ tokenTtlSeconds: 45 })
    await right(oscar.listOrganizations())
    await right(oscar.listOrganizations())
    expect(hits(fake, SIGN_IN)).toHaveLength(2)
  })

  it('signOut ends the session server-side; the next request signs in again', async () => {
    const { fake, oscar } = await harness()
    await right(oscar.listOrganizations())
    await oscar.signOut()()
    expect(hits(fake, '/admin_auth/sign_out').map((r) => r.status)).toEqual([200])
    await right(oscar.listOrganizations())
    expect(hits(fake, SIGN_IN)).toHaveLength(2)
  })
})

describe('a 401', () => {
  it('signs in again exactly once and resends', async () => {
    const { fake, oscar, events } = await harness()
    await right(oscar.listClients({ since: '2024-01-01' }))
    fake.setFaults({ expireSessions: true })
    await right(oscar.listClients({ since: '2024-01-01' }))
    expect(hits(fake, SIGN_IN)).toHaveLength(2)
    expect(hits(fake, CLIENTS).map((r) => r.status)).toEqual([200, 401, 200])
    expect(events.filter((e) => e.event === 'oscar.sign_in')).toHaveLength(2)
  })

  it('after a fresh sign-in is an AuthError, without another sign-in', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ rejectTokens: true })
    const error = await left(oscar.listClients({ since: '2024-01-01' }))
    expect(isAuthError(error) && [error.reason, error.status, error.path]).toEqual([
      'unauthorized',
      401,
      '/api/v1/organizations/clients?since_date=2024-01-01 00:00:00',
    ])
    expect(hits(fake, SIGN_IN)).toHaveLength(1)
    expect(hits(fake, CLIENTS)).toHaveLength(1)
  })

  it('on an older session: one new sign-in, one resend, then AuthError', async () => {
    const { fake, oscar } = await harness()
    await right(oscar.listOrganizations())
    fake.setFaults({ rejectTokens: true })
    const error = await left(oscar.listClients({ since: '2024-01-01' }))
    expect(isAuthError(error) && error.reason).toBe('unauthorized')
    expect(hits(fake, SIGN_IN)).toHaveLength(2)
    expect(hits(fake, CLIENTS).map((r) => r.status)).toEqual([401, 401])
  })
})

describe('a failed sign-in is never retried', () => {
  it('wrong password → AuthError invalid-credentials, and the client does not try again', async () => {
    const { fake, newClient } = await harness()
    const oscar = newClient({ auth: { email: fake.email, password: 'wrong' } })
    const first = await left(oscar.listOrganizations())
    expect(isAuthError(first) && [first.reason, first.status]).toEqual(['invalid-credentials', 401])
    const second = await left(oscar.listClients({ since: '2024-01-01' }))
    expect(isAuthError(second) && second.reason).toBe('invalid-credentials')
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      ['/api/v1/admin_auth/sign_in', 401],
    ])
  })

  it('a dropped sign-in → NetworkError, one sign-in request; the next call may sign in', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ path: 'admin_auth', dropConnections: { next: 1 } })
    const error = await left(oscar.listOrganizations())
    expect(isNetworkError(error) && [error.phase, error.path]).toEqual([
      'transfer',
      '/api/v1/admin_auth/sign_in',
    ])
    expect(hits(fake, SIGN_IN)).toHaveLength(1)
    expect(hits(fake, '/api/v1/organizations')).toHaveLength(0)
    await right(oscar.listOrganizations())
    expect(hits(fake, SIGN_IN)).toHaveLength(2)
  })

  it('a 503 on sign-in is not retried either', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ path: 'admin_auth', failNext: { status: 503, count: 3 } })
    const error = await left(oscar.listOrganizations())
    expect(error._tag).toBe('HttpError')
    expect(hits(fake, SIGN_IN)).toHaveLength(1)
  })
})

describe('the fake speaks devise_token_auth', () => {
  it('answers a sign-in with the session headers and a failure with the documented 401 body', async () => {
    const { fake } = await harness({ tokenTtlSeconds: 600 })
    const post = (password: string) =>
      fetch(`${fake.url}/api/v1/admin_auth/sign_in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: fake.email.toUpperCase(), password }),
      })
    const ok = await post(fake.password)
    expect(ok.status).toBe(200)
    for (const header of ['access-token', 'client', 'uid', 'expiry'])
      expect(ok.headers.get(header)).toBeTruthy()
    expect(ok.headers.get('token-type')).toBe('Bearer')
    const expiry = Number(ok.headers.get('expiry'))
    expect(expiry - Date.now() / 1000).toBeGreaterThan(590)
    const refused = await post('nope')
    expect([refused.status, await refused.json()]).toEqual([
      401,
      { success: false, errors: ['Invalid login credentials. Please try again.'] },
    ])
    const anonymous = await fetch(`${fake.url}/api/v1/organizations/clients`)
    expect([anonymous.status, await anonymous.json()]).toEqual([
      401,
      { errors: ['You need to sign in or sign up before continuing.'] },
    ])
  })
})
