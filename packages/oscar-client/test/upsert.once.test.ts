import {
  createOscarClient,
  isNetworkError,
  isNonJsonResponse,
  isOutcomeUnknown,
} from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { anUpsert } from './fixtures/records.js'
import {
  closeAll,
  deadPort,
  harness,
  hits,
  left,
  rawSession,
  right,
  sleep,
  startStub,
  withSignIn,
} from './helpers.js'

afterEach(closeAll)

const UPSERT = '/clients/upsert'

describe('the duplicate-referral trap (at the fake)', () => {
  it("two identical raw upserts create two referrals, the second reusing the first one's global id", async () => {
    const { fake } = await harness()
    const headers = await rawSession(fake)
    const body = JSON.stringify({ organization: anUpsert() })
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(`${fake.url}/api/v1/organizations/clients/upsert`, {
        method: 'POST',
        headers,
        body,
      })
      expect(answer.status).toBe(200)
    }
    const referrals = fake.referrals()
    expect(referrals).toHaveLength(2)
    expect(referrals[0]?.externalId).toBe(referrals[1]?.externalId)
    expect(referrals.map((r) => [r.id, r.organization])).toEqual([
      [1, 'cif'],
      [2, 'cif'],
    ])
    expect(referrals[1]?.clientGlobalId).toBe(referrals[0]?.clientGlobalId)
  })
})

describe('upsertClient is never sent twice once it may have arrived', () => {
  it('a timeout → OutcomeUnknown; one request reached the server, which applied it', async () => {
    const { fake, newClient } = await harness()
    const oscar = newClient({ timeoutMs: 250 })
    await right(oscar.listOrganizations()) // sign in first: the timeout is the upsert's
    fake.setFaults({ path: UPSERT, latencyMs: 600 })
    const error = await left(oscar.upsertClient(anUpsert()))
    expect(isOutcomeUnknown(error) && [error.reason, error.method, error.path]).toEqual([
      'timeout',
      'POST',
      '/api/v1/organizations/clients/upsert',
    ])
    await sleep(700)
    expect(hits(fake, UPSERT)).toHaveLength(1)
    expect(fake.referrals()).toHaveLength(1)
  })

  it('a connection dropped after processing → OutcomeUnknown; one request, one referral', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ dropAfterProcessing: true })
    const error = await left(oscar.upsertClient(anUpsert()))
    expect(isOutcomeUnknown(error) && error.reason).toBe('connection-lost')
    expect(hits(fake, UPSERT)).toHaveLength(1)
    expect(fake.referrals()).toHaveLength(1)
  })

  it('a connection dropped before processing → OutcomeUnknown too (the client cannot tell)', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ dropConnections: { next: 1 } })
    const error = await left(oscar.upsertClient(anUpsert()))
    expect(isOutcomeUnknown(error) && error.reason).toBe('connection-lost')
    expect(hits(fake, UPSERT)).toHaveLength(1)
    expect(fake.referrals()).toEqual([])
  })

  it('a 503 is not retried (limit 3): one request', async () => {
    const { fake, oscar } = await harness()
    fake.setFaults({ failNext: { status: 503, count: 5, html: true } })
    const error = await left(oscar.upsertClient(anUpsert()))
    expect(isNonJsonResponse(error) && error.status).toBe(503)
    expect(hits(fake, UPSERT)).toHaveLength(1)
  })

  it('an unreadable 2xx → OutcomeUnknown (it took effect, but how is unknown)', async () => {
    let upserts = 0
    const url = await startStub(
      withSignIn((_req, res) => {
        upserts++
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html>ok</html>')
      }),
    )
    const { newClient } = await harness()
    const error = await left(newClient({ baseUrl: url }).upsertClient(anUpsert()))
    expect(isOutcomeUnknown(error) && error.reason).toBe('unreadable-response')
    expect(upserts).toBe(1)
  })
})

describe('upsertClient is retried when the request provably never left', () => {
  it('connection refused, then reachable: retried, and the server saw it once', async () => {
    const { fake } = await harness()
    const dead = `http://127.0.0.1:${await deadPort()}`
    const calls: string[] = []
    let refuseNextUpsert = true
    // The first upsert goes to a port where nothing listens: a real ECONNREFUSED.
    const fetchVia: typeof fetch = (input, init) => {
      const request = new Request(input, init)
      calls.push(new URL(request.url).pathname)
      if (refuseNextUpsert && request.url.endsWith(UPSERT)) {
        refuseNextUpsert = false
        return fetch(new Request(request.url.replace(fake.url, dead), request))
      }
      return fetch(request)
    }
    const oscar = createOscarClient({
      baseUrl: fake.url,
      auth: { email: fake.email, password: fake.password },
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
      fetch: fetchVia,
    })
    await right(oscar.upsertClient(anUpsert()))
    expect(calls.filter((p) => p.endsWith(UPSERT))).toHaveLength(2)
    expect(hits(fake, UPSERT)).toHaveLength(1)
    expect(fake.referrals()).toHaveLength(1)
  })

  it('a server that stays unreachable → NetworkError (connect phase) after the retries', async () => {
    const { fake, newClient } = await harness()
    const oscar = newClient({ baseUrl: `http://127.0.0.1:${await deadPort()}` })
    const error = await left(oscar.upsertClient(anUpsert()))
    // The sign-in is the first request, and it is never retried.
    expect(isNetworkError(error) && [error.phase, error.code, error.path]).toEqual([
      'connect',
      'ECONNREFUSED',
      '/api/v1/admin_auth/sign_in',
    ])
    expect(fake.requests).toEqual([])
  })

  it('a 401 (expired session) is resent once after signing in again: one referral', async () => {
    const { fake, oscar } = await harness()
    await right(oscar.listOrganizations())
    fake.expireSessions()
    await right(oscar.upsertClient(anUpsert()))
    expect(hits(fake, UPSERT).map((r) => r.status)).toEqual([401, 200])
    expect(hits(fake, '/sign_in')).toHaveLength(2)
    expect(fake.referrals()).toHaveLength(1)
  })
})
