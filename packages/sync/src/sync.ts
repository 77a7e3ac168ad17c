import type { MappingConfig } from '@primero-interop/mappings'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { type Progress, RunContext } from './context.js'
import { type CallCounter, countingOscar, countingPrimero } from './counting.js'
import { dayOf } from './day.js'
import { type SyncError, syncError } from './errors.js'
import { type Logger, silentLogger } from './logger.js'
import type { MarkSyncedOptions } from './markSynced.js'
import { packJson, unpackJson } from './packed.js'
import type { OscarPort, PrimeroPort } from './ports.js'
import { type Cursors, type FlowName, FLOWS, type SyncReport } from './report.js'
import { runFlows } from './run.js'
import { PackedLedgers, RunState } from './runState.js'
import { emptyState, joinLedgers, type ReferralEntry, type SyncState } from './state.js'
import type { StateStore } from './store.js'

export interface SyncOptions {
  /** A Primero client (`createPrimeroClient`) or anything with its interface. */
  readonly primero: PrimeroPort
  /** An OSCaR client (`createOscarClient`) or anything with its interface. */
  readonly oscar: OscarPort
  /** The deployment's mapping configuration, e.g. `cambodia`. */
  readonly config: MappingConfig
  /** Where cursors and ledgers live between runs: `fileStore(path)` or `memoryStore()`. */
  readonly store: StateStore
  /** Where a store without cursors starts (ISO date or date-time). Default: the beginning. */
  readonly since?: string
  readonly clock?: () => Date
  readonly logger?: Logger
  /** Records processed in parallel (each makes its own writes). Default 16; `connect(settings, { concurrency })` lets the clients match it. */
  readonly concurrency?: number
  /** How far the Primero cursor stays behind the run's start. Default 5 minutes. */
  readonly overlapMs?: number
  /** Attempts before a failing record is parked. Default 5. */
  readonly maxAttempts?: number
  /** Delay before the first retry, doubled each attempt. Default 30 minutes. */
  readonly retryDelayMs?: number
  /**
   * The longest a run may take (ms): past it no further record is started, the run fails
   * (`RUN_DEADLINE`) and the cursors stay. Each request has its own time limit besides.
   * Default: no deadline.
   */
  readonly deadlineMs?: number
  /**
   * Write each Primero case's sync outcome (`mark_synced_status` synced or failed, and
   * `mark_synced_url` when given), where the instance has those fields. Default: off.
   */
  readonly markSynced?: MarkSyncedOptions
  /** Called as each flow reads a record: for progress displays. */
  readonly onProgress?: (progress: Progress) => void
}

export interface RunOptions {
  /** Read and map, return the planned writes; write nothing and move no cursor. */
  readonly dryRun?: boolean
  /** The flows to run, always in their fixed order. Default: all four. */
  readonly flows?: ReadonlyArray<FlowName>
}

export interface Sync {
  readonly run: (options?: RunOptions) => TE.TaskEither<SyncError, SyncReport>
}

const EPOCH_DAY = '1970-01-01'

/**
 * The sync: the four flows over both systems, incremental (cursors), idempotent
 * (ledgers and comparisons), resumable (per-record retries), with a report that names
 * ids and codes only.
 *
 * @example
 * const sync = createSync({ primero, oscar, config: cambodia, store: fileStore('state.json') })
 * const report = await sync.run()()
 */
export const createSync = (options: SyncOptions): Sync => ({
  run:
    (runOptions = {}) =>
    () =>
      runOnce(options, runOptions),
})

/** Each numeric option's bounds: outside them a run could skip changes or never end. */
const LIMITS = {
  concurrency: [1, 64],
  overlapMs: [0, 24 * 60 * 60_000],
  maxAttempts: [1, 100],
  retryDelayMs: [0, 7 * 24 * 60 * 60_000],
  deadlineMs: [1, 7 * 24 * 60 * 60_000],
} as const

