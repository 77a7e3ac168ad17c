/**
 * The client's error union. Every error names a method and a redacted path, and only ids,
 * statuses, codes and field paths: never a record value, a credential, a token, a header
 * or response body text. `String(error)` and `JSON.stringify(error)` are safe to log.
 */

/** For batched writes: the item that failed, and how many items before it took effect. */
export interface BatchPosition {
  readonly failedIndex?: number
  readonly applied?: number
}

interface Where extends BatchPosition {
  readonly method: string
  readonly path: string
}

abstract class OscarErrorBase extends Error {
  abstract readonly _tag: string
  readonly method: string
  readonly path: string
  declare readonly failedIndex?: number
  declare readonly applied?: number

  constructor(where: Where, message: string) {
    super(message)
    this.method = where.method
    this.path = where.path
    if (where.failedIndex !== undefined) this.failedIndex = where.failedIndex
    if (where.applied !== undefined) this.applied = where.applied
  }
}

/** Why a request was not authenticated. */
export type AuthFailure = 'invalid-credentials' | 'missing-session-headers' | 'unauthorized'

/** Sign-in refused (401), a sign-in answer without session headers, or a 401 after a fresh sign-in. */
export class AuthError extends OscarErrorBase {
  readonly _tag = 'AuthError'
  override readonly name = 'OscarAuthError'
  readonly reason: AuthFailure
  readonly status?: number
  constructor(f: Where & { readonly reason: AuthFailure; readonly status?: number }) {
    super(f, authMessage(f))
    this.reason = f.reason
    if (f.status !== undefined) this.status = f.status
  }
}

const authMessage = (f: Where & { readonly reason: AuthFailure }): string => {
  switch (f.reason) {
    case 'invalid-credentials':
      return 'OSCaR refused the sign-in (401): check the API email and password'
    case 'missing-session-headers':
      return 'OSCaR accepted the sign-in but sent no access-token, client and uid headers'
    case 'unauthorized':
      return `OSCaR answered 401 to ${f.method} ${f.path} after a fresh sign-in`
  }
}

/** A non-2xx answer with a JSON body that no other kind describes (404, a JSON 5xx, …). */
export class HttpError extends OscarErrorBase {
  readonly _tag = 'HttpError'
  override readonly name = 'OscarHttpError'
  readonly status: number
  constructor(f: Where & { readonly status: number }) {
    super(f, `OSCaR answered ${f.status} to ${f.method} ${f.path}`)
    this.status = f.status
  }
}

/**
 * OSCaR could not be reached (`phase: 'connect'`: the request provably never left) or the
 * connection failed later (`phase: 'transfer'`). `code` is the system error code.
 */
export class NetworkError extends OscarErrorBase {
  readonly _tag = 'NetworkError'
  override readonly name = 'OscarNetworkError'
  readonly phase: 'connect' | 'transfer'
  readonly code?: string
  constructor(f: Where & { readonly phase: 'connect' | 'transfer'; readonly code?: string }) {
    super(
      f,
      `${f.phase === 'connect' ? 'Could not connect to' : 'Lost the connection to'} OSCaR for ${f.method} ${f.path}${f.code === undefined ? '' : ` (${f.code})`}`,
    )
    this.phase = f.phase
    if (f.code !== undefined) this.code = f.code
  }
}

/** No complete answer within `timeoutMs` (for requests that are safe to resend). */
export class TimeoutError extends OscarErrorBase {
  readonly _tag = 'TimeoutError'
  override readonly name = 'OscarTimeoutError'
  readonly timeoutMs: number
  constructor(f: Where & { readonly timeoutMs: number }) {
    super(f, `OSCaR did not answer ${f.method} ${f.path} within ${f.timeoutMs} ms`)
    this.timeoutMs = f.timeoutMs
  }
}

/**
 * A body that does not match its codec: an answer (`status` set) or a payload the caller
 * built (no `status`; nothing was sent). `paths` names the failing fields, never values.
 */
export class DecodeError extends OscarErrorBase {
  readonly _tag = 'DecodeError'
  override readonly name = 'OscarDecodeError'
  readonly paths: ReadonlyArray<string>
  readonly status?: number
  constructor(f: Where & { readonly paths: ReadonlyArray<string>; readonly status?: number }) {
    super(
      f,
      f.status === undefined
        ? `The payload for ${f.method} ${f.path} is invalid at: ${f.paths.join(', ')}`
        : `OSCaR's answer to ${f.method} ${f.path} (${f.status}) is invalid at: ${f.paths.join(', ')}`,
    )
    this.paths = f.paths
    if (f.status !== undefined) this.status = f.status
  }
}

/**
 * Why OSCaR refused a record (422): `invalid-fields` (see `fields`, e.g. `services` for
 * "can't be blank"), `record-found` (an accepted referral already holds this external_id:
 * send its `global_id`), `record-error` (a required field is missing), `referral-not-found`,
 * `client-not-found` and `validation-failed` (update_statuses), `unknown`.
 */
