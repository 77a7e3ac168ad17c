/**
 * The client's errors: a tagged union of frozen `Error`s (a stack, `instanceof Error`),
 * made by plain functions (no `new`). Each one's `message` names only ids, statuses,
 * methods, redacted paths and field paths: never a record value, a response body or a
 * credential. There is no `cause`: a cause would carry what the message leaves out.
 * `String(error)` (`_tag: message`) and `JSON.stringify(error)` (every field, the message
 * included) are therefore safe.
 */
import { redactPath } from './redact.js'

type Method = string

interface Base<Tag extends string> extends Error {
  readonly _tag: Tag
  readonly message: string
}

/** What a constructor takes: the error's own fields. */
type Fields<E extends Base<string>> = Omit<E, '_tag' | 'message' | 'name' | 'stack' | 'cause'>

/** The prototype of every error of this client: an `Error` named after its `_tag`. */
class PrimeroFailure extends Error {
  declare readonly _tag: string
  override toString(): string {
    return `${this._tag}: ${this.message}`
  }
}

const make = <E extends Base<string>>(fields: Omit<E, 'name' | 'stack' | 'cause'>): E => {
  const error = new PrimeroFailure(fields.message)
  // Own, enumerable fields in the order given (the message too: `JSON.stringify` shows it).
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(error, key, { value, enumerable: true })
  }
  Object.defineProperty(error, 'name', { value: `Primero${fields._tag}`, enumerable: false })
  return Object.freeze(error) as unknown as E
}

/** `{ [key]: value }`, or nothing when `value` is undefined (`exactOptionalPropertyTypes`). */
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

const is =
  <E extends PrimeroError>(tag: E['_tag']) =>
  (u: unknown): u is E =>
    typeof u === 'object' && u !== null && (u as { readonly _tag?: unknown })._tag === tag

/**
 * Why authentication failed. `locked` and `rate-limited` come from the login endpoint.
 * Kebab-case, as the OSCaR client's reasons (before 0.1: `login_failed`, `rate_limited`;
 * the constructor still takes those and makes them kebab-case).
 */
export type AuthReason = 'unauthorized' | 'login-failed' | 'locked' | 'rate-limited'

/** The snake_case spellings of the first releases, still accepted by `AuthError(…)`. */
export type LegacyAuthReason = 'login_failed' | 'rate_limited'

const kebab = (reason: AuthReason | LegacyAuthReason): AuthReason =>
  reason === 'login_failed' ? 'login-failed' : reason === 'rate_limited' ? 'rate-limited' : reason

/** 401, a failed or locked login, or the login limiter's 429. Never retried. */
export interface AuthError extends Base<'AuthError'> {
  readonly reason: AuthReason
  readonly status: number
  readonly method: Method
  readonly path: string
}
/** @example AuthError({ reason: 'login-failed', status: 401, method: 'POST', path: '/api/v2/tokens' }) */
export const AuthError = (
  e: Omit<Fields<AuthError>, 'reason'> & {
    readonly reason: AuthReason | LegacyAuthReason
  },
): AuthError => {
  const path = redactPath(e.path)
  const reason = kebab(e.reason)
  const hint: Record<AuthReason, string> = {
    unauthorized: 'the credentials were refused',
    'login-failed':
      'the login was refused; the client will not log in again (6 failures lock the account)',
    locked: 'the account is locked (too many failed logins)',
    'rate-limited': 'the login limiter refused the login (6 per minute)',
  }
  return make({
    _tag: 'AuthError',
    reason,
    status: e.status,
    method: e.method,
    path,
    message: `${e.method} ${path} answered ${e.status}: ${hint[reason]}`,
  })
}
export const isAuthError = is<AuthError>('AuthError')

/** Any other unexpected HTTP status, or a body that is not JSON. The body is never kept. */
export interface HttpError extends Base<'HttpError'> {
  readonly status: number
  readonly method: Method
  readonly path: string
  /** The response's content type, when the body was not the JSON expected. */
  readonly contentType?: string
  /** The JSON pointers Primero named in a 422's `detail`s (such as `/risk_level`). */
  readonly fields: ReadonlyArray<string>
  readonly retryAfterSeconds?: number
  /** `consent`: Primero refused a referral because the case has no consent to share. */
  readonly reason?: 'consent'
}
/** @example HttpError({ status: 422, method: 'POST', path: '/api/v2/cases', fields: ['/sex'] }) */
export const HttpError = (e: Fields<HttpError>): HttpError => {
  const path = redactPath(e.path)
  const what =
    e.contentType === undefined
      ? ''
      : ` with a non-JSON body (${e.contentType || 'no content type'})`
  const fields = e.fields.length > 0 ? `; fields: ${e.fields.join(', ')}` : ''
  const reason = e.reason === 'consent' ? '; refused: the case has no consent to share' : ''
  return make({
    _tag: 'HttpError',
    status: e.status,
    method: e.method,
    path,
    ...opt('contentType', e.contentType),
    fields: [...e.fields],
    ...opt('retryAfterSeconds', e.retryAfterSeconds),
    ...opt('reason', e.reason),
    message: `${e.method} ${path} answered ${e.status}${what}${fields}${reason}`,
  })
}
export const isHttpError = is<HttpError>('HttpError')

