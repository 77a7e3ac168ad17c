/**
 * Latency hidden (issue #14): how many requests the client keeps in flight, and a server
 * asking for a rest slowing every request down. Requests are held in a `fetch` the test
 * releases; time is a manual clock.
 */
import { holdingFetch } from '@primero-interop/fake-kit'
import { manualClock, pauseGate, semaphore } from '@primero-interop/http'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it, vi } from 'vitest'

import { authenticator } from '../src/auth.js'
import { getCase } from '../src/cases.js'
import { createAttempt } from '../src/http.js'
import { DEFAULT_CONCURRENCY } from '../src/index.js'
import { clientConfig } from '../src/options.js'
import { createSend } from '../src/request.js'
import { clientFor, fakePrimero, ok } from './helpers.js'

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `c${i}`)

describe('requests in flight', () => {
  it(`keeps ${DEFAULT_CONCURRENCY} in flight by default (was 4: it capped any sync above 4)`, async () => {
    const fake = await fakePrimero()
    fake.seedCases(ids(40).map((id) => ({ id })))
    const net = holdingFetch()
    const primero = clientFor(fake, { fetch: net.fetch })
    // Basic: one request proves the credentials before any other is let out.
    const first = primero.getCase('c0')()
    await vi.waitFor(() => expect(net.held()).toBe(1))
    net.release()
    await first
    net.reset()
    const all = Promise.all(ids(40).map((id) => primero.getCase(id)()))
    await vi.waitFor(() => expect(net.held()).toBe(DEFAULT_CONCURRENCY))
    expect(DEFAULT_CONCURRENCY).toBeGreaterThanOrEqual(16)
    net.release(true)
    expect((await all).every(E.isRight)).toBe(true)
    expect(net.peak()).toBe(DEFAULT_CONCURRENCY)
  })

  it('keeps `concurrency` in flight when asked for more', async () => {
    const fake = await fakePrimero()
    fake.seedCases(ids(30).map((id) => ({ id })))
    const net = holdingFetch()
    const primero = clientFor(fake, { fetch: net.fetch, concurrency: 24 })
    const first = primero.getCase('c0')()
    await vi.waitFor(() => expect(net.held()).toBe(1))
    net.release()
    await ok(() => first)
    const all = Promise.all(ids(30).map((id) => primero.getCase(id)()))
    await vi.waitFor(() => expect(net.held()).toBe(24))
    net.release(true)
    expect((await all).every(E.isRight)).toBe(true)
    expect(net.peak()).toBe(24)
  })
})

describe('a 429 with Retry-After slows the whole client down, not one record', () => {
  it('no other request reaches Primero until the pause ends', async () => {
    const fake = await fakePrimero()
    fake.seedCases(ids(6).map((id) => ({ id })))
    const net = holdingFetch()
    const clock = manualClock()
    const config = clientConfig({
      baseUrl: fake.url,
      auth: { username: fake.username, password: fake.password },
      fetch: net.fetch,
      retry: { baseDelayMs: 100, maxDelayMs: 10_000 },
    })
    const gate = pauseGate({ timers: clock, maxPauseMs: 10_000 })
    const attempt = createAttempt(config, semaphore(3), gate)
    const send = createSend(config, authenticator(config, attempt), attempt, gate, {
      sleep: clock.sleep,
      random: () => 1,
    })
    const read = getCase({ config, send })
    const first = read('c0')()
    await vi.waitFor(() => expect(net.held()).toBe(1))
    net.release()
    await ok(() => first)
    fake.clearRequests()
    fake.setFaults({
      failNext: { count: 1, status: 429, retryAfterSeconds: 2, path: '/api/v2/cases/c0' },
    })
    const all = Promise.all(ids(6).map((id) => read(id)()))
    await vi.waitFor(() => expect(net.held()).toBe(3))
    // c0 is answered 429 Retry-After: 2: its retry and c3 (in its slot) wait.
    net.releaseFirst()
    await vi.waitFor(() => expect(clock.sleeping()).toBe(2))
    // c1 and c2 were already on their way; c4 and c5 take their slots and wait too.
    net.release(true)
    await vi.waitFor(() => expect(clock.sleeping()).toBe(4))
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200, 200])
    await clock.advance(1_999)
    expect(fake.requests).toHaveLength(3)
    await clock.advance(1)
    expect((await all).every(E.isRight)).toBe(true)
    expect(fake.requests).toHaveLength(7)
  })
})