export type RejectionCode =
  | 'invalid-fields'
  | 'record-found'
  | 'record-error'
  | 'referral-not-found'
  | 'client-not-found'
  | 'validation-failed'
  | 'unknown'

/** OSCaR refused the record (422). Nothing of this item was written. */
export class Rejected extends OscarErrorBase {
  readonly _tag = 'Rejected'
  override readonly name = 'OscarRejected'
  readonly status = 422
  readonly code: RejectionCode
  readonly fields: ReadonlyArray<string>
  constructor(f: Where & { readonly code: RejectionCode; readonly fields: ReadonlyArray<string> }) {
    super(
      f,
      `OSCaR rejected ${f.method} ${f.path} (422 ${f.code}${f.fields.length > 0 ? `: ${f.fields.join(', ')}` : ''})`,
    )
    this.code = f.code
    this.fields = f.fields
  }
}

/** An answer that is not JSON (OSCaR's HTML error pages). Its body is never kept. */
export class NonJsonResponse extends OscarErrorBase {
  readonly _tag = 'NonJsonResponse'
  override readonly name = 'OscarNonJsonResponse'
  readonly status: number
  readonly contentType: string | null
  constructor(f: Where & { readonly status: number; readonly contentType: string | null }) {
    super(
      f,
      `OSCaR answered ${f.status} (${f.contentType ?? 'no content type'}) instead of JSON to ${f.method} ${f.path}; body withheld`,
    )
    this.status = f.status
    this.contentType = f.contentType
  }
}

/** Why the outcome of a non-idempotent request is unknown. */
export type UnknownOutcomeReason =
  | 'timeout'
  | 'connection-lost'
  | 'unreadable-response'
  /** A 5xx to an upsert carrying a `global_id`: OSCaR may have saved the referral first. */
  | 'server-error'
  /**
   * A 422 on `gender` to an upsert carrying a `global_id`: OSCaR opens the referral, then
   * fails updating the child (path 1 validates the child after the referral is saved).
   */
  | 'rejected-after-save'

/**
 * The request may or may not have taken effect (a timeout, a connection lost after sending,
 * an unreadable 2xx, a 5xx to an upsert carrying a `global_id`). It was not resent:
 * reconcile before sending it again.
 */
export class OutcomeUnknown extends OscarErrorBase {
  readonly _tag = 'OutcomeUnknown'
  override readonly name = 'OscarOutcomeUnknown'
  readonly reason: UnknownOutcomeReason
  constructor(f: Where & { readonly reason: UnknownOutcomeReason }) {
    super(
      f,
      `${f.method} ${f.path} may or may not have taken effect (${f.reason}); it was not resent`,
    )
    this.reason = f.reason
  }
}

/** Every way an OSCaR call can fail. Match on `_tag`. */
export type OscarError =
  | AuthError
  | HttpError
  | NetworkError
  | TimeoutError
  | DecodeError
  | Rejected
  | NonJsonResponse
  | OutcomeUnknown

const TAGS: ReadonlySet<string> = new Set<OscarError['_tag']>([
  'AuthError',
  'HttpError',
  'NetworkError',
  'TimeoutError',
  'DecodeError',
  'Rejected',
  'NonJsonResponse',
  'OutcomeUnknown',
])

const tagOf = (u: unknown): unknown =>
  typeof u === 'object' && u !== null ? (u as { readonly _tag?: unknown })._tag : undefined

const guard =
  <K extends OscarError['_tag']>(tag: K) =>
  (u: unknown): u is Extract<OscarError, { readonly _tag: K }> =>
    tagOf(u) === tag

export const isOscarError = (u: unknown): u is OscarError => {
  const tag = tagOf(u)
  return typeof tag === 'string' && TAGS.has(tag)
}
export const isAuthError = guard('AuthError')
export const isHttpError = guard('HttpError')
export const isNetworkError = guard('NetworkError')
export const isTimeoutError = guard('TimeoutError')
export const isDecodeError = guard('DecodeError')
export const isRejected = guard('Rejected')
export const isNonJsonResponse = guard('NonJsonResponse')
export const isOutcomeUnknown = guard('OutcomeUnknown')

/**
 * The same error, placed in a batch: item `failedIndex` failed and the `applied` items
 * before it took effect.
 */
export const atItem = <E extends OscarError>(error: E, failedIndex: number, applied: number): E => {
  const copy = Object.create(Object.getPrototypeOf(error) as object, {
    ...Object.getOwnPropertyDescriptors(error),
    failedIndex: { value: failedIndex, enumerable: true },
    applied: { value: applied, enumerable: true },
  }) as E
  Object.defineProperty(copy, 'message', {
    value: `${error.message} [item ${failedIndex}; ${applied} before it applied]`,
    enumerable: false,
    writable: true,
    configurable: true,
  })
  return copy
}
