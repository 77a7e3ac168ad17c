import { cambodia } from '@primero-interop/mappings'
import { type FakeOscarOptions, startFakeOscar } from '@primero-interop/oscar-client/testing'
import { type FakePrimeroOptions, startFakePrimero } from '@primero-interop/primero-client/testing'
import * as E from 'fp-ts/lib/Either.js'

import {
  connect,
  createSync,
  memoryStore,
  type RunOptions,
  type SyncOptions,
  type SyncReport,
} from '../../src/index.js'
import {
  type Scenario,
  type ScenarioOptions,
  seedCambodiaScenario,
} from '../../src/testing/index.js'
import { fakeSettings } from './fixtures.js'

export interface HarnessOptions {
  readonly scenario?: ScenarioOptions | false
  readonly primero?: FakePrimeroOptions
  readonly oscar?: FakeOscarOptions
  readonly sync?: Partial<SyncOptions>
  /** The network both clients use (default: the real one). */
  readonly fetch?: typeof globalThis.fetch
}

/** Both fakes, the clients on them, a sync with a memory store; `run` throws on a failed run. */
export const startHarness = async (options: HarnessOptions = {}) => {
  const fakePrimero = await startFakePrimero(options.primero)
  const fakeOscar = await startFakeOscar(options.oscar)
  const scenario: Scenario | undefined =
    options.scenario === false
      ? undefined
      : seedCambodiaScenario({ primero: fakePrimero, oscar: fakeOscar }, options.scenario ?? {})
  const fast = { limit: 2, baseDelayMs: 1, maxDelayMs: 5 }
  const { primero, oscar } = connect(fakeSettings(fakePrimero, fakeOscar), {
    primeroRetry: fast,
    oscarRetry: fast,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.sync?.logger === undefined ? {} : { logger: options.sync.logger }),
  })
  const store = memoryStore()
  const sync = createSync({
    primero,
    oscar,
    config: cambodia,
    store,
    ...(scenario === undefined ? {} : { since: scenario.since }),
    ...options.sync,
  })
  const tryRun = (runOptions?: RunOptions) => sync.run(runOptions)()
  const run = async (runOptions?: RunOptions): Promise<SyncReport> => {
    const result = await tryRun(runOptions)
    if (E.isLeft(result)) throw new Error(`sync failed: ${result.left.code} ${result.left.message}`)
    return result.right
  }
  /** The Primero case with this `case_id`, as the fake stores it. */
  const primeroCase = (caseId: string) => {
    const found = fakePrimero.cases().find((c) => c['case_id'] === caseId)
    if (found === undefined) throw new Error(`no case ${caseId}`)
    return found as Record<string, unknown> & {
      id: string
      services_section?: Array<Record<string, unknown>>
    }
  }
  /** Requests that write (POST, PUT, PATCH, DELETE) received by each fake, sign-ins excepted. */
  const writes = () => ({
    primero: fakePrimero.requests.filter((r) => r.method !== 'GET' && !r.path.includes('/tokens'))
      .length,
    oscar: fakeOscar.requests.filter((r) => r.method !== 'GET' && !r.path.includes('admin_auth'))
      .length,
  })
  return {
    fakePrimero,
    fakeOscar,
    scenario: scenario as Scenario,
    primero,
    oscar,
    store,
    run,
    tryRun,
    primeroCase,
    writes,
    close: () => Promise.all([fakePrimero.close(), fakeOscar.close()]),
  }
}

export type Harness = Awaited<ReturnType<typeof startHarness>>
