/** Codes of a run that failed as a whole (the cursors did not move). */
export type SyncErrorCode =
  | 'STATE_INVALID'
  | 'STATE_IO'
  | 'STATE_LOCKED'
  | 'PRIMERO_READ_FAILED'
  | 'OSCAR_READ_FAILED'
  | 'CONFIG_INVALID'
  | 'AUTH_FAILED'
  | 'NOT_FOUND'
  | 'RUN_DEADLINE'

/**
 * A run that failed as a whole. Its message names codes, ids and paths only.
 */
export interface SyncError {
  readonly _tag: 'SyncError'
  readonly code: SyncErrorCode
  readonly message: string
}

export const syncError = (code: SyncErrorCode, message: string): SyncError => ({
  _tag: 'SyncError',
  code,
  message,
})

export const isSyncError = (u: unknown): u is SyncError =>
  typeof u === 'object' && u !== null && (u as { _tag?: unknown })._tag === 'SyncError'

/** What the sync needs of a client's error: a tag and a message free of child data. */
export interface ClientError {
  readonly _tag: string
  readonly message: string
}