/** The connection failed or was dropped before a response arrived. */
export interface NetworkError extends Base<'NetworkError'> {
  readonly method: Method
  readonly path: string
  /** A system code such as `ECONNRESET`, when there was one. */
  readonly code?: string
}
/** @example NetworkError({ method: 'GET', path: '/api/v2/cases', code: 'ECONNRESET' }) */
export const NetworkError = (e: Fields<NetworkError>): NetworkError => {
  const path = redactPath(e.path)
  return make({
    _tag: 'NetworkError',
    method: e.method,
    path,
    ...opt('code', e.code),
    message: `${e.method} ${path} failed before a response${e.code === undefined ? '' : ` (${e.code})`}`,
  })
}
export const isNetworkError = is<NetworkError>('NetworkError')

/** One attempt took longer than `timeoutMs`. */
export interface TimeoutError extends Base<'TimeoutError'> {
  readonly method: Method
  readonly path: string
  readonly timeoutMs: number
}
/** @example TimeoutError({ method: 'GET', path: '/api/v2/cases', timeoutMs: 30000 }) */
export const TimeoutError = (e: Fields<TimeoutError>): TimeoutError => {
  const path = redactPath(e.path)
  return make({
    _tag: 'TimeoutError',
    method: e.method,
    path,
    timeoutMs: e.timeoutMs,
    message: `${e.method} ${path} timed out after ${e.timeoutMs} ms`,
  })
}
export const isTimeoutError = is<TimeoutError>('TimeoutError')

/** A response did not have the expected shape; `paths` name the failing fields only. */
export interface DecodeError extends Base<'DecodeError'> {
  /** The codec that refused the value, such as `PrimeroCase`. */
  readonly codec: string
  readonly paths: ReadonlyArray<string>
  /** The record's id, when the refused value is one record. */
  readonly id?: string
  readonly method?: Method
  readonly path?: string
}
/** @example DecodeError({ codec: 'PrimeroCase', paths: ['date_of_birth'], id: 'e1' }) */
export const DecodeError = (e: Fields<DecodeError>): DecodeError => {
  const path = e.path === undefined ? undefined : redactPath(e.path)
  const where = e.method !== undefined && path !== undefined ? ` from ${e.method} ${path}` : ''
  const id = e.id === undefined ? '' : ` (id ${e.id})`
  return make({
    _tag: 'DecodeError',
    codec: e.codec,
    paths: [...e.paths],
    ...opt('id', e.id),
    ...opt('method', e.method),
    ...opt('path', path),
    message: `${e.codec}${id}${where} failed to decode at: ${e.paths.join(', ') || '(root)'}`,
  })
}
export const isDecodeError = is<DecodeError>('DecodeError')

/** An upsert's match keys matched more than one case: nothing was written. */
export interface AmbiguousMatch extends Base<'AmbiguousMatch'> {
  /** The names of the match keys (their values are not kept). */
  readonly keys: ReadonlyArray<string>
  /** The record ids of the matching cases. */
  readonly ids: ReadonlyArray<string>
}
/** @example AmbiguousMatch({ keys: ['oscar_number'], ids: ['e1', 'e2'] }) */
export const AmbiguousMatch = (e: Fields<AmbiguousMatch>): AmbiguousMatch =>
  make({
    _tag: 'AmbiguousMatch',
    keys: [...e.keys],
    ids: [...e.ids],
    message: `${e.ids.length} cases match on ${e.keys.join(', ')}: ${e.ids.join(', ')}`,
  })
export const isAmbiguousMatch = is<AmbiguousMatch>('AmbiguousMatch')

/** Why a lookup by match keys could not be trusted. */
export type UncertainReason = 'digits' | 'unreadable' | 'unfiltered'

/**
 * A lookup by match keys could not tell whether a case matches: nothing was written.
 * `digits`: an all-digit value of a field that is not one of Primero's identifier fields
 * (`mosvy_number`) cannot be filtered (Primero reads it as a number) and no other key
 * narrows the search. `unreadable`: a found case does not show a key's field (the role
 * cannot read it). `unfiltered`: the server ignored the filter and answered more than one
 * page, which cannot be read reliably (the order of ties changes between requests).
 */
