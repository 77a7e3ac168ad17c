export type { Attempt, AttemptOptions, AttemptSpec, Exchange, HttpMethod } from './attempt.js'
export {
  createAttempt,
  isConnectPhase,
  isOverloadStatus,
  OVERLOAD_STATUSES,
  pauseAskedBy,
} from './attempt.js'
export type { Body } from './body.js'
export { isJsonType, mediaType, readBody } from './body.js'
export { decodeWith, failingPaths, nullable } from './decodePaths.js'
export type { ManualClock, PauseGate, PauseGateOptions, Timers } from './pause.js'
export { DEFAULT_MAX_PAUSE_MS, manualClock, pauseGate, systemTimers } from './pause.js'
export { errorCode, REDACTED, redactQuery } from './redaction.js'
export type { Progress, RetryOptions, RetryPolicy, RetryRuntime, Step } from './retry.js'
export {
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_LIMIT,
  DEFAULT_MAX_DELAY_MS,
  delayBeforeRetry,
  isRetryableStatus,
  RETRYABLE_STATUSES,
  retryAfterMs,
  retryPolicy,
  sleep,
  systemRuntime,
  withRetries,
} from './retry.js'
export type { LogFields, Logger } from './safeLogger.js'
export { safeLogger, silentLogger } from './safeLogger.js'
export type { Semaphore } from './semaphore.js'
export { semaphore } from './semaphore.js'
export type { RecordSink, StreamedRecords } from './streamBody.js'
export { streamRecords } from './streamBody.js'
