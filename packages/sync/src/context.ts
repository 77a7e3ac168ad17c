import { changedFields, type MappingConfig, type MappingIssue } from '@primero-interop/mappings'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import type { ClientError, SyncError } from './errors.js'
import { type Holdings, holdingsIndex } from './holdings.js'
import type { Logger } from './logger.js'
import type { OscarPort, PrimeroPort } from './ports.js'
import {
  emptyCounts,
  type FlowCounts,
  type FlowName,
  type PlannedWrite,
  type SyncIssue,
} from './report.js'
import { recordKey, type RetryEntry, type SyncState } from './state.js'
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
  `${globalId}/${referralId}`

export interface RunSettings {
  readonly dryRun: boolean
  readonly concurrency: number
  readonly maxAttempts: number
  readonly retryDelayMs: number
  readonly onProgress?: (progress: Progress) => void
}

/**
 * The mutable bookkeeping of one run: counts, issues, planned writes, the state being
 * built. Flows report outcomes through it; nothing here ever sees a record's values.
 */
export class RunContext {
  readonly counts: Record<FlowName, FlowCounts> = {
    'oscar-ids': emptyCounts(),
    'primero-to-oscar': emptyCounts(),
    'oscar-to-primero': emptyCounts(),
    'pending-defaults': emptyCounts(),
  }
  readonly issues: SyncIssue[] = []
  readonly planned: PlannedWrite[] = []
  /** Primero record ids whose service rows may need the pending default. */
  readonly pendingQueue = new Set<string>()
  /**
   * On a first run only (no Primero cursor yet): referrals this run's OSCaR read shows as
   * delivered (accepted by the NGO), as keys of `deliveredKey`. They were sent before
   * this ledger existed (by the old jobs); sending one again would create a second
   * referral. Later, the ledger is the authority: a new referral of the same service to
   * the same NGO is a real one.
   */
  readonly delivered = new Set<string>()
  /** OSCaR referral (`decisionKey`) → its status, as this run's OSCaR read shows it. */
  readonly oscarReferralStatus = new Map<string, string>()
  /** How many records each flow will read, when known (for progress displays). */
  readonly totals: Partial<Record<FlowName, number>> = {}
  /** OSCaR children whose Primero id this run wrote (`update_links`). */
  readonly linked = new Set<string>()
  /** Which NGOs hold which child, from the saved table and this run's OSCaR read. */
  holdings: Holdings = holdingsIndex({})

  constructor(
    readonly primero: PrimeroPort,
    readonly oscar: OscarPort,
    readonly config: MappingConfig,
    readonly state: SyncState,
    readonly now: Date,
    readonly settings: RunSettings,
    readonly logger: Logger,
    /** Saves the state mid-run (before a non-idempotent write); a no-op in a dry run. */
    readonly persist: () => Promise<E.Either<SyncError, void>>,
  ) {}

  count(flow: FlowName, outcome: keyof FlowCounts, n = 1): void {
    this.counts[flow][outcome] += n
    if (outcome === 'read' && this.settings.onProgress !== undefined) {
      const total = this.totals[flow]
      const done = this.counts[flow].read
      this.settings.onProgress(total === undefined ? { flow, done } : { flow, done, total })
    }
  }

  issue(flow: FlowName, recordId: string, code: string, message: string): void {
    this.issues.push({ flow, recordId, code, message })
    // The report carries every issue; the log only traces them (a run's warnings and
    // errors are the clients' retries and failures).
    this.logger.info('sync.issue', { flow, recordId, code })
  }

  /** Mapping warnings become report issues; they carry ids and paths only. */
  warnings(flow: FlowName, recordId: string, warnings: ReadonlyArray<MappingIssue>): void {
    for (const w of warnings) this.issue(flow, w.recordId ?? recordId, w.code, w.message)
  }

  skip(flow: FlowName, recordId: string, code: string, message: string): void {
    this.count(flow, 'skipped')
    this.issue(flow, recordId, code, message)
  }

