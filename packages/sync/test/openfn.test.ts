/**
 * The OpenFn operations in-process (the example's test runs them on @openfn/runtime).
 */
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { afterEach, describe, expect, it } from 'vitest'

import {
  setPendingDefaults,
  sync,
  SyncOperationError,
  syncOscarIds,
  syncOscarToPrimero,
  syncPrimeroToOscar,
} from '../src/openfn/index.js'
import type { SyncReport } from '../src/report.js'
import { seedCambodiaScenario } from '../src/testing/index.js'

const servers: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const start = async () => {
  const primero = await startFakePrimero()
  const oscar = await startFakeOscar()
  servers.push(primero, oscar)
  const configuration = {
    primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
    oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
  }
  return { primero, oscar, configuration }
}

const writes = (report: SyncReport) =>
  Object.values(report.flows).reduce((n, c) => n + c.created + c.updated, 0)

describe('OpenFn operations', () => {
  it('a run with failed records completes and lists them by id and code in state.data', async () => {
    const f = await start()
    const scenario = seedCambodiaScenario(f, { cases: 20 })
    const state = await sync({ since: scenario.since })({ configuration: f.configuration })
    expect(state.data.issues).toContainEqual(
      expect.objectContaining({ recordId: scenario.primero.noConsent[0], code: 'NO_CONSENT' }),
    )
    expect(state.data.flows['oscar-to-primero'].failed).toBeGreaterThan(0)
    expect(state.configuration).toEqual(f.configuration)
    expect(JSON.stringify({ sync: state.sync, data: state.data })).not.toContain(
      f.configuration.primero.password,
    )
  })

  it('the four per-flow operations in sequence do what sync() does: the next sync() writes nothing', async () => {
    const f = await start()
    const scenario = seedCambodiaScenario(f, { cases: 20 })
    let state: Record<string, unknown> = { configuration: f.configuration }
    for (const op of [syncOscarIds, syncPrimeroToOscar, syncOscarToPrimero, setPendingDefaults]) {
      state = await op({ since: scenario.since })(state)
    }
    expect(f.oscar.referrals().filter((r) => r.externalId !== '').length).toBeGreaterThanOrEqual(
      scenario.expectedReferrals,
    )
    const cursors = (state['sync'] as { cursors: Record<string, string> }).cursors
    expect(Object.keys(cursors).sort()).toEqual(['oscarIds', 'oscarToPrimero', 'primero'])
    const after = await sync()(state)
    expect(writes(after.data)).toBe(0)
  })

  it('an invalid configuration throws CONFIG_INVALID naming the field, never a value', async () => {
    const f = await start()
    const configuration = {
      ...f.configuration,
      primero: { ...f.configuration.primero, baseUrl: 42 },
    }
    const error = await sync()({ configuration }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SyncOperationError)
    expect((error as SyncOperationError).code).toBe('CONFIG_INVALID')
    expect((error as SyncOperationError).message).toContain('primero.baseUrl')
    expect((error as SyncOperationError).fix).toMatch(/configuration-schema/)
    expect(String(error)).not.toContain(f.configuration.primero.password)
  })

  it('a run that fails throws an error without child data or credentials, and keeps state.sync as it was', async () => {
    const f = await start()
    seedCambodiaScenario(f, { cases: 12 })
    await f.oscar.close()
    const input = { configuration: f.configuration, sync: undefined }
    const error = await sync()(input).catch((e: unknown) => e)
    expect((error as SyncOperationError).code).toBe('OSCAR_READ_FAILED')
    const text = `${String(error)} ${JSON.stringify(error)}`
    expect(text).not.toContain(f.configuration.oscar.password)
    expect(text).not.toContain(f.configuration.primero.password)
    for (const c of f.primero.cases()) expect(text).not.toContain(String(c['name_last']))
  })
})
