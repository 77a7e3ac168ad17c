/**
 * Issue #17, cause 8 (and #14, "latency hidden"): the sync's `concurrency` reaches both
 * clients through `connect`, so neither caps the pipeline below the setting (the Primero
 * client used to keep 4 requests in flight whatever the sync asked). Requests in flight
 * are counted at the wire, through the `fetch` handed to `connect`; no wall clock.
 */
import { cambodia } from '@primero-interop/mappings'
import { type FakeOscar, startFakeOscar } from '@primero-interop/oscar-client/testing'
import { type FakePrimero, startFakePrimero } from '@primero-interop/primero-client/testing'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import {
  connect,
  type ConnectOptions,
  DEFAULT_CONCURRENCY,
  OscarEndpoint,
  PRIMERO_MAX_CONCURRENCY,
  PrimeroEndpoint,
} from '../../src/connect.js'
import { createSync, memoryStore } from '../../src/index.js'
import { seedCambodiaScenario } from '../../src/testing/index.js'
import { fakeSettings } from '../e2e/fixtures.js'

const open: Array<FakePrimero | FakeOscar> = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()))
})

/** Counts the requests in flight to each system at the wire, and their peak. */
const inFlight = () => {
  const live = { primero: 0, oscar: 0 }
  const peak = { primero: 0, oscar: 0 }
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname
    const system = path.startsWith('/api/v2/') ? 'primero' : 'oscar'
    live[system] += 1
    peak[system] = Math.max(peak[system], live[system])
    try {
      return await globalThis.fetch(input, init)
    } finally {
      live[system] -= 1
    }
  }
  return { fetch, peak }
}

/** A first sync of a small Cambodia scenario; the peak of requests in flight per system. */
const firstSync = async (options: {
  readonly sync?: number
  readonly connect?: Omit<ConnectOptions, 'fetch'>
  readonly primero?: number
  readonly oscar?: number
}) => {
  const fakePrimero = await startFakePrimero()
  const fakeOscar = await startFakeOscar()
  open.push(fakePrimero, fakeOscar)
  const scenario = seedCambodiaScenario(
    { primero: fakePrimero, oscar: fakeOscar },
    { cases: 120, seed: 14 },
  )
  const wire = inFlight()
  const fast = { limit: 2, baseDelayMs: 1, maxDelayMs: 5 }
  const settings = fakeSettings(fakePrimero, fakeOscar)
  const sync = createSync({
    ...connect(
      {
        primero: {
          ...settings.primero,
          ...(options.primero === undefined ? {} : { concurrency: options.primero }),
        },
        oscar: {
          ...settings.oscar,
          ...(options.oscar === undefined ? {} : { concurrency: options.oscar }),
        },
      },
      { primeroRetry: fast, oscarRetry: fast, ...options.connect, fetch: wire.fetch },
    ),
    config: cambodia,
    store: memoryStore(),
    since: scenario.since,
    ...(options.sync === undefined ? {} : { concurrency: options.sync }),
  })
  const result = await sync.run()()
  expect(E.isRight(result)).toBe(true)
  return wire.peak
}

describe("the sync's concurrency reaches both clients", () => {
  it('sync concurrency 16: 16 Primero requests in flight at once (the client used to cap at 4)', async () => {
    const peak = await firstSync({ sync: 16, connect: { concurrency: 16 } })
    expect(peak.primero).toBe(16)
    expect(peak.oscar).toBeLessThanOrEqual(16)
  })

  it(`the defaults agree: ${DEFAULT_CONCURRENCY} records, ${DEFAULT_CONCURRENCY} requests in flight`, async () => {
    const peak = await firstSync({})
    expect(peak.primero).toBe(DEFAULT_CONCURRENCY)
  })

  it("an endpoint's own concurrency spares that system; each system has its ceiling", async () => {
    const spared = await firstSync({ sync: 16, connect: { concurrency: 16 }, primero: 3 })
    expect(spared.primero).toBe(3)
    const wide = await firstSync({ sync: 40, connect: { concurrency: 40 } })
    expect(wide.primero).toBe(PRIMERO_MAX_CONCURRENCY)
  })

  it('the endpoints accept a concurrency within their bounds only', () => {
    const primero = { baseUrl: 'https://p.example.org', username: 'u' }
    const oscar = { baseUrl: 'https://o.example.org', email: 'e' }
    expect(E.isRight(PrimeroEndpoint.decode({ ...primero, concurrency: 20 }))).toBe(true)
    expect(E.isRight(PrimeroEndpoint.decode({ ...primero, concurrency: 21 }))).toBe(false)
    expect(E.isRight(PrimeroEndpoint.decode({ ...primero, concurrency: 0 }))).toBe(false)
    expect(E.isRight(OscarEndpoint.decode({ ...oscar, concurrency: 32 }))).toBe(true)
    expect(E.isRight(OscarEndpoint.decode({ ...oscar, concurrency: 33 }))).toBe(false)
  })
})
