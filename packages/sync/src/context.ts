import type { MappingConfig, MappingIssue } from '@primero-interop/mappings'
import { changedFields } from '@primero-interop/mappings'
import type { PrimeroCase, PrimeroError, PrimeroReferral } from '@primero-interop/primero-client'
import type * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { forEachConcurrent } from './concurrency.js'
import { dryRunPorts, type Ports } from './dryRun.js'
import { type SyncError, syncError } from './errors.js'
import type { QueuedLink } from './flows/links.js'
import type { QueuedStatus } from './flows/statuses.js'
import { IdKinds } from './idKinds.js'
import type { SyncIssueCode } from './issueCodes.js'
import type { Logger } from './logger.js'
import { Packed, PackedMap, PackedSet } from './packed.js'
import type { PrimeroPort } from './ports.js'
import {
  emptyCounts,
  type FlowCounts,
  type FlowName,
  type IdKind,
  type PlannedWrite,
  type SyncIssue,
} from './report.js'
import type { ReferralEntry, RetryAt, RunState } from './runState.js'
import { UNWRITABLE_RECHECK_MS, unwrittenFields, withoutFields } from './unwritable.js'

/** Progress of one flow: records read so far, and how many there are when known. */
export interface Progress {
  readonly flow: FlowName
  readonly done: number
  readonly total?: number
}

/** The key of a delivered referral: the Primero case, the NGO, the OSCaR service name. */
export const deliveredKey = (caseId: string, organization: string, service: string): string =>
  JSON.stringify([caseId, organization, service])

/**
 * The key of an OSCaR referral: the child's global id and the referral id. Referral ids
 * are numbered per NGO, so an id alone names a referral in every NGO.
 */
export const decisionKey = (globalId: string, referralId: number): string =>
  // `join` makes one flat string: a template literal keeps a cons string of its parts,
  // and a run keys a map entry by one per referral of the day.
  [globalId, referralId].join('/')

export interface RunSettings {
  readonly dryRun: boolean
  readonly concurrency: number
  /** When the run must stop starting records (epoch ms), if it has a deadline. */
  readonly deadline?: number
  /** The clock the deadline is read on. */
  readonly clock: () => Date
  readonly onProgress?: (progress: Progress) => void
  /** Whether the run records the cases it touched (`touched`, for `markSynced`). */
  readonly markSynced?: boolean
}

export interface RunContextOptions extends Ports {
  readonly config: MappingConfig
  readonly state: RunState
  /** The run's start: the clock of every decision the run makes. */
  readonly now: Date
  readonly settings: RunSettings
  readonly logger: Logger
  /**
   * Records a referral ledger entry durably before the POST it announces (a write that
   * must not be repeated): appended to the store's journal, or the state saved.
   */
  readonly writeAhead: (key: string, entry: ReferralEntry) => Promise<E.Either<SyncError, void>>
}

/**
 * The bookkeeping of one run: counts, issues, planned writes, and the run's state. Flows
 * report outcomes through it; nothing here ever sees a record's values.
 */
