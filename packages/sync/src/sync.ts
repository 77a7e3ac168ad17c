import type { MappingConfig } from '@primero-interop/mappings'
import type { OscarClient } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { forEachConcurrent } from './concurrency.js'
import { decisionKey, deliveredKey, type Progress, RunContext } from './context.js'
import { type CallCounter, countingOscar, countingPrimero } from './counting.js'
import { dayOf } from './day.js'
import { type SyncError, syncError } from './errors.js'
import { oscarIdsToPrimero } from './flows/oscarIds.js'
import { oscarClientToPrimero } from './flows/oscarToPrimero.js'
import { markPending } from './flows/pendingDefaults.js'
import { primeroCaseToOscar } from './flows/primeroToOscar.js'
import { holdingsIndex, learnHoldings } from './holdings.js'
import { type Logger, silentLogger } from './logger.js'
import type { OscarPort, PrimeroPort } from './ports.js'
import { type Cursors, type FlowName, FLOWS, type SyncReport } from './report.js'
import { emptyState, pruneState, type SyncState } from './state.js'
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
  /** Records processed in parallel (each makes its own writes). Default 4. */
  readonly concurrency?: number
  /** How far the Primero cursor stays behind the run's start. Default 5 minutes. */
  readonly overlapMs?: number
  /** Attempts before a failing record is parked. Default 5. */
  readonly maxAttempts?: number
  /** Delay before the first retry, doubled each attempt. Default 30 minutes. */
  readonly retryDelayMs?: number
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
  const loaded = await options.store.load()()
  if (E.isLeft(loaded)) return loaded
  const state: SyncState = loaded.right ?? emptyState()
  const before: Cursors = { ...state.cursors }
  const calls: CallCounter = { primero: 0, oscar: 0 }
  let saving: Promise<E.Either<SyncError, void>> = Promise.resolve(E.right(undefined))
  const persist = (): Promise<E.Either<SyncError, void>> => {
    if (dryRun) return Promise.resolve(E.right(undefined))
    // Saves run one after another, each writing the state as it is then.
    saving = saving.then(() => options.store.save(state)())
    return saving
  }
  const ctx = new RunContext(
    countingPrimero(options.primero, calls),
    countingOscar(options.oscar, calls),
    options.config,
    state,
    started,
    {
      dryRun,
      concurrency: options.concurrency ?? 4,
      maxAttempts: options.maxAttempts ?? 5,
      retryDelayMs: options.retryDelayMs ?? 30 * 60_000,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    },
    logger,
    persist,
  )
  const primeroSince = state.cursors.primero ?? options.since
  const startDay = dayOf(options.since) ?? EPOCH_DAY
  const oscarSince =
    [
      ...(flows.has('oscar-ids') ? [state.cursors.oscarIds ?? startDay] : []),
      ...(flows.has('oscar-to-primero') ? [state.cursors.oscarToPrimero ?? startDay] : []),
    ].sort()[0] ?? startDay
  logger.info('sync.start', { dryRun, primeroSince, oscarSince })

  ctx.holdings = holdingsIndex(state.holdings ?? {})
  // One OSCaR read per run, shared by the flows that need it.
  let clients: ReadonlyArray<OscarClient> = []
  if (flows.has('oscar-ids') || flows.has('oscar-to-primero')) {
    const read = await ctx.oscar.readClients({ since: oscarSince })()
    if (E.isLeft(read))
      return E.left(syncError('OSCAR_READ_FAILED', `OSCaR read failed: ${read.left.message}`))
    const positions = answerPositions(
      read.right.clients.length,
      read.right.rejected.map((r) => r.index),
    )
    clients = read.right.clients.filter((c, i) => {
      if (c.global_id.trim() !== '') return true
      // Named by its place in OSCaR's answer, as a rejected record is: one name, one record.
      const at = `#${positions[i] ?? i}`
      ctx.skip('oscar-to-primero', at, 'MISSING_ID', 'OSCaR client without a global_id')
      return false
    })
    for (const c of clients) {
      for (const service of c.services ?? []) {
        if (typeof service.referral_id !== 'number') continue
        if (service.referral_status)
          ctx.oscarReferralStatus.set(
            decisionKey(c.global_id, service.referral_id),
            service.referral_status,
          )
        if (state.cursors.primero === undefined && c.external_id && c.organization_name) {
          ctx.delivered.add(deliveredKey(c.external_id, c.organization_name, service.name))
        }
      }
    }
    const holdings = learnHoldings(state.holdings ?? {}, clients)
    ctx.holdings = holdingsIndex(holdings)
    if (!dryRun) state.holdings = holdings
    ctx.totals['oscar-ids'] = clients.length
    ctx.totals['oscar-to-primero'] = clients.length
    for (const r of read.right.rejected) {
      ctx.count('oscar-to-primero', 'read')
      ctx.skip(
        'oscar-to-primero',
        r.globalId ?? `#${r.index}`,
        'DECODE_FAILED',
        `invalid fields: ${r.paths.join(', ')}`,
      )
    }
  }
  const clientDay = (c: OscarClient): string => dayOf(c.updated_at) ?? oscarSince

  if (flows.has('oscar-ids')) {
    await forEachConcurrent(clients, ctx.settings.concurrency, (c) =>
      oscarIdsToPrimero(ctx, c, clientDay(c)),
    )
  }

  let primeroReadFailed: string | undefined
  if (flows.has('primero-to-oscar')) {
    primeroReadFailed = await primeroToOscar(ctx, primeroSince, started.toISOString())
  }
  if (primeroReadFailed === undefined) {
    if (flows.has('oscar-to-primero')) {
      await forEachConcurrent(clients, ctx.settings.concurrency, (c) =>
        oscarClientToPrimero(ctx, c, clientDay(c)),
      )
      await rereadLinked(ctx, oscarSince, clientDay)
    }
    if (flows.has('pending-defaults')) {
      for (const id of state.pending) ctx.pendingQueue.add(id)
      for (const entry of dueRetries(state, 'pending-defaults', started))
        ctx.pendingQueue.add(entry.id)
      ctx.totals['pending-defaults'] = ctx.pendingQueue.size
      await forEachConcurrent([...ctx.pendingQueue], ctx.settings.concurrency, (id) =>
        markPending(ctx, id),
      )
    }
  }

  if (!dryRun) {
    // Without the pending-defaults flow in this run, its queue waits in the state.
    state.pending =
      flows.has('pending-defaults') && primeroReadFailed === undefined
        ? []
        : [...new Set([...state.pending, ...ctx.pendingQueue])]
  }
  const after =
    dryRun || primeroReadFailed !== undefined
      ? before
      : nextCursors(options, state, flows, started, before)
  if (!dryRun) {
    const pruned = after.primero === undefined ? state : pruneState(state, after.primero)
    Object.assign(state, pruned, { cursors: { ...after } })
    const saved = await persist()
    if (E.isLeft(saved)) return saved
  }
  if (primeroReadFailed !== undefined) {
    return E.left(syncError('PRIMERO_READ_FAILED', `Primero read failed: ${primeroReadFailed}`))
  }
  const report: SyncReport = {
    dryRun,
    startedAt: started.toISOString(),
    durationMs: clock().getTime() - started.getTime(),
    flows: ctx.counts,
    issues: ctx.issues,
    cursors: { before, after },
    requests: { ...calls },
    parked: Object.values(state.parked).map(({ flow, id, code }) => ({ flow, id, code })),
    planned: ctx.planned,
  }
  logger.info('sync.done', { dryRun, issues: report.issues.length, durationMs: report.durationMs })
  return E.right(report)
}

