/**
 * Issue #17, cause 9 (OpenFn): at 1,000 cases the whole state in `state.sync` is over
 * OpenFn's 50 KB. With the `collection` option the ledgers go to an OpenFn Collection
 * (the fake, over real HTTP) and `state.sync` keeps the cursors: under 50 KB after the
 * first sync and after a steady hour, and the next run resumes from the collection.
 */
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { afterEach, describe, expect, it } from 'vitest'

import { sync } from '../../src/openfn/index.js'
import type { SyncReport } from '../../src/report.js'
import { seedCambodiaScenario, startFakeCollections } from '../../src/testing/index.js'
import { privateValues, withoutOpaqueTokens } from '../e2e/fixtures.js'

const HOUR = 3_600_000
const LIMIT = 50_000

const servers: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const start = async (cases: number) => {
  let now = Date.parse('2026-03-02T08:00:00.000Z')
  // Every reading moves the clock on 10 ms, as the request-bound test does.
  const clock = () => new Date((now += 10))
  const primero = await startFakePrimero({ clock })
  const oscar = await startFakeOscar({ clock })
  const collections = await startFakeCollections({ clock })
  servers.push(primero, oscar, collections)
  const scenario = seedCambodiaScenario({ primero, oscar }, { cases, seed: 17, now: clock() })
  const configuration = {
    primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
    oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
    collections_endpoint: collections.url,
    collections_token: collections.token,
  }
  const later = (ms: number) => {
    now += ms
  }
  return { primero, oscar, collections, scenario, configuration, clock, later }
}

const oscarWrites = (oscar: { requests: ReadonlyArray<{ method: string; path: string }> }) =>
  oscar.requests.filter((r) => r.method !== 'GET' && !/sign_in|tokens/.test(r.path)).length

const bytes = (u: unknown) => Buffer.byteLength(JSON.stringify(u))

const writes = (report: SyncReport) =>
  Object.values(report.flows).reduce((n, c) => n + c.created + c.updated, 0)

describe('OpenFn state in a collection', () => {
  it('1,000 cases: state.sync stays under 50 KB after the first sync and a steady hour, and the next run resumes from the collection', async () => {
    const f = await start(1_000)
    const options = { since: f.scenario.since, clock: f.clock, concurrency: 8 }
    const first = await sync({ ...options, collection: 'primero-interop' })({
      configuration: f.configuration,
    })
    expect(first.data.flows['primero-to-oscar'].created).toBeGreaterThanOrEqual(
      f.scenario.expectedReferrals,
    )
    const firstBytes = bytes(first.sync)
    expect(firstBytes).toBeLessThan(LIMIT)
    const stored = f.collections.items('primero-interop')
    const storedBytes = stored.reduce((n, i) => n + i.key.length + i.value.length, 0)
    console.info(
      `first sync: state.sync ${firstBytes} B, collection ${storedBytes} B in ${stored.length} values`,
    )
    // The ledgers are in the collection, not in state.sync.
    expect(storedBytes).toBeGreaterThan(LIMIT)

    // The next hour: the run loads the ledger from the collection, so nothing is sent again.
    f.later(HOUR)
    f.oscar.clearRequests()
    const next = await sync({ ...options, collection: 'primero-interop' })({
      ...first,
      configuration: f.configuration,
    })
    expect(oscarWrites(f.oscar)).toBe(0)
    expect(next.data.flows['primero-to-oscar'].created).toBe(0)

    // A steady hour: nothing changed.
    f.later(HOUR)
    const steady = await sync({ ...options, collection: 'primero-interop' })({
      ...next,
      configuration: f.configuration,
    })
    expect(writes(steady.data)).toBe(0)
    const steadyBytes = bytes(steady.sync)
    const steadyStored = f.collections
      .items('primero-interop')
      .reduce((n, i) => n + i.key.length + i.value.length, 0)
    console.info(`steady hour: state.sync ${steadyBytes} B, collection ${steadyStored} B`)
    expect(steadyBytes).toBeLessThan(LIMIT)
    expect(Object.keys(steady.sync as object).sort()).toEqual(['collection', 'cursors'])

    // Nothing private in what OpenFn keeps (state.sync) or in the collection's values.
    const secrets = privateValues(f.primero.cases(), f.oscar.clients())
    expect(secrets.size).toBeGreaterThan(1_000)
    const names = [...secrets].filter((s) => !/^[\d\s+()-]+$/.test(s))
    const kept = [first.sync, next.sync, steady.sync, ...f.collections.items('primero-interop')]
    const text = withoutOpaqueTokens(JSON.stringify(kept))
    // Whole values: a phone's digits inside an epoch in milliseconds are not a leak.
    const values = new Set<string>()
    const collect = (u: unknown): void => {
      if (typeof u === 'string') {
        values.add(u)
        try {
          collect(JSON.parse(u))
        } catch {
          // a piece of a longer value: its text is checked below
        }
      } else if (typeof u === 'object' && u !== null)
        for (const [k, v] of Object.entries(u)) {
          values.add(k)
          collect(v)
        }
    }
    collect(kept)
    for (const secret of secrets) expect(values.has(secret), 'a private value is kept').toBe(false)
    for (const name of names) expect(text.includes(name), 'a name is kept').toBe(false)
    const credentials = [
      f.collections.token,
      f.configuration.primero.password,
      f.configuration.oscar.password,
      f.configuration.oscar.email,
    ]
    for (const c of credentials) {
      expect(text).not.toContain(c)
      expect(JSON.stringify(f.collections.requests)).not.toContain(c)
    }
  }, 240_000)
})