export class RunContext {
  readonly counts: Record<FlowName, FlowCounts> = {
    'oscar-ids': emptyCounts(),
    'primero-to-oscar': emptyCounts(),
    'oscar-to-primero': emptyCounts(),
    'pending-defaults': emptyCounts(),
  }
  /**
   * Every issue of the run, packed: a first sync of 100,000 cases reports about 50,000
   * (most of them the same few warnings), about 300 bytes each as objects.
   */
  readonly issues = new Packed<SyncIssue>()
  readonly planned: PlannedWrite[] = []
  /** Primero record ids whose service rows may need the pending default. */
  readonly pendingQueue = new PackedSet({ spill: true })
  /**
   * The latest this run holds of each Primero case it read or wrote, by record id, packed
   * in an encrypted temporary file (`spill.ts`): a large run holds 90,000 cases between
   * its flows. Lookups (`findOne`) answer from it; the pending-defaults flow starts from
   * it (`heldCase`).
   */
  readonly cases = new PackedMap<PrimeroCase>({ spill: true })
  /**
   * Cases of `cases` that hold this run's own write (or its answer): a lookup's older copy
   * does not replace them.
   */
  readonly written = new PackedSet({ spill: true })
  /** Of `pendingQueue`, the cases `cases` holds as this run last saw them. */
  private readonly held = new PackedSet({ spill: true })
  /**
   * On a first run only (no Primero cursor yet): referrals this run's OSCaR read shows as
   * delivered (accepted by the NGO), as keys of `deliveredKey`. They were sent before
   * this ledger existed (by the old jobs); sending one again would create a second
   * referral. Later, the ledger is the authority: a new referral of the same service to
   * the same NGO is a real one.
   */
  readonly delivered = new PackedSet({ spill: true })
  /**
   * The Primero cases (`case_id`) this run's OSCaR read shows an NGO decision on: flow 2
   * reads their referrals, so flow 1 keeps its read of them; it lets the others go.
   */
  readonly decisionCases = new PackedSet({ spill: true })
  /** OSCaR referral (`decisionKey`) → its status, as this run's OSCaR read shows it. */
  readonly oscarReferralStatus = new PackedMap<string>({ spill: true })
  /** How many records each flow will read, when known (for progress displays). */
  readonly totals: Partial<Record<FlowName, number>> = {}
  /** Links waiting to be sent together (`flows/links.ts`), by the case's report id. */
  readonly queuedLinks = new Map<string, QueuedLink>()
  /** Decisions waiting to be sent together (`flows/statuses.ts`), by decision key. */
  readonly queuedStatuses = new Map<string, QueuedStatus>()
  /**
   * Primero lookups of this run by match (`findOne`) still on their way, or failed:
   * flows 0 and 2 look up the same child once between them.
   */
  readonly lookups = new Map<string, Promise<E.Either<PrimeroError, ReadonlyArray<PrimeroCase>>>>()
  /** Lookups answered, by match: the record ids of the cases found (held in `cases`). */
  readonly found = new PackedMap<ReadonlyArray<string>>({ spill: true })
  /** The referrals of each case as this run read them (`flows/referrals.ts`), by record id. */
  readonly referralReads = new PackedMap<ReadonlyArray<PrimeroReferral>>({ spill: true })
  /** Referrals reads on their way, or failed, by record id. */
  readonly referralsReading = new Map<
    string,
    Promise<E.Either<PrimeroError, ReadonlyArray<PrimeroReferral>>>
  >()
  /** `flow:recordId` of every record skipped in this run (it may go through later). */
  readonly flagged = new Set<string>()
  /** OSCaR children whose Primero id this run wrote (`update_links`). */
  readonly linked = new PackedSet({ spill: true })

  readonly config: MappingConfig
  readonly state: RunState
  readonly now: Date
  readonly settings: RunSettings
  readonly logger: Logger
  readonly writeAhead: RunContextOptions['writeAhead']
  /** What each id the run has read is (for `SyncIssue.idKind`). */
  private readonly idKinds = new IdKinds()

  /** Records that `id` is an id of kind `kind`, so the report labels it. */
  name(id: string | null | undefined, kind: IdKind): void {
    if (typeof id === 'string' && id !== '') this.idKinds.name(id, kind)
  }

  /** A Primero case the run holds: its record id and its case_id. */
  nameCase(kase: { readonly id: string; readonly case_id?: string | null }): void {
    this.name(kase.case_id, 'caseId')
    this.name(kase.id, 'recordId')
  }

  private kindOf(flow: FlowName, id: string): IdKind | undefined {
    if (id.startsWith('#')) return 'position'
    const known = this.idKinds.get(id)
    if (known !== undefined) return known
    if (flow === 'oscar-ids' || flow === 'oscar-to-primero') return 'globalId'
    return id.includes('/') ? 'oscarReferral' : undefined
  }

  /** Primero cases (record ids) the run wrote for, or failed on: for `markSynced`. */
  readonly touched = new Map<string, 'synced' | 'failed'>()

  /** Records what the run did for Primero case `recordId`; a failure is not overwritten. */
  touch(recordId: string, outcome: 'synced' | 'failed'): void {
    // Only `markSynced` reads them: a run without it does not hold an entry per case.
    if (this.settings.markSynced !== true) return
    if (this.touched.get(recordId) !== 'failed') this.touched.set(recordId, outcome)
  }

  /** Why the run stopped as a whole, once it has: no further record is started. */
  aborted: SyncError | undefined
  private readonly live: Ports
  private readonly byFlow = new Map<FlowName, Ports>()