/**
 * The place in OSCaR's answer of each decoded client: the decoded ones fill, in order,
 * the places the rejected ones (`rejected`, their places) leave free.
 */
const answerPositions = (decoded: number, rejected: ReadonlyArray<number>): number[] => {
  const taken = new Set(rejected)
  const out: number[] = []
  for (let at = 0; out.length < decoded; at++) if (!taken.has(at)) out.push(at)
  return out
}

/**
 * OSCaR shows a child's services only once the child carries a Primero id, and writing
 * that id (`update_links`) does not touch the child's `updated_at`: a child linked in this
 * run is read again now, or its services could miss every later day's read.
 */
const rereadLinked = async (
  ctx: RunContext,
  since: string,
  dayOfClient: (c: OscarClient) => string,
): Promise<void> => {
  if (ctx.linked.size === 0) return
  const again = await ctx.oscar.readClients({ since })()
  if (E.isLeft(again)) {
    for (const id of ctx.linked)
      ctx.issue(
        'oscar-to-primero',
        id,
        'LINKED_REREAD_FAILED',
        `services not read: ${again.left.message}`,
      )
    return
  }
  const linked = again.right.clients.filter((c) => ctx.linked.has(c.global_id))
  await forEachConcurrent(linked, ctx.settings.concurrency, (c) =>
    oscarClientToPrimero(ctx, c, dayOfClient(c)),
  )
}