export interface UncertainMatch extends Base<'UncertainMatch'> {
  /** The names of the match keys (their values are not kept). */
  readonly keys: ReadonlyArray<string>
  readonly reason: UncertainReason
}
/** @example UncertainMatch({ keys: ['mosvy_number'], reason: 'digits' }) */
export const UncertainMatch = (e: Fields<UncertainMatch>): UncertainMatch => {
  const why: Record<UncertainReason, string> = {
    digits: 'an all-digit value of a non-identifier field cannot be filtered on Primero',
    unreadable: 'a found case does not show a key field (the role cannot read it)',
    unfiltered: 'the server ignored the filter and answered more than one page',
  }
  return make({
    _tag: 'UncertainMatch',
    keys: [...e.keys],
    reason: e.reason,
    message: `cannot tell which cases match on ${e.keys.join(', ')}: ${why[e.reason]}; nothing written`,
  })
}
export const isUncertainMatch = is<UncertainMatch>('UncertainMatch')

/**
 * `pages()` met more than 1000 cases updated in one second and created in one second:
 * Primero cannot page them reliably (no tie-breaker), so the read stops here rather
 * than lose some silently. Only instants are named.
 */
export interface DenseWindow extends Base<'DenseWindow'> {
  /** The `last_updated_at` second (ISO). */
  readonly updatedAt: string
  /** The `created_at` second (ISO). */
  readonly createdAt: string
}
/** @example DenseWindow({ updatedAt: '2025-08-01T00:00:04.000Z', createdAt: '2025-07-01T00:00:00.000Z' }) */
export const DenseWindow = (e: Fields<DenseWindow>): DenseWindow =>
  make({
    _tag: 'DenseWindow',
    updatedAt: e.updatedAt,
    createdAt: e.createdAt,
    message: `more than 1000 cases were updated in the second ${e.updatedAt} and created in the second ${e.createdAt}: they cannot be paged reliably; the read stopped`,
  })
export const isDenseWindow = is<DenseWindow>('DenseWindow')

/** 404, or a referral that the case does not have. */
export interface NotFound extends Base<'NotFound'> {
  readonly method: Method
  readonly path: string
}
/** @example NotFound({ method: 'GET', path: '/api/v2/cases/e1' }) */
export const NotFound = (e: Fields<NotFound>): NotFound => {
  const path = redactPath(e.path)
  return make({
    _tag: 'NotFound',
    method: e.method,
    path,
    message: `${e.method} ${path}: not found`,
  })
}
export const isNotFound = is<NotFound>('NotFound')

/** Primero answered 200 to a referral transition it did not make (an illegal move). */
export interface TransitionRejected extends Base<'TransitionRejected'> {
  readonly caseId: string
  readonly referralId: string
  readonly from: string
  readonly to: string
}
/** @example TransitionRejected({ caseId: 'e1', referralId: 'r1', from: 'rejected', to: 'accepted' }) */
export const TransitionRejected = (e: Fields<TransitionRejected>): TransitionRejected =>
  make({
    _tag: 'TransitionRejected',
    caseId: e.caseId,
    referralId: e.referralId,
    from: e.from,
    to: e.to,
    message: `referral ${e.referralId} of case ${e.caseId} stayed ${e.from}: ${e.from} → ${e.to} is not allowed`,
  })
export const isTransitionRejected = is<TransitionRejected>('TransitionRejected')

/** Every error the client returns. Match on `_tag`. */
export type PrimeroError =
  | AuthError
  | HttpError
  | NetworkError
  | TimeoutError
  | DecodeError
  | AmbiguousMatch
  | UncertainMatch
  | DenseWindow
  | NotFound
  | TransitionRejected

const tags: ReadonlySet<string> = new Set<PrimeroError['_tag']>([
  'AuthError',
  'HttpError',
  'NetworkError',
  'TimeoutError',
  'DecodeError',
  'AmbiguousMatch',
  'UncertainMatch',
  'DenseWindow',
  'NotFound',
  'TransitionRejected',
])

/** Whether `u` is one of the client's errors. */
export const isPrimeroError = (u: unknown): u is PrimeroError =>
  typeof u === 'object' && u !== null && tags.has(String((u as { readonly _tag?: unknown })._tag))

/** Whether `u` is Primero's refusal of a referral for want of consent (`detail: "consent"`). */
export const isConsentRefused = (u: unknown): u is HttpError =>
  isHttpError(u) && u.reason === 'consent'