  constructor(options: RunContextOptions) {
    this.live = { primero: this.tracked(options.primero), oscar: options.oscar }
    this.config = options.config
    this.state = options.state
    this.now = options.now
    this.settings = options.settings
    this.logger = options.logger
    this.writeAhead = options.writeAhead
  }

  /** `primero` with every successful write recorded as touching its case (`touched`). */
  private tracked(primero: PrimeroPort): PrimeroPort {
    const after =
      <A>(id: (a: A) => string) =>
      (task: TE.TaskEither<PrimeroError, A>): TE.TaskEither<PrimeroError, A> =>
        TE.tap(task, (a) => TE.fromIO(() => this.touch(id(a), 'synced')))
    const { updateCaseIf } = primero
    return {
      ...primero,
      createCase: (data, options) =>
        after((c: PrimeroCase) => c.id)(primero.createCase(data, options)),
      updateCase: (id, ...rest) => after<PrimeroCase>(() => id)(primero.updateCase(id, ...rest)),
      updateReferral: (caseId, ...rest) =>
        after<PrimeroReferral>(() => caseId)(primero.updateReferral(caseId, ...rest)),
      ...(updateCaseIf === undefined
        ? {}
        : {
            updateCaseIf: (id, ...rest) =>
              TE.tap(updateCaseIf(id, ...rest), (r) =>
                TE.fromIO(() => (r.written ? this.touch(id, 'synced') : undefined)),
              ),
          }),
    }
  }

  /** The ports a flow works with: in a dry run, writes are planned, not sent. */
  ports(flow: FlowName): Ports {
    if (!this.settings.dryRun) return this.live
    const known = this.byFlow.get(flow)
    if (known !== undefined) return known
    const made = dryRunPorts(this.live, flow, (w) => this.planned.push(w))
    this.byFlow.set(flow, made)
    return made
  }

  /** Queues `kase` for the pending-defaults flow, holding it as this run last saw it. */
  queuePending(kase: PrimeroCase): void {
    this.pendingQueue.add(kase.id)
    this.held.add(kase.id)
    this.refreshHeld(kase)
  }

  /**
   * A case this run wrote, as it now stands: a later lookup that finds it, and the
   * pending-defaults flow if it waits for it, see the write.
   */
  refreshHeld(kase: PrimeroCase): void {
    this.cases.set(kase.id, kase)
    this.written.add(kase.id)
  }

  /** The case `recordId` as this run last saw it, if it queued it for pending defaults. */
  heldCase(recordId: string): PrimeroCase | undefined {
    return this.held.has(recordId) ? this.cases.get(recordId) : undefined
  }

  /**
   * Lets go of what the flows held (cases, lookups, reads, keys) once they are done: the
   * state is saved next, and at 100,000 cases its JSON and these together made the run's
   * peak. Counts, issues and planned writes stay for the report.
   */
  release(): void {
    const held = [
      this.lookups,
      this.pendingQueue,
      this.found,
      this.referralsReading,
      this.queuedLinks,
      this.queuedStatuses,
      this.oscarReferralStatus,
      this.idKinds,
      this.touched,
      this.written,
      this.held,
      this.delivered,
      this.decisionCases,
      this.flagged,
      this.linked,
      this.cases,
      this.referralReads,
    ]
    for (const each of held) each.clear()
  }

  /** Stops the run as a whole: records already started finish, no other starts. */
  abort(error: SyncError): void {
    this.aborted ??= error
  }

  /** Whether the run must stop: it was aborted, or its deadline has passed. */
  stopped(): boolean {
    const { deadline, clock } = this.settings
    if (this.aborted === undefined && deadline !== undefined && clock().getTime() > deadline)
      this.abort(syncError('RUN_DEADLINE', 'the run reached its deadline; the cursors stay'))
    return this.aborted !== undefined
  }

  /** `fn` over `items`, `concurrency` at a time, until the run stops. */
  each<A>(items: Iterable<A>, fn: (item: A) => Promise<void>): Promise<void> {
    return forEachConcurrent(items, this.settings.concurrency, fn, () => this.stopped())
  }

  count(flow: FlowName, outcome: keyof FlowCounts, n = 1): void {
    this.counts[flow][outcome] += n
    if (outcome === 'read' && this.settings.onProgress !== undefined) {
      const total = this.totals[flow]
      const done = this.counts[flow].read
      this.settings.onProgress(total === undefined ? { flow, done } : { flow, done, total })
    }
  }