const dueRetries = (state: SyncState, flow: FlowName, now: Date) =>
  Object.values(state.retries).filter((r) => r.flow === flow && r.next <= now.getTime())

/**
 * Flow 1 over the window: due retries first (re-read by id), then every page of the
 * window, streamed. Returns the read error's message if the window could not be read.
 */
const primeroToOscar = async (
  ctx: RunContext,
  since: string | undefined,
  until: string,
): Promise<string | undefined> => {
  const retried = new Set<string>()
  for (const entry of dueRetries(ctx.state, 'primero-to-oscar', ctx.now)) {
    retried.add(entry.id)
    const kase = await ctx.primero.getCase(entry.id)()
    if (E.isLeft(kase))
      ctx.fail('primero-to-oscar', entry.id, kase.left._tag, kase.left.message, entry)
    else await primeroCaseToOscar(ctx, kase.right, entry.since)
  }
  const query = { ...(since === undefined ? {} : { updatedSince: since }), updatedUntil: until }
  for await (const page of ctx.primero.pages(query)) {
    if (E.isLeft(page)) return page.left.message
    ctx.totals['primero-to-oscar'] ??= retried.size + page.right.total
    for (const r of page.right.rejected) {
      ctx.count('primero-to-oscar', 'read')
      if (r.id !== undefined && ctx.waitingForRetry('primero-to-oscar', r.id, r.id)) continue
      const retry =
        r.id === undefined ? undefined : { id: r.id, ...(since === undefined ? {} : { since }) }
      const message = `invalid fields: ${r.paths.join(', ')}`
      if (retry === undefined) ctx.skip('primero-to-oscar', `#${r.index}`, 'DECODE_FAILED', message)
      else ctx.fail('primero-to-oscar', r.id ?? '', 'DECODE_FAILED', message, retry)
    }
    const cases = page.right.data.filter((c) => !retried.has(c.id))
    await forEachConcurrent(cases, ctx.settings.concurrency, (c) =>
      primeroCaseToOscar(ctx, c, since),
    )
  }
  return undefined
}

/**
 * Primero's cursor: the run's start minus the overlap. Each OSCaR flow's: the run's
 * start day, held back to the day of its oldest record still waiting for a retry.
 */
const nextCursors = (
  options: SyncOptions,
  state: SyncState,
  flows: ReadonlySet<FlowName>,
  started: Date,
  before: Cursors,
): Cursors => {
  const primero = flows.has('primero-to-oscar')
    ? new Date(started.getTime() - (options.overlapMs ?? 5 * 60_000)).toISOString()
    : before.primero
  const oscarCursor = (flow: FlowName, previous: string | undefined): string | undefined => {
    if (!flows.has(flow)) return previous
    const held = Object.values(state.retries).flatMap((r) =>
      r.flow === flow && r.day !== undefined ? [r.day] : [],
    )
    return [started.toISOString().slice(0, 10), ...held].sort()[0]
  }
  const oscarIds = oscarCursor('oscar-ids', before.oscarIds)
  const oscarToPrimero = oscarCursor('oscar-to-primero', before.oscarToPrimero)
  return {
    ...(primero === undefined ? {} : { primero }),
    ...(oscarIds === undefined ? {} : { oscarIds }),
    ...(oscarToPrimero === undefined ? {} : { oscarToPrimero }),
  }
}
