/**
 * Authentication. Basic sends the credentials on every request. Token mode logs in once
 * (`POST /api/v2/tokens`), shares that one login between concurrent requests, refreshes
 * before expiry, logs in again once after a 401, and never retries a refused login: six
 * failures lock the account, so after a 401 or a lockout it refuses to log in again.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

import { errorOf, isSuccess } from './classify.js'
import type { PrimeroError } from './errors.js'
import { AuthError, DecodeError } from './errors.js'
import type { Attempt, AttemptResult } from './http.js'
import type { ClientConfig } from './options.js'

export interface Authenticator {
  /** The `Authorization` header for the next attempt, logging in first when needed. */
  readonly header: () => Promise<E.Either<PrimeroError, string>>
  /** A request sent with `used` got a 401: whether a fresh login is worth one more try. */
  readonly unauthorized: (used: string) => boolean
}

const tokensPath = '/api/v2/tokens'

const basic = (username: string, password: string): Authenticator => {
  const value = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
  return { header: () => Promise.resolve(E.right(value)), unauthorized: () => false }
}

/** The login answer of Primero 2.0–2.10; 2.11+ answers without a token (use Basic there). */
const TokenResponse = t.type({ token: t.string }, 'TokenResponse')

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

interface Session {
  readonly header: string
  readonly refreshAt: number
  readonly expiresAt: number
}

/** Primero's documented token lifetime, used when a token does not say. */
const defaultTtlMs = 60 * 60 * 1000

const token = (config: ClientConfig, attempt: Attempt): Authenticator => {
  const { username, password } = config.auth
  const now = (): number => config.clock().getTime()
  let session: Session | undefined
  let refused: AuthError | undefined
  let pending: Promise<E.Either<PrimeroError, string>> | undefined

  const sessionOf = (result: AttemptResult, issuedAt: number): E.Either<PrimeroError, Session> => {
    const body = result.kind === 'response' ? result.body : undefined
    const fromHeader =
      result.kind === 'response'
        ? /^Bearer (\S+)$/.exec(result.headers.get('authorization') ?? '')
        : null
    const value = TokenResponse.is(body) ? body.token : fromHeader?.[1]
    if (value === undefined) {
      return E.left(
        DecodeError({ codec: 'TokenResponse', paths: ['token'], method: 'POST', path: tokensPath }),
      )
    }
    const expiresAt = expiryOf(value) ?? issuedAt + defaultTtlMs
    const margin = Math.min(5 * 60 * 1000, Math.max(0, expiresAt - issuedAt) / 4)
    return E.right({ header: `Bearer ${value}`, refreshAt: expiresAt - margin, expiresAt })
  }

  const call = async (
    event: string,
    spec: Parameters<Attempt>[0],
  ): Promise<{ readonly result: AttemptResult; readonly issuedAt: number }> => {
    const issuedAt = now()
    const started = Date.now()
    const result = await attempt(spec)
    config.logger.info(event, {
      method: 'POST',
      path: tokensPath,
      status: result.kind === 'response' ? result.status : result.kind,
      durationMs: Date.now() - started,
    })
    return { result, issuedAt }
  }

  const login = async (): Promise<E.Either<PrimeroError, string>> => {
    const { result, issuedAt } = await call('primero.login', {
      method: 'POST',
      path: tokensPath,
      json: { user: { user_name: username, password } },
    })
    if (result.kind === 'response' && (result.status === 401 || result.status === 429)) {
      const locked = result.status === 401 && /lock/i.test(JSON.stringify(result.body ?? ''))
      const reason = result.status === 429 ? 'rate_limited' : locked ? 'locked' : 'login_failed'
      const error = AuthError({ reason, status: result.status, method: 'POST', path: tokensPath })
      if (result.status === 401) refused = error
      return E.left(error)
    }
    if (!isSuccess(result)) return E.left(errorOf('POST', tokensPath, result, config.timeoutMs))
    return E.map((s: Session) => {
      session = s
      return s.header
    })(sessionOf(result, issuedAt))
  }

  const refresh = async (current: Session): Promise<E.Either<PrimeroError, string>> => {
    const { result, issuedAt } = await call('primero.token.refresh', {
      method: 'POST',
      path: tokensPath,
      authorization: current.header,
    })
    const next = isSuccess(result) ? sessionOf(result, issuedAt) : undefined
    if (next !== undefined && E.isRight(next)) {
      session = next.right
      return E.right(next.right.header)
    }
    // A refused refresh means the token is gone: log in. Otherwise keep the valid token.
    if (result.kind === 'response' && result.status === 401) {
      session = undefined
      return login()
    }
    return now() < current.expiresAt ? E.right(current.header) : login()
  }

  const once = (task: () => Promise<E.Either<PrimeroError, string>>) => {
    pending ??= task().finally(() => {
      pending = undefined
    })
    return pending
  }

  return {
    header: () => {
      if (refused !== undefined) return Promise.resolve(E.left(refused))
      const current = session
      if (current !== undefined && now() < current.refreshAt) {
        return Promise.resolve(E.right(current.header))
      }
      if (current !== undefined && now() < current.expiresAt) return once(() => refresh(current))
      return once(login)
    },
    unauthorized: (used) => {
      if (refused !== undefined) return false
      if (session?.header === used) session = undefined
      return true
    },
  }
}

export const authenticator = (config: ClientConfig, attempt: Attempt): Authenticator =>
  config.auth.mode === 'token'
    ? token(config, attempt)
    : basic(config.auth.username, config.auth.password)
