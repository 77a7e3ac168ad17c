import type { SyncIssueCode } from './issueCodes.js'

/** The flows, in the order a run takes them. */
export const FLOWS = [
  'oscar-ids',
  'primero-to-oscar',
  'oscar-to-primero',
  'pending-defaults',
] as const
export type FlowName = (typeof FLOWS)[number]

/** What happened to the records one flow read. */
export interface FlowCounts {
  read: number
  created: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
}

/** A record that did not sync as it should: ids and codes, never values. */
export interface SyncIssue {
  readonly flow: FlowName
  readonly recordId: string
  /**
   * What `recordId` is: a Primero `caseId` (what caseworkers see), a Primero `recordId`
   * (the case's id in the API, when its case_id is unknown), a Primero `referralId`, an
   * OSCaR child's `globalId`, an OSCaR referral (`oscarReferral`: global id/referral id),
   * or a `position` in OSCaR's or Primero's answer (`#N`, a record without a usable id).
   */
  readonly idKind?: IdKind
  readonly code: SyncIssueCode
  readonly message: string
}

export type IdKind =
  'caseId' | 'recordId' | 'referralId' | 'globalId' | 'oscarReferral' | 'position'

/** A write a dry run would have made: target, action, ids, changed field names (no values). */
export interface PlannedWrite {
  readonly flow: FlowName
  readonly target: 'primero' | 'oscar'
  readonly action: string
  readonly recordIds: ReadonlyArray<string>
  readonly fields: ReadonlyArray<string>
}

/** Where each reading flow starts next time: see `SyncState.cursors`. */
export interface Cursors {
  readonly primero?: string
  readonly oscarIds?: string
  readonly oscarToPrimero?: string
}

export interface SyncReport {
  readonly dryRun: boolean
  readonly startedAt: string
  readonly durationMs: number
  readonly flows: Readonly<Record<FlowName, Readonly<FlowCounts>>>
  readonly issues: ReadonlyArray<SyncIssue>
  readonly cursors: { readonly before: Cursors; readonly after: Cursors }
  /** API calls made per system (a retried call counts once). */
  readonly requests: { readonly primero: number; readonly oscar: number }
  /** Records that failed too often and are no longer retried: flow, id, code. */
  readonly parked: ReadonlyArray<{
    readonly flow: string
    readonly id: string
    readonly code: string
  }>
  /** In a dry run, the writes that were not made. */
  readonly planned: ReadonlyArray<PlannedWrite>
}

export const emptyCounts = (): FlowCounts => ({
  read: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
})

/** Writes in a report (created + updated over every flow): zero on an idempotent re-run. */
export const writeCount = (report: Pick<SyncReport, 'flows'>): number =>
  Object.values(report.flows).reduce((n, c) => n + c.created + c.updated, 0)

const ATTENTION: ReadonlySet<string> = new Set([
  'RETRY_SCHEDULED',
  'OUTCOME_UNKNOWN',
  'FIELD_DROPPED',
])

/**
 * Whether a run left records that need attention: one failed, one waits for a retry, one
 * is parked, a referral's outcome is unknown, or a field could not be read (it did not
 * sync). A clean run is one where none does.
 */
export const needsAttention = (report: Pick<SyncReport, 'flows' | 'issues' | 'parked'>): boolean =>
  Object.values(report.flows).some((c) => c.failed > 0) ||
  report.parked.length > 0 ||
  report.issues.some((i) => ATTENTION.has(i.code))
