/**
 * Authentication. A refused password never costs more than one attempt per client: six
 * failures lock the account for everyone. So the first 401 to given credentials latches
 * (every later call fails fast with that same `AuthError`, sending nothing), and until one
 * request has been accepted with them, only ONE request is in flight (the others wait).
 *
 * Basic sends the credentials on every request (every Primero 2.x). Token mode
 * (`tokenAuth.ts`) logs in at `POST /api/v2/tokens` and works with both generations: a JWT
 * (2.0–2.10) or a cookie session with a CSRF token (2.11+).
 */
import * as E from 'fp-ts/lib/Either.js'

import type { PrimeroError } from './errors.js'
import { AuthError } from './errors.js'
import type { Attempt, AttemptResult } from './http.js'
import type { ClientConfig } from './options.js'
import { tokenAuth } from './tokenAuth.js'

/** What to do after an attempt, as authentication sees it. */
export type Verdict =
  /** Carry on: the transport handles the result. */
  | { readonly kind: 'ok' }
  /** The credentials were renewed (a new login, a new CSRF token): send once more. */
  | { readonly kind: 'again'; readonly because: 'login' | 'csrf' }
  | { readonly kind: 'refused'; readonly error: AuthError }

/** Leave to use the credentials for one attempt; `settle` must be called with its result. */
export interface Grant {
  readonly headers: Readonly<Record<string, string>>
  readonly settle: (
    result: AttemptResult,
    site: { readonly method: string; readonly path: string },
  ) => Verdict
}

export interface Authenticator {
  /** Credentials for the next attempt; waits while an unproven first request is in flight. */
  readonly grant: () => Promise<E.Either<PrimeroError, Grant>>
}

const ok: Verdict = { kind: 'ok' }

/** Whether a 401's body says the account is locked (Devise: "Your account is locked."). */
export const saysLocked = (body: unknown): boolean => {
  const error =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined
  return typeof error === 'string' && /\blocked\b/i.test(error)
}

/** A one-at-a-time gate until the credentials have been accepted once. */
export const proofGate = () => {
  let proven = false
  let probe: Promise<void> | undefined
  return {
    /** Resolves with a `done` to call after the attempt (`accepted` when auth passed). */
    enter: async (): Promise<(accepted: boolean) => void> => {
      while (!proven && probe !== undefined) await probe
      if (proven) return () => undefined
      let release: () => void = () => undefined
      probe = new Promise<void>((resolve) => {
        release = resolve
      })
      return (accepted) => {
        if (accepted) proven = true
        probe = undefined
        release()
      }
    },
  }
}

/** Authentication passed for this answer (anything but a 401, a 429 or a server failure). */
export const accepted = (result: AttemptResult): boolean =>
  result.kind === 'response' &&
  result.status !== 401 &&
  result.status !== 429 &&
  result.status < 500

const basic = (username: string, password: string): Authenticator => {
  const value = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
  const gate = proofGate()
  let refused: AuthError | undefined
  return {
    grant: async () => {
      if (refused !== undefined) return E.left(refused)
      const done = await gate.enter()
      if (refused !== undefined) {
        done(false)
        return E.left(refused)
      }
      return E.right({
        headers: { authorization: value },
        settle: (result, site) => {
          done(accepted(result))
          if (result.kind !== 'response' || result.status !== 401) return ok
          refused ??= AuthError({
            reason: saysLocked(result.body) ? 'locked' : 'unauthorized',
            status: 401,
            method: site.method,
            path: site.path,
          })
          return { kind: 'refused', error: refused }
        },
      })
    },
  }
}

export const authenticator = (config: ClientConfig, attempt: Attempt): Authenticator =>
  config.auth.mode === 'token'
    ? tokenAuth(config, attempt)
    : basic(config.auth.username, config.auth.password)
