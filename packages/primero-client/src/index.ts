export type { CasePage, RejectedRecord, RepairedRecord } from './casePage.js'
export type { CreateCaseOptions } from './cases.js'
export type { PrimeroClient } from './client.js'
export { createPrimeroClient } from './client.js'
export {
  CaseMatch,
  PrimeroCase,
  PrimeroCaseWrite,
  ServiceRow,
  ServiceRowWrite,
} from './codecs/Case.js'
export { failingPaths, LowercaseUuid, PrimeroDate } from './codecs/common.js'
export {
  ErrorEnvelope,
  PageMetadata,
  PrimeroAgency,
  PrimeroLookup,
  PrimeroUser,
} from './codecs/Directory.js'
export {
  PrimeroReferral,
  PrimeroReferralCreate,
  PrimeroReferralUpdate,
  ReferralStatus,
} from './codecs/Referral.js'
export type { ConditionalUpdate } from './conditional.js'
export type { DirectoryQuery } from './directory.js'
export type { AuthReason, LegacyAuthReason, PrimeroError, UncertainReason } from './errors.js'
export {
  AmbiguousMatch,
  AuthError,
  DecodeError,
  DenseWindow,
  HttpError,
  isAmbiguousMatch,
  isAuthError,
  isConsentRefused,
  isDecodeError,
  isDenseWindow,
  isHttpError,
  isNetworkError,
  isNotFound,
  isPrimeroError,
  isTimeoutError,
  isTransitionRejected,
  isUncertainMatch,
  NetworkError,
  NotFound,
  TimeoutError,
  TransitionRejected,
  UncertainMatch,
} from './errors.js'
export type { LogFields, Logger } from './logger.js'
export { silentLogger } from './logger.js'
export type { UpsertCaseInput, UpsertResult } from './match.js'
export type { IdentifierKey } from './matchMany.js'
export { maxValuesPerSearch } from './matchMany.js'
export type { FetchFn, PrimeroAuth, PrimeroClientOptions } from './options.js'
export { DEFAULT_CONCURRENCY } from './options.js'
export type { CaseQuery, FilterValue } from './query.js'
export { redactPath } from './redact.js'
export type { CaseReferrals, ReferralsRead } from './referrals.js'
export type { RetryOptions } from './retry.js'