const invalidSetting = (options: SyncOptions): string | undefined => {
  for (const [name, [min, max]] of Object.entries(LIMITS)) {
    const value = options[name as keyof typeof LIMITS]
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max))
      return `${name} must be a whole number from ${min} to ${max}`
  }
  return undefined
}

const runOnce = async (
  options: SyncOptions,
  runOptions: RunOptions,
): Promise<E.Either<SyncError, SyncReport>> => {
  const invalid = invalidSetting(options)
  if (invalid !== undefined) return E.left(syncError('CONFIG_INVALID', invalid))
  const lock = options.store.lock === undefined ? undefined : await options.store.lock()()
  if (lock !== undefined && E.isLeft(lock)) return lock
  try {
    return await locked(options, runOptions)
  } finally {
    if (lock !== undefined) await lock.right()
  }
}

const locked = async (
  options: SyncOptions,
  runOptions: RunOptions,
): Promise<E.Either<SyncError, SyncReport>> => {
  const clock = options.clock ?? (() => new Date())
  const logger = options.logger ?? silentLogger
  const dryRun = runOptions.dryRun ?? false
  const flows = new Set(runOptions.flows ?? FLOWS)
  const started = clock()
  // A store that streams puts the ledgers' entries straight into their packed tables.
  const ledgers = new PackedLedgers()
  const { loadInto } = options.store
  const loaded = loadInto === undefined ? await options.store.load()() : await loadInto(ledgers)()
  if (E.isLeft(loaded)) {
    ledgers.clear()
    return loaded
  }
  // A dry run works on a copy that is never saved: the flows need not know.
  const saved: SyncState = loaded.right ?? emptyState()
  // The state as loaded, for a run that fails as a whole: deflated JSON (at 100,000 cases
  // a copy as objects was 45 MiB of the run's memory), without the ledgers: such a run
  // keeps the ledgers as it leaves them (below), so a copy of them is never read.
  const { referrals: _r, decisions: _d, links: _l, holdings, ...unledgered } = saved
  const original = packJson(unledgered)
  const hadHoldings = holdings !== undefined
  const state = new RunState(
    dryRun ? structuredClone(saved) : saved,
    {
      now: started,
      maxAttempts: options.maxAttempts ?? 5,
      retryDelayMs: options.retryDelayMs ?? 30 * 60_000,
    },
    ledgers,
  )
  const before: Cursors = { ...saved.cursors }
  const calls: CallCounter = { primero: 0, oscar: 0 }
  let saving: Promise<E.Either<SyncError, void>> = Promise.resolve(E.right(undefined))
  /** A save queued and not started yet: it will write the state as it is when it starts. */
  let queued: Promise<E.Either<SyncError, void>> | undefined
  const persist = (): Promise<E.Either<SyncError, void>> => {
    if (dryRun) return Promise.resolve(E.right(undefined))
    if (queued !== undefined) return queued
    // Saves (and journal lines) run one after another, each writing the state as it is then.
    const next = saving.then(() => {
      queued = undefined
      return options.store.save(state.snapshot())()
    })
    queued = next
    saving = next
    return next
  }
  const writeAhead = (key: string, entry: ReferralEntry): Promise<E.Either<SyncError, void>> => {
    const { append } = options.store
    if (dryRun || append === undefined) return persist()
    saving = saving.then(() => append({ key, entry })())
    return saving
  }
  const ctx = new RunContext({
    primero: countingPrimero(options.primero, calls),
    oscar: countingOscar(options.oscar, calls),
    config: options.config,
    state,
    now: started,
    settings: {
      dryRun,
      concurrency: options.concurrency ?? 16,
      clock,
      ...(options.deadlineMs === undefined
        ? {}
        : { deadline: started.getTime() + options.deadlineMs }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      markSynced: options.markSynced !== undefined,
    },
    logger,
    writeAhead,
  })
  const primeroSince = saved.cursors.primero ?? options.since
  const startDay = dayOf(options.since) ?? EPOCH_DAY
  // Each OSCaR flow from its cursor, and back to the day of any record whose retry is due.
  const oscarSince =
    [
      ...(flows.has('oscar-ids')
        ? [saved.cursors.oscarIds ?? startDay, ...state.dueDays('oscar-ids')]
        : []),
      ...(flows.has('oscar-to-primero')
        ? [saved.cursors.oscarToPrimero ?? startDay, ...state.dueDays('oscar-to-primero')]
        : []),
    ].sort()[0] ?? startDay
  logger.info('sync.start', { dryRun, primeroSince, oscarSince })

  const ran = await runFlows(ctx, {
    flows,
    primeroSince,
    until: started.toISOString(),
    oscarSince,
    firstRun: saved.cursors.primero === undefined,
    ...(options.markSynced === undefined ? {} : { markSynced: options.markSynced }),
  })
  const completed = E.isRight(ran)
  // Without the pending-defaults flow in this run, its queue waits in the state.
  state.setPending(
    flows.has('pending-defaults') && completed
      ? []
      : [...new Set([...state.pendingFromEarlierRuns(), ...ctx.pendingQueue])],
  )
  ctx.release()
  const after = completed && !dryRun ? nextCursors(options, flows, started, before) : before
  if (!dryRun) {
    // Every save and journal line of the run first: the last save follows them.
    await saving
    // The ledgers go out of the spill file an entry at a time, pruned for the new cursor
    // (`pruneState`): at 100,000 cases, the state is never whole in memory. A run that
    // failed as a whole changes nothing in the state but what it did: the referrals,
    // decisions and links it sent stay recorded; no retry, parking, cursor or anything its
    // reads learnt (the holdings are saved as they were loaded).
    const { head, ledgers: entries } = completed
      ? state.split(after.primero)
      : state.split(undefined, 'as loaded')
    const last = completed
      ? { ...head, cursors: { ...after } }
      : {
          ...unpackJson<SyncState>(original),
          referrals: {},
          decisions: {},
          links: {},
          ...(hadHoldings ? { holdings: {} } : {}),
        }
    const { saveFrom } = options.store
    const stored =
      saveFrom === undefined
        ? await options.store.save(joinLedgers(last, entries))()
        : await saveFrom(last, entries)()
    if (E.isLeft(stored)) {
      state.release()
      return stored
    }
  }
  state.release()
  if (E.isLeft(ran)) return ran
  const report: SyncReport = {
    dryRun,
    startedAt: started.toISOString(),
    durationMs: clock().getTime() - started.getTime(),
    flows: ctx.counts,
    issues: [...ctx.issues],
    cursors: { before, after },
    requests: { ...calls },
    parked: state.parked(),
    planned: ctx.planned,
  }
  logger.info('sync.done', { dryRun, issues: report.issues.length, durationMs: report.durationMs })
  return E.right(report)
}

/**
 * Primero's cursor: the run's start minus the overlap. Each OSCaR flow's: the run's
 * start day. A record waiting for a retry keeps its own day (`RetryEntry.day`): it does
 * not hold the cursor, so the reads before its retry is due do not repeat its day.
 */
const nextCursors = (
  options: SyncOptions,
  flows: ReadonlySet<FlowName>,
  started: Date,
  before: Cursors,
): Cursors => {
  const primero = flows.has('primero-to-oscar')
    ? new Date(started.getTime() - (options.overlapMs ?? 5 * 60_000)).toISOString()
    : before.primero
  const oscarCursor = (flow: FlowName, previous: string | undefined): string | undefined =>
    flows.has(flow) ? started.toISOString().slice(0, 10) : previous
  const oscarIds = oscarCursor('oscar-ids', before.oscarIds)
  const oscarToPrimero = oscarCursor('oscar-to-primero', before.oscarToPrimero)
  return {
    ...(primero === undefined ? {} : { primero }),
    ...(oscarIds === undefined ? {} : { oscarIds }),
    ...(oscarToPrimero === undefined ? {} : { oscarToPrimero }),
  }
}
