/**
 * Token mode: log in once at `POST /api/v2/tokens` (shared by concurrent requests), and
 * work with what the server answers. Primero 2.0–2.10 answers a JWT: sent as a Bearer,
 * refreshed within 5 minutes of expiry. Primero 2.11+ answers the user and no token: a
 * cookie session (`_app_session`) whose writes need the `CSRF-TOKEN` cookie's value in
 * `X-CSRF-Token` (`CsrfProtection#set_csrf_cookie`); the server sets that cookie on every
 * answer, refuses a stale one with 403 before doing anything, and resets it at login. So a
 * 403 that brings a new CSRF cookie is sent once more with it; the login itself is sent
 * again once when its first attempt only fetched the CSRF cookie. A 401 (the token or the
 * session expired, or another login ended it) logs in again, once per request. A refused
 * login (401) is never tried again: six failures lock the account.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

import type { Authenticator, Grant, Verdict } from './auth.js'
import { saysLocked } from './auth.js'
import { errorOf, isSuccess } from './classify.js'
import type { PrimeroError } from './errors.js'
import { AuthError, DecodeError } from './errors.js'
import type { Attempt, AttemptResult } from './http.js'
import type { ClientConfig } from './options.js'

const tokensPath = '/api/v2/tokens'
const csrfCookie = 'CSRF-TOKEN'

/** The login answer of Primero 2.0–2.10. */
const TokenResponse = t.type({ token: t.string }, 'TokenResponse')
/** The login answer of Primero 2.11+: the user, no token. */
const UserResponse = t.type({ user_name: t.string }, 'UserResponse')

/** The `exp` claim (seconds) of a JWT, read without verifying it: only to plan a refresh. */
const expiryOf = (token: string): number | undefined => {
  const payload = token.split('.')[1]
  if (payload === undefined) return undefined
  try {
    const exp = (
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }
    ).exp
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined
  } catch {
    return undefined
  }
}

type Session =
  | {
      readonly kind: 'jwt'
      readonly header: string
      readonly refreshAt: number
      readonly expiresAt: number
    }
  | { readonly kind: 'cookie' }

/** Primero's documented token lifetime, used when a token does not say. */
const defaultTtlMs = 60 * 60 * 1000

const setCookies = (result: AttemptResult): ReadonlyArray<string> =>
  result.kind === 'response' && typeof result.headers.getSetCookie === 'function'
    ? result.headers.getSetCookie()
    : []