  /**
   * A record failed: report it, and schedule a retry (keyed by `retry.id`: a Primero
   * record id, or an OSCaR global id), or park it after `maxAttempts`. `retry.day`
   * (OSCaR records) holds the OSCaR cursor back until the record is parked.
   */
  fail(
    flow: FlowName,
    recordId: string,
    code: string,
    message: string,
    retry: { readonly id: string; readonly day?: string; readonly since?: string },
  ): void {
    this.count(flow, 'failed')
    this.issue(flow, recordId, code, message)
    if (this.settings.dryRun) return
    const { id, day, since } = retry
    const key = recordKey(flow, id)
    const previous = this.state.retries[key] ?? this.state.parked[key]
    const attempts = (previous?.attempts ?? 0) + 1
    const entry: RetryEntry = {
      flow,
      id,
      attempts,
      code,
      next: this.now.getTime() + this.settings.retryDelayMs * 2 ** (attempts - 1),
      ...(day === undefined ? {} : { day }),
      ...(since === undefined ? {} : { since }),
    }
    delete this.state.retries[key]
    delete this.state.parked[key]
    if (attempts >= this.settings.maxAttempts) this.state.parked[key] = entry
    else this.state.retries[key] = entry
  }

  /**
   * Whether a record read again is waiting for a retry that is not due yet: then it is
   * skipped (and reported) rather than tried before its backoff ends.
   */
  waitingForRetry(flow: FlowName, id: string, recordId: string): boolean {
    const entry = this.state.retries[recordKey(flow, id)]
    if (entry === undefined || entry.next <= this.now.getTime()) return false
    this.skip(
      flow,
      recordId,
      'RETRY_SCHEDULED',
      `failed ${entry.attempts} time(s) (${entry.code}); next attempt after ${new Date(entry.next).toISOString()}`,
    )
    return true
  }

  /**
   * Parks a record at once, without retries: it cannot be handled safely without a
   * person (the code says why). Reported in every run's `parked` until cleared.
   */
  park(flow: FlowName, id: string, code: string, message: string): void {
    this.skip(flow, id, code, message)
    if (this.settings.dryRun) return
    const key = recordKey(flow, id)
    delete this.state.retries[key]
    const attempts = (this.state.parked[key]?.attempts ?? 0) + 1
    this.state.parked[key] = { flow, id, attempts, code, next: this.now.getTime() }
  }

  /** Whether a record is parked (then it is left alone until a person clears it). */
  isParked(flow: FlowName, id: string): boolean {
    return this.state.parked[recordKey(flow, id)] !== undefined
  }

  /** Primero fields found unwritable and not yet due to be tried again. */
  private unwritable(): ReadonlySet<string> {
    const since = this.now.getTime() - UNWRITABLE_RECHECK_MS
    return new Set(
      Object.entries(this.state.unwritable ?? {}).flatMap(([f, at]) => (at > since ? [f] : [])),
    )
  }

  /**
   * What of `patch` is worth writing to the Primero case `current`: the patch without
   * the fields known to be unwritable, and the names of the fields it would change.
   */
  casePatch<A extends Record<string, unknown>>(
    current: Record<string, unknown>,
    patch: A,
  ): { readonly patch: A; readonly fields: ReadonlyArray<string> } {
    const writable = withoutFields(patch, this.unwritable())
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
    echoed: Readonly<Record<string, unknown>> | undefined,
  ): void {
    if (echoed === undefined || this.settings.dryRun) return
    const known = this.unwritable()
    const lost = unwrittenFields(echoed, written).filter((f) => !known.has(f))
    if (lost.length === 0) return
    const table = { ...this.state.unwritable }
    for (const field of lost) {
      table[field] = this.now.getTime()
      this.issue(
        flow,
        recordId,
        'FIELD_NOT_WRITABLE',
        `Primero did not store ${field} (the API user's role may not write it); not written again before ${new Date(this.now.getTime() + UNWRITABLE_RECHECK_MS).toISOString()}`,
      )
    }
    this.state.unwritable = table
  }

  /** A record went through: forget its failures. */
  succeed(flow: FlowName, recordId: string): void {
    if (this.settings.dryRun) return
    const key = recordKey(flow, recordId)
    delete this.state.retries[key]
    delete this.state.parked[key]
  }

  /**
   * Makes a write, or in a dry run records it as planned and reports success without
   * calling anything.
   */
  async write<A>(
    plan: Omit<PlannedWrite, 'flow'> & { readonly flow: FlowName },
    task: TE.TaskEither<ClientError, A>,
  ): Promise<E.Either<ClientError, A | undefined>> {
    if (this.settings.dryRun) {
      this.planned.push(plan)
      return E.right(undefined)
    }
    return task()
  }
}
