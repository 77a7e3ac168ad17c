/**
 * One API call: authentication, attempts, retries (the shared core's policy and loop), and
 * the mapping of what went wrong to the client's errors. Every attempt is logged with its method, redacted
 * path, status, attempt number and duration.
 */
import type { PauseGate, RetryRuntime, Step } from '@primero-interop/http'
import {
  isOverloadStatus,
  isRetryableStatus,
  retryAfterMs,
  systemRuntime,
  withRetries,
} from '@primero-interop/http'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import type { Authenticator } from './auth.js'
import { errorOf } from './classify.js'
import type { PrimeroError } from './errors.js'
import { HttpError } from './errors.js'
import type { Attempt, AttemptResult, HttpMethod } from './http.js'
import { pathOf } from './http.js'
import type { ClientConfig } from './options.js'
import { redactPath } from './redact.js'

/** One call to the API. */
export interface ApiRequest {
  readonly method: HttpMethod
  readonly path: string
  readonly query?: URLSearchParams
  readonly json?: unknown
  /**
   * Safe to send twice. GET and PATCH always are; a POST is only when it carries a
   * client-chosen id (a repeat then answers 409 instead of creating a second record).
   */
  readonly idempotent?: boolean
  /** Non-2xx statuses to hand back as responses rather than errors. */
  readonly accept?: ReadonlyArray<number>
  /** Sent at most once, whatever the method: the caller decides what to do on a failure. */
  readonly once?: boolean
}

export interface ApiResponse {
  readonly status: number
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown
  /** The number of attempts made (1 when the first one answered). */
  readonly attempts: number
}

export type Send = (request: ApiRequest) => TE.TaskEither<PrimeroError, ApiResponse>

const retryable = (result: AttemptResult): boolean =>
  result.kind !== 'response' || isRetryableStatus(result.status)

const statusOf = (result: AttemptResult): string | number =>
  result.kind === 'response' ? result.status : result.kind

type Result = E.Either<PrimeroError, ApiResponse>

/**
 * The client's call function. `gate`: the client's pause gate (an overloaded answer being
 * retried pauses every request for its wait); `runtime`: injected in tests.
 */
export const createSend =
  (
    config: ClientConfig,
    auth: Authenticator,
    attempt: Attempt,
    gate?: PauseGate,
    runtime: RetryRuntime = systemRuntime,
  ): Send =>
  (request) =>
  async (): Promise<Result> => {
    const { method } = request
    const fullPath = pathOf(request)
    const logPath = redactPath(fullPath)
    const mayRetry =
      request.once !== true &&
      (method === 'GET' || method === 'PATCH' || request.idempotent === true)
    const again = { login: false, csrf: false }
    /** The last attempt's result, when the error returned is the mapping of it. */
    let failed: AttemptResult | undefined
    const done = (result: Result): Step<Result> => ({ kind: 'done', result })
    const outcome = await withRetries<Result>(
      config.retry,
      async ({ retries }) => {
        const attempts = retries + 1
        failed = undefined
        const grant = await auth.grant()
        if (E.isLeft(grant)) return done(grant)
        const started = Date.now()
        const result = await attempt({
          method,
          path: request.path,
          ...(request.query === undefined ? {} : { query: request.query }),
          ...(request.json === undefined ? {} : { json: request.json }),
          headers: grant.right.headers,
        })
        const verdict = grant.right.settle(result, { method, path: fullPath })
        config.logger.debug('primero.request', {
          method,
          path: logPath,
          status: statusOf(result),
          attempt: attempts,
          durationMs: Date.now() - started,
        })
        if (verdict.kind === 'refused') return done(E.left(verdict.error))
        // Renewed credentials (a new login, a new CSRF token): once each per request.
        if (verdict.kind === 'again' && !again[verdict.because]) {
          again[verdict.because] = true
          return { kind: 'again' }
        }
        if (result.kind === 'response') {
          const ok =
            (result.status >= 200 && result.status < 300) || request.accept?.includes(result.status)
          if (ok && result.nonJsonContentType === undefined) {
            return done(E.right({ status: result.status, body: result.body, attempts }))
          }
          if (ok) {
            const contentType = result.nonJsonContentType ?? ''
            return done(
              E.left(
                HttpError({
                  status: result.status,
                  method,
                  path: fullPath,
                  fields: [],
                  contentType,
                }),
              ),
            )
          }
        }
        failed = result
        const error = E.left(errorOf(method, fullPath, result, config.timeoutMs))
        if (!mayRetry || !retryable(result)) return done(error)
        const after = result.kind === 'response' ? retryAfterMs(result.headers) : undefined
        return {
          kind: 'retryable',
          result: error,
          reason: String(statusOf(result)),
          pause: result.kind === 'response' && isOverloadStatus(result.status),
          ...(after === undefined ? {} : { retryAfterMs: after }),
        }
      },
      ({ retries }, reason, delayMs) =>
        config.logger.warn('primero.request.retry', {
          method,
          path: logPath,
          status: /^\d+$/.test(reason) ? Number(reason) : reason,
          attempt: retries,
          delayMs,
        }),
      runtime,
      gate,
    )
    if (failed !== undefined && (failed.kind !== 'response' || failed.status >= 500)) {
      config.logger.warn('primero.request.failed', {
        method,
        path: logPath,
        status: statusOf(failed),
        attempts: outcome.retries + 1,
      })
    }
    return outcome.result
  }

/** What the resource modules share: the call function and the validated options. */
export interface ApiContext {
  readonly send: Send
  readonly config: ClientConfig
}
