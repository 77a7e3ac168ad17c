/**
 * Latency hidden (issue #14): the client's `concurrency` bound, and a server asking for a
 * rest slowing every request down. Requests are held in a `fetch` the test releases; time
 * is a manual clock.
 */
import { holdingFetch } from '@primero-interop/fake-kit'
import { manualClock, pauseGate } from '@primero-interop/http'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createRequester } from '../src/http/request.js'
import { createSessions } from '../src/http/session.js'
import { createTransport } from '../src/http/wire.js'
import { DEFAULT_CONCURRENCY } from '../src/index.js'
import { resolveOptions } from '../src/options.js'
import { closeAll, harness, right } from './helpers.js'

afterEach(closeAll)

/** Signs in (the sign-in alone is in flight), then sends `n` reads at once. */
const burst = async (concurrency: number | undefined, n: number) => {
  const net = holdingFetch()
  const { newClient } = await harness()
  const oscar = newClient({
    fetch: net.fetch,
    ...(concurrency === undefined ? {} : { concurrency }),
  })
  const first = oscar.listOrganizations()()
  await vi.waitFor(() => expect(net.held()).toBe(1))
  net.release()
  await vi.waitFor(() => expect(net.held()).toBe(1))
  net.release()
  await right(() => first)
  const all = Promise.all(Array.from({ length: n }, () => oscar.listOrganizations()()))
  return { net, all }
}

describe('requests in flight', () => {
  it(`keeps at most ${DEFAULT_CONCURRENCY} in flight by default (there was no bound)`, async () => {
    const { net, all } = await burst(undefined, 30)
    await vi.waitFor(() => expect(net.held()).toBe(DEFAULT_CONCURRENCY))
    net.release(true)
    expect((await all).every(E.isRight)).toBe(true)
    expect(net.peak()).toBe(DEFAULT_CONCURRENCY)
  })

  it('honours its `concurrency` option', async () => {
    const { net, all } = await burst(24, 30)
    await vi.waitFor(() => expect(net.held()).toBe(24))
    net.release(true)
    expect((await all).every(E.isRight)).toBe(true)
    expect(net.peak()).toBe(24)
  })

  it('refuses a concurrency that cannot work', () => {
    const base = { baseUrl: 'https://oscar.example.org', auth: { email: 'e', password: 'p' } }
    for (const concurrency of [0, 1.5, -2, Number.NaN])
      expect(() => resolveOptions({ ...base, concurrency })).toThrow(/concurrency/)
    expect(resolveOptions(base).concurrency).toBe(DEFAULT_CONCURRENCY)
  })
})

describe('a 429 with Retry-After slows the whole client down, not one record', () => {
  it('no other request reaches OSCaR until the pause ends', async () => {
    const { fake } = await harness()
    const net = holdingFetch()
    const clock = manualClock()
    const config = resolveOptions({
      baseUrl: fake.url,
      auth: { email: fake.email, password: fake.password },
      fetch: net.fetch,
      concurrency: 3,
      retry: { baseDelayMs: 100, maxDelayMs: 10_000 },
    })
    const gate = pauseGate({ timers: clock, maxPauseMs: 10_000 })
    const send = createTransport(config, gate)
    const sessions = createSessions(config, send)
    const request = createRequester(config, send, sessions, gate, {
      sleep: clock.sleep,
      random: () => 1,
    })
    const read = () => request({ method: 'GET', path: 'api/v1/organizations', mode: 'idempotent' })
    const first = read()
    await vi.waitFor(() => expect(net.held()).toBe(1)) // the sign-in
    net.release()
    await vi.waitFor(() => expect(net.held()).toBe(1))
    net.release()
    expect(E.isRight(await first)).toBe(true)
    fake.clearRequests()
    fake.setFaults({ failNext: { status: 429, count: 1, retryAfterSeconds: 2 } })
    const all = Promise.all(Array.from({ length: 6 }, read))
    await vi.waitFor(() => expect(net.held()).toBe(3))
    // The first is answered 429 Retry-After: 2: its retry and the fourth (in its slot) wait.
    net.releaseFirst()
    await vi.waitFor(() => expect(clock.sleeping()).toBe(2))
    // The second and third were already on their way; the fifth and sixth wait too.
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
