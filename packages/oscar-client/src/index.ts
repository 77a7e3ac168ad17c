export type { OscarInteropClient } from './client.js'
export { createOscarClient } from './client.js'
export { OscarClient, OscarOrganization, OscarService } from './codecs/Client.js'
export { failingPaths, Text } from './codecs/common.js'
export {
  OscarLinkUpdate,
  OscarReferralStatus,
  OscarReferralStatusUpdate,
  OscarRiskLevel,
  OscarUpsert,
  OscarUpsertService,
} from './codecs/Payloads.js'
export {
  OscarClientsResponse,
  OscarOrganizationsResponse,
  OscarWriteAnswer,
} from './codecs/Responses.js'
export { toOscarDay } from './dates.js'
export type {
  AuthFailure,
  BatchPosition,
  OscarError,
  RejectionCode,
  UnknownOutcomeReason,
} from './errors.js'
export {
  AuthError,
  DecodeError,
  HttpError,
  isAuthError,
  isDecodeError,
  isHttpError,
  isNetworkError,
  isNonJsonResponse,
  isOscarError,
  isOutcomeUnknown,
  isRejected,
  isTimeoutError,
  NetworkError,
  NonJsonResponse,
  OutcomeUnknown,
  Rejected,
  TimeoutError,
} from './errors.js'
export type { LogFields, Logger } from './logger.js'
export { silentLogger } from './logger.js'
export type {
  ClientSink,
  ReadClientsIntoResult,
  RejectedRecord,
  RepairedRecord,
} from './operations/clientRecords.js'
export type { ReadClientsResult, ReadWindow } from './operations/readClients.js'
export type { WriteResult } from './operations/sendInBatches.js'
export { LINKS_PER_REQUEST } from './operations/updates.js'
export type { UpsertResult } from './operations/upsertClient.js'
export type { OscarClientOptions, OscarCredentials, RetryOptions } from './options.js'
export { DEFAULT_CONCURRENCY, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from './options.js'