  issue(flow: FlowName, recordId: string, code: SyncIssueCode, message: string): void {
    const idKind = this.kindOf(flow, recordId)
    this.issues.add({ flow, recordId, ...(idKind === undefined ? {} : { idKind }), code, message })
    // The report carries every issue; the log only traces them (a run's warnings and
    // errors are the clients' retries and failures).
    this.logger.info('sync.issue', { flow, recordId, code })
  }

  /** Mapping warnings become report issues; they carry ids and paths only. */
  warnings(flow: FlowName, recordId: string, warnings: ReadonlyArray<MappingIssue>): void {
    for (const w of warnings) this.issue(flow, w.recordId ?? recordId, w.code, w.message)
  }

  skip(flow: FlowName, recordId: string, code: SyncIssueCode, message: string): void {
    this.flagged.add(`${flow}:${recordId}`)
    this.count(flow, 'skipped')
    this.issue(flow, recordId, code, message)
  }

  /**
   * A record failed: report it, and schedule a retry (keyed by `retry.id`: a Primero
   * record id, or an OSCaR global id), or park it after `maxAttempts`. `retry.day`
   * (OSCaR records): the day a due retry's OSCaR read goes back to.
   */
  fail(flow: FlowName, recordId: string, code: SyncIssueCode, message: string, retry: RetryAt) {
    if (code === 'AuthError') {
      // A refused credential: another request would be refused too, and each refusal
      // counts towards locking the account. The run stops; this record is not its fault.
      return this.abort(syncError('AUTH_FAILED', message))
    }
    this.count(flow, 'failed')
    this.issue(flow, recordId, code, message)
    this.state.scheduleRetry(flow, code, retry)
    if (flow === 'primero-to-oscar' || flow === 'pending-defaults') this.touch(retry.id, 'failed')
  }

  /**
   * Parks a record at once, without retries: it cannot be handled safely without a
   * person (the code says why). Reported in every run's `parked` until cleared. A record
   * parked before is skipped without a second entry.
   */
  park(flow: FlowName, id: string, code: SyncIssueCode, message: string): void {
    if (this.state.isParked(flow, id)) return this.count(flow, 'skipped')
    this.skip(flow, id, code, message)
    this.state.park(flow, id, code)
  }

  /**
   * Whether a record read again is waiting for a retry that is not due yet: then it is
   * skipped (and reported) rather than tried before its backoff ends.
   */
  waitingForRetry(flow: FlowName, id: string, recordId: string): boolean {
    const entry = this.state.retry(flow, id)
    if (entry === undefined || entry.next <= this.now.getTime()) return false
    this.skip(
      flow,
      recordId,
      'RETRY_SCHEDULED',
      `failed ${entry.attempts} time(s) (${entry.code}); next attempt after ${new Date(entry.next).toISOString()}`,
    )
    return true
  }

  /** A record went through: forget its failures. */
  succeed(flow: FlowName, recordId: string): void {
    this.state.clear(flow, recordId)
  }

  /**
   * What of `patch` is worth writing to the Primero case `current`: the patch without
   * the fields known to be unwritable, and the names of the fields it would change.
   */
  casePatch<A extends Record<string, unknown>>(
    current: Record<string, unknown>,
    patch: A,
  ): { readonly patch: A; readonly fields: ReadonlyArray<string> } {
    const writable = withoutFields(patch, this.state.unwritable())
    return { patch: writable, fields: changedFields(current, writable) }
  }

  /**
   * After a Primero write: a field that the echoed record does not carry as written was
   * dropped by Primero (the role may not write it). Reported once by name and left out
   * of later writes (see `unwritable.ts`).
   */
  checkStored(
    flow: FlowName,
    recordId: string,
    written: Readonly<Record<string, unknown>>,
    echoed: Readonly<Record<string, unknown>>,
  ): void {
    const known = this.state.unwritable()
    const until = new Date(this.now.getTime() + UNWRITABLE_RECHECK_MS).toISOString()
    for (const field of unwrittenFields(echoed, written)) {
      if (known.has(field)) continue
      this.state.markUnwritable(field)
      this.issue(
        flow,
        recordId,
        'FIELD_NOT_WRITABLE',
        `Primero did not store ${field} (the API user's role may not write it); not written again before ${until}`,
      )
    }
  }
}
