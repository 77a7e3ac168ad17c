/**
 * A world for fault schedules: both fakes on one manual clock, the Cambodia scenario, a
 * "disk" that keeps only what a process saved before it died, and processes that each run
 * the sync once over a faulty network.
 */
import { cambodia } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { syncError } from '../../src/errors.js'
import {
  connect,
  createSync,
  emptyState,
  type SyncError,
  type SyncReport,
  type SyncState,
} from '../../src/index.js'
import { type JournalEntry, type StateStore, withJournal } from '../../src/store.js'
import { type Scenario, seedCambodiaScenario } from '../../src/testing/index.js'
import { fakeSettings } from '../e2e/fixtures.js'
import { type Crash, type FaultProfile, processNetwork } from './network.js'

const HOUR = 3_600_000

/** What one process's run came to. */
export type Outcome =
  | { readonly kind: 'report'; readonly report: SyncReport; readonly requests: number }
  | { readonly kind: 'failed'; readonly error: SyncError; readonly requests: number }
  | { readonly kind: 'crashed'; readonly requests: number }

export const startWorld = async (scenarioSeed: number) => {
  let now = Date.parse('2026-06-01T08:00:00.000Z')
  const clock = () => new Date(now)
  const fakePrimero = await startFakePrimero({ clock, seed: scenarioSeed })
  const fakeOscar = await startFakeOscar({ clock, seed: scenarioSeed })
  const scenario: Scenario = seedCambodiaScenario(
    { primero: fakePrimero, oscar: fakeOscar },
    { cases: 10, seed: scenarioSeed, now: clock() },
  )
  /** The state as saved, and the journal lines written since: what survives a crash. */
  let disk: string | undefined
  let journal: string[] = []
  const onDisk = (): SyncState | undefined =>
    disk === undefined && journal.length === 0
      ? undefined
      : withJournal(
          disk === undefined ? emptyState() : (JSON.parse(disk) as SyncState),
          journal.map((line) => JSON.parse(line) as JournalEntry),
        )
  /** Every log event of every process (both clients and the sync log through it). */
  const events: unknown[] = []
  const record = (level: string) => (event: string, fields?: unknown) =>
    void events.push({ level, event, fields })
  const logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  }

  /** The process holding the disk's lock, if any: a dead one's lock is stale. */
  let holder: { readonly dead: () => boolean } | undefined

  /** A store over the disk for one process: once it dies, its saves never land. */
  const storeOf = (dead: () => boolean): StateStore => ({
    load: () => TE.right(onDisk()),
    save: (state) =>
      TE.fromIO(() => {
        if (dead()) return
        disk = JSON.stringify(state)
        journal = []
      }),
    // Write-ahead lines: as the file store's journal, superseded by the next save.
    append: (entry) =>
      TE.fromIO(() => {
        if (!dead()) journal.push(JSON.stringify(entry))
      }),
    // As a file lock: held by a live process, taken over from a dead one.
    lock: () => () => {
      if (holder !== undefined && !holder.dead())
        return Promise.resolve(E.left(syncError('STATE_LOCKED', 'another run holds the state')))
      const me = { dead }
      holder = me
      return Promise.resolve(
        E.right(() => {
          if (holder === me) holder = undefined
          return Promise.resolve()
        }),
      )
    },
  })

  /** One process: a run over a network with `profile`, dying at `crash` if given. */
  const runProcess = async (
    seed: number,
    profile: FaultProfile,
    crash?: Crash,
  ): Promise<Outcome> => {
    now += HOUR
    const net = processNetwork(seed, profile, crash)
    const fast = { limit: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 2 }
    const sync = createSync({
      ...connect(fakeSettings(fakePrimero, fakeOscar), {
        fetch: net.fetch,
        primeroRetry: fast,
        oscarRetry: fast,
        logger,
      }),
      config: cambodia,
      store: storeOf(net.dead),
      since: scenario.since,
      clock,
      logger,
      retryDelayMs: 60_000,
      maxAttempts: 4,
    })
    const result = await Promise.race([sync.run()(), net.died.then(() => undefined)])
    if (result === undefined || net.dead()) return { kind: 'crashed', requests: net.requests() }
    return E.isRight(result)
      ? { kind: 'report', report: result.right, requests: net.requests() }
      : { kind: 'failed', error: result.left, requests: net.requests() }
  }

  return {
    fakePrimero,
    fakeOscar,
    scenario,
    runProcess,
    events,
    disk: () => `${disk ?? ''}\n${journal.join('\n')}`,
    state: onDisk,
    close: () => Promise.all([fakePrimero.close(), fakeOscar.close()]),
  }
}

export type World = Awaited<ReturnType<typeof startWorld>>
