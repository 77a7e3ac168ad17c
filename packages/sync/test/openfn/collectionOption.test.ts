/**
 * The OpenFn operations' `collection` option: what it needs, how a state moves there from
 * `state.sync`, and what it refuses; without it, a warning once state.sync is over 50 KB.
 */
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { afterEach, describe, expect, it } from 'vitest'

import type { Logger } from '../../src/logger.js'
import { sync, type SyncOperationError } from '../../src/openfn/index.js'
import { seedCambodiaScenario, startFakeCollections } from '../../src/testing/index.js'

const servers: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const start = async (cases = 20) => {
  const primero = await startFakePrimero()
  const oscar = await startFakeOscar()
  const collections = await startFakeCollections()
  servers.push(primero, oscar, collections)
  const scenario = seedCambodiaScenario({ primero, oscar }, { cases, seed: 9 })
  const systems = {
    primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
    oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
  }
  const configuration = {
    ...systems,
    collections_endpoint: collections.url,
    collections_token: collections.token,
  }
  return { oscar, collections, scenario, systems, configuration }
}

const failure = (p: Promise<unknown>) =>
  p.then(() => undefined).catch((e: unknown) => e as SyncOperationError)

describe('the collection option', () => {
  it('without collections_endpoint and collections_token: CONFIG_INVALID naming them', async () => {
    const f = await start()
    const error = await failure(
      sync({ collection: 'primero-interop' })({ configuration: f.systems }),
    )
    expect(error?.code).toBe('CONFIG_INVALID')
    expect(error?.message).toMatch(/collections_endpoint, collections_token/)
  })

  it('a state.sync from before moves to the collection, and the next run sends nothing again', async () => {
    const f = await start()
    const before = await sync({ since: f.scenario.since })({ configuration: f.systems })
    expect(JSON.stringify(before.sync)).toContain('referrals')
    f.oscar.clearRequests()
    const moved = await sync({ collection: 'primero-interop' })({
      ...before,
      configuration: f.configuration,
    })
    expect(moved.data.flows['primero-to-oscar'].created).toBe(0)
    expect(moved.sync).toEqual({
      cursors: expect.any(Object),
      collection: { name: 'primero-interop', key: 'primero-interop', revision: expect.any(Number) },
    })
    expect(f.collections.items('primero-interop').length).toBeGreaterThan(1)
  })

  it('state.sync pointing at a collection: refused without the option, and when the collection lost the state', async () => {
    const f = await start()
    const first = await sync({ since: f.scenario.since, collection: 'primero-interop' })({
      configuration: f.configuration,
    })
    const withoutOption = await failure(sync()({ ...first, configuration: f.configuration }))
    expect(withoutOption?.code).toBe('CONFIG_INVALID')
    expect(withoutOption?.fix).toMatch(/collection: 'primero-interop'/)
    const elsewhere = await failure(
      sync({ collection: { name: 'primero-interop', key: 'other' } })({
        ...first,
        configuration: f.configuration,
      }),
    )
    expect(elsewhere?.code).toBe('CONFIG_INVALID')
    // An administrator empties the collection: the run refuses to start again silently.
    await fetch(`${f.collections.url}/primero-interop?key=*`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${f.collections.token}` },
    })
    const lost = await failure(
      sync({ collection: 'primero-interop' })({ ...first, configuration: f.configuration }),
    )
    expect(lost?.code).toBe('STATE_INVALID')
    expect(lost?.message).toMatch(/holds no state/)
    expect(String(lost)).not.toContain(f.collections.token)
  })

  it('without the option, a state.sync over 50 KB is kept as before, with a warning', async () => {
    const f = await start(200)
    const warnings: Array<{ event: string; fields: unknown }> = []
    const nothing = () => undefined
    const logger: Logger = {
      debug: nothing,
      info: nothing,
      error: nothing,
      warn: (event, fields) => warnings.push({ event, fields }),
    }
    const state = await sync({ since: f.scenario.since, logger })({ configuration: f.systems })
    const bytes = Buffer.byteLength(JSON.stringify(state.sync))
    expect(bytes).toBeGreaterThan(50_000)
    expect(warnings).toContainEqual({
      event: 'openfn.state-too-large',
      fields: { bytes, limit: 50_000 },
    })
    // With the option the same run stays small and warns of nothing.
    warnings.length = 0
    const g = await start(200)
    const small = await sync({ since: g.scenario.since, logger, collection: 'primero-interop' })({
      configuration: g.configuration,
    })
    expect(Buffer.byteLength(JSON.stringify(small.sync))).toBeLessThan(1_000)
    expect(warnings.filter((w) => w.event === 'openfn.state-too-large')).toEqual([])
  })
})
