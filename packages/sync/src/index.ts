export type { CheckOptions, CheckOscarPort } from './admin/check.js'
export { checkMapping } from './admin/check.js'
export type { CheckLookups, CheckPrimeroPort } from './admin/checkPrimero.js'
export { defaultCheckLookups } from './admin/checkPrimero.js'
export type {
  CheckCode,
  CheckFinding,
  CheckRead,
  CheckReport,
  CheckSeverity,
} from './admin/findings.js'
export { checkNeedsAttention } from './admin/findings.js'
export type { ParkedRecord, RetryParkedOptions } from './admin/parked.js'
export { listParked, retryParked } from './admin/parked.js'
export type {
  ReconcileCode,
  ReconcileItem,
  ReconcileOptions,
  ReconcileReport,
} from './admin/reconcile.js'
export { reconcile } from './admin/reconcile.js'
export type { CollectionStore, CollectionStoreOptions } from './collections/index.js'
export { collectionStore } from './collections/index.js'
export type { ReferralOutcome } from './confirm.js'
export { confirmReferral } from './confirm.js'
export type {
  Connection,
  ConnectionSettings,
  ConnectOptions,
  OscarSettings,
  PrimeroSettings,
} from './connect.js'
export { connect } from './connect.js'
export type { Progress } from './context.js'
export type { ClientError, SyncError, SyncErrorCode } from './errors.js'
export { isSyncError } from './errors.js'
export { boundHeapGrowth, HEAP_GROWING_PERCENT } from './heap.js'
export type { SyncIssueCode, SyncOwnIssueCode } from './issueCodes.js'
export { syncIssueCodeDescriptions } from './issueCodes.js'
export type { LogFields, Logger } from './logger.js'
export { silentLogger } from './logger.js'
export type { CasePageLike, OscarPort, PrimeroPort } from './ports.js'
export type {
  Cursors,
  FlowCounts,
  FlowName,
  IdKind,
  PlannedWrite,
  SyncIssue,
  SyncReport,
} from './report.js'
export { FLOWS, needsAttention, writeCount } from './report.js'
export type { LedgerEntry, LedgerName, LedgerSink, LedgerSource } from './state.js'
export { emptyState, SCHEMA_VERSION, SyncState } from './state.js'
export type { JournalEntry, StateStore } from './store.js'
export { fileStore, memoryStore } from './store.js'
export type { RunOptions, Sync, SyncOptions } from './sync.js'
export { createSync } from './sync.js'