export const tokenAuth = (config: ClientConfig, attempt: Attempt): Authenticator => {
  const { username, password } = config.auth
  const now = (): number => config.clock().getTime()
  const jar = new Map<string, string>()
  let session: Session | undefined
  let refused: AuthError | undefined
  let pending: Promise<E.Either<PrimeroError, Session>> | undefined

  const absorb = (result: AttemptResult): void => {
    for (const line of setCookies(result)) {
      const pair = line.split(';')[0] ?? ''
      const at = pair.indexOf('=')
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
    }
  }
  const cookieHeaders = (): Record<string, string> => {
    if (jar.size === 0) return {}
    const csrf = jar.get(csrfCookie)
    return {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(csrf === undefined ? {} : { 'x-csrf-token': decodeURIComponent(csrf) }),
    }
  }

  const sessionOf = (result: AttemptResult, issuedAt: number): E.Either<PrimeroError, Session> => {
    const body = result.kind === 'response' ? result.body : undefined
    const fromHeader =
      result.kind === 'response'
        ? /^Bearer (\S+)$/.exec(result.headers.get('authorization') ?? '')
        : null
    const value = TokenResponse.is(body) ? body.token : fromHeader?.[1]
    if (value === undefined) {
      return UserResponse.is(body) && jar.size > 0
        ? E.right({ kind: 'cookie' })
        : E.left(
            DecodeError({
              codec: 'TokenResponse',
              paths: ['token'],
              method: 'POST',
              path: tokensPath,
            }),
          )
    }
    const expiresAt = expiryOf(value) ?? issuedAt + defaultTtlMs
    const margin = Math.min(5 * 60 * 1000, Math.max(0, expiresAt - issuedAt) / 4)
    return E.right({
      kind: 'jwt',
      header: `Bearer ${value}`,
      refreshAt: expiresAt - margin,
      expiresAt,
    })
  }

  const call = async (
    event: string,
    spec: Parameters<Attempt>[0],
  ): Promise<{ readonly result: AttemptResult; readonly issuedAt: number }> => {
    const issuedAt = now()
    const started = Date.now()
    const result = await attempt(spec)
    absorb(result)
    config.logger.info(event, {
      method: 'POST',
      path: tokensPath,
      status: result.kind === 'response' ? result.status : result.kind,
      durationMs: Date.now() - started,
    })
    return { result, issuedAt }
  }

  const login = async (): Promise<E.Either<PrimeroError, Session>> => {
    const send = () =>
      call('primero.login', {
        method: 'POST',
        path: tokensPath,
        json: { user: { user_name: username, password } },
        headers: cookieHeaders(),
      })
    const csrfBefore = jar.get(csrfCookie)
    let { result, issuedAt } = await send()
    // 2.11: the first POST only fetched the CSRF cookie (403, the password never checked).
    if (result.kind === 'response' && result.status === 403 && jar.get(csrfCookie) !== csrfBefore) {
      ;({ result, issuedAt } = await send())
    }
    if (result.kind === 'response' && (result.status === 401 || result.status === 429)) {
      const locked = result.status === 401 && saysLocked(result.body)
      const reason = result.status === 429 ? 'rate-limited' : locked ? 'locked' : 'login-failed'
      const error = AuthError({ reason, status: result.status, method: 'POST', path: tokensPath })
      if (result.status === 401) refused = error
      return E.left(error)
    }
    if (!isSuccess(result)) return E.left(errorOf('POST', tokensPath, result, config.timeoutMs))
    return E.map((s: Session) => {
      session = s
      return s
    })(sessionOf(result, issuedAt))
  }

  const refresh = async (
    current: Extract<Session, { kind: 'jwt' }>,
  ): Promise<E.Either<PrimeroError, Session>> => {
    const { result, issuedAt } = await call('primero.token.refresh', {
      method: 'POST',
      path: tokensPath,
      authorization: current.header,
    })
    const next = isSuccess(result) ? sessionOf(result, issuedAt) : undefined
    if (next !== undefined && E.isRight(next) && next.right.kind === 'jwt') {
      session = next.right
      return next
    }
    // A refused refresh means the token is gone: log in. Otherwise keep the valid token.
    if (result.kind === 'response' && result.status === 401) {
      session = undefined
      return login()
    }
    return now() < current.expiresAt ? E.right(current) : login()
  }

  const once = (task: () => Promise<E.Either<PrimeroError, Session>>) => {
    pending ??= task().finally(() => {
      pending = undefined
    })
    return pending
  }

  const current = (): Promise<E.Either<PrimeroError, Session>> => {
    if (pending !== undefined) return pending
    const s = session
    if (s?.kind === 'cookie') return Promise.resolve(E.right(s))
    if (s !== undefined && now() < s.refreshAt) return Promise.resolve(E.right(s))
    if (s !== undefined && now() < s.expiresAt) return once(() => refresh(s))
    return once(login)
  }

  const grantFor = (used: Session): Grant => {
    const headers = used.kind === 'jwt' ? { authorization: used.header } : cookieHeaders()
    return {
      headers,
      settle: (result): Verdict => {
        absorb(result)
        if (result.kind !== 'response') return { kind: 'ok' }
        if (result.status === 401) {
          if (refused !== undefined) return { kind: 'refused', error: refused }
          if (session === used) session = undefined
          return { kind: 'again', because: 'login' }
        }
        const csrf = jar.get(csrfCookie)
        if (
          result.status === 403 &&
          used.kind === 'cookie' &&
          csrf !== undefined &&
          decodeURIComponent(csrf) !== headers['x-csrf-token']
        ) {
          return { kind: 'again', because: 'csrf' }
        }
        return { kind: 'ok' }
      },
    }
  }

  return {
    grant: async () => {
      if (refused !== undefined) return E.left(refused)
      return E.map(grantFor)(await current())
    },
  }
}
