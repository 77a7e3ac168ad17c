import * as E from 'fp-ts/lib/Either.js'

import type { OscarError } from '../errors.js'
import { AuthError, NetworkError, TimeoutError } from '../errors.js'
import type { ClientConfig } from '../options.js'
import { errorOfAnswer } from './answers.js'
import type { Transport, Wire } from './wire.js'
import { redactPath } from './wire.js'

/** A devise-token-auth session: the three headers every request sends, and its expiry. */
export interface Session {
  readonly headers: Readonly<Record<'access-token' | 'client' | 'uid', string>>
  readonly expiresAtMs: number
}

/** A session, and whether it was obtained while the caller waited (a fresh sign-in). */
export interface SessionLease {
  readonly session: Session
  readonly fresh: boolean
}

/** Sign in again this long before `expiry`. */
export const RENEW_BEFORE_EXPIRY_MS = 60_000

const SIGN_IN: Wire = { method: 'POST', path: 'api/v1/admin_auth/sign_in' }

const sessionOf = (headers: Headers): Session | undefined => {
  const accessToken = headers.get('access-token')
  const client = headers.get('client')
  const uid = headers.get('uid')
  if (!accessToken || !client || !uid) return undefined
  const expiry = Number(headers.get('expiry'))
  return {
    headers: { 'access-token': accessToken, client, uid },
    expiresAtMs: Number.isFinite(expiry) && expiry > 0 ? expiry * 1000 : Number.POSITIVE_INFINITY,
  }
}

/**
 * One session per client: signed in lazily, shared by concurrent requests (one sign-in in
 * flight at a time), renewed near `expiry` or after a 401. A sign-in is never retried, and
 * a refused one (401) is final for the client's lifetime: resending the same credentials
 * cannot succeed and may lock the account.
 */
export const createSessions = (
  config: ClientConfig,
  send: Transport,
  now: () => number = Date.now,
) => {
  let current: Session | undefined
  let inFlight: Promise<E.Either<OscarError, Session>> | undefined
  let refused: AuthError | undefined
  const where = { method: SIGN_IN.method, path: redactPath(SIGN_IN) }

  const signIn = async (): Promise<E.Either<OscarError, Session>> => {
    const exchange = await send({
      ...SIGN_IN,
      json: { email: config.auth.email, password: config.auth.password },
    })
    if (exchange.kind === 'failure') {
      config.logger.warn('oscar.sign_in_failed', { failure: exchange.failure, code: exchange.code })
      return E.left(
        exchange.failure === 'timeout'
          ? new TimeoutError({ ...where, timeoutMs: config.timeoutMs })
          : new NetworkError({
              ...where,
              phase: exchange.failure,
              ...(exchange.code === undefined ? {} : { code: exchange.code }),
            }),
      )
    }
    const { status, durationMs } = exchange
    config.logger.info('oscar.sign_in', { status, durationMs })
    if (status === 401) {
      refused = new AuthError({ ...where, reason: 'invalid-credentials', status })
      return E.left(refused)
    }
    if (status < 200 || status > 299)
      return E.left(errorOfAnswer(where, status, exchange.contentType, exchange.body))
    const session = sessionOf(exchange.headers)
    return session === undefined
      ? E.left(new AuthError({ ...where, reason: 'missing-session-headers', status }))
      : E.right(session)
  }

  const get = async (): Promise<E.Either<OscarError, SessionLease>> => {
    if (refused !== undefined) return E.left(refused)
    if (current !== undefined && current.expiresAtMs - now() > RENEW_BEFORE_EXPIRY_MS)
      return E.right({ session: current, fresh: false })
    if (inFlight === undefined) {
      current = undefined
      inFlight = signIn()
        .then((result) => {
          if (E.isRight(result)) current = result.right
          return result
        })
        .finally(() => {
          inFlight = undefined
        })
    }
    const result = await inFlight
    return E.map((session: Session) => ({ session, fresh: true }))(result)
  }

  /** Forgets `session` after a 401, unless another request already replaced it. */
  const invalidate = (session: Session): void => {
    if (current === session) current = undefined
  }

  /** Ends the session server-side (`DELETE …/sign_out`); the next request signs in again. */
  const signOut = async (): Promise<void> => {
    const session = current
    current = undefined
    if (session === undefined) return
    const exchange = await send({
      method: 'DELETE',
      path: 'api/v1/admin_auth/sign_out',
      headers: session.headers,
    })
    config.logger.info('oscar.sign_out', {
      status: exchange.kind === 'response' ? exchange.status : null,
    })
  }

  return { get, invalidate, signOut }
}

export type Sessions = ReturnType<typeof createSessions>
