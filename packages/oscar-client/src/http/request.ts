import type {
  Body,
  Exchange,
  PauseGate,
  RecordSink,
  RetryRuntime,
  Step,
} from '@primero-interop/http'
import {
  isOverloadStatus,
  isRetryableStatus,
  retryAfterMs,
  systemRuntime,
  withRetries,
} from '@primero-interop/http'
import * as E from 'fp-ts/lib/Either.js'

import type { OscarError } from '../errors.js'
import { AuthError, NetworkError, OutcomeUnknown, TimeoutError } from '../errors.js'
import type { ClientConfig } from '../options.js'
import { errorOfAnswer } from './answers.js'
import type { Sessions } from './session.js'
import type { Transport, Wire } from './wire.js'
import { redactPath } from './wire.js'

/**
 * `idempotent`: safe to resend (GET, the two PUTs): retried on network errors, timeouts
 * and the shared core's retryable statuses (408, 429, 500, 502, 503, 504). `once`: must not reach the server twice (the upsert): retried only when the
 * request provably never left; a timeout or a connection lost after sending is
 * `OutcomeUnknown`.
 */
export type SendMode = 'idempotent' | 'once'

export interface Call<S extends RecordSink = RecordSink> extends Wire<S> {
  readonly mode: SendMode
}

/** A 2xx answer (`S`: the sink a streamed body's records went to, `Wire.records`). */
export interface Answer<S = unknown> {
  readonly status: number
  readonly contentType: string | null
  readonly body: Body<S>
}

interface Verdict<S> {
  readonly result: E.Either<OscarError, Answer<S>>
  /** Why resending may help, when it may. */
  readonly retryReason?: string
  readonly retryAfterMs?: number
  /** The server is overloaded: the whole client waits out the retry's delay. */
  readonly pause?: boolean
}

const judge = <S extends RecordSink>(
  call: Call<S>,
  exchange: Exchange<S>,
  config: ClientConfig,
): Verdict<S> => {
  const where = { method: call.method, path: redactPath(call) }
  const once = call.mode === 'once'
  if (exchange.kind === 'failure') {
    const { failure, code } = exchange
    if (once && failure !== 'connect')
      return {
        result: E.left(
          new OutcomeUnknown({
            ...where,
            reason: failure === 'timeout' ? 'timeout' : 'connection-lost',
          }),
        ),
      }
    const error =
      failure === 'timeout'
        ? new TimeoutError({ ...where, timeoutMs: config.timeoutMs })
        : new NetworkError({ ...where, phase: failure, ...(code === undefined ? {} : { code }) })
    return { result: E.left(error), retryReason: code ?? failure }
  }
  const { status, contentType, body, headers } = exchange
  if (status >= 200 && status <= 299) return { result: E.right({ status, contentType, body }) }
  const result = E.left(errorOfAnswer(where, status, contentType, body))
  if (once || !isRetryableStatus(status)) return { result }
  const after = retryAfterMs(headers)
  return {
    result,
    retryReason: `status-${status}`,
    pause: isOverloadStatus(status),
    ...(after === undefined ? {} : { retryAfterMs: after }),
  }
}

/**
 * Sends `call` with the session's headers: signs in first if needed, signs in again once
 * on a 401 (a 401 right after a fresh sign-in is an `AuthError`), and retries what `mode`
 * allows with the shared core's policy. Logs every attempt without bodies or headers.
 * `gate`: the client's pause gate (an overloaded answer being retried pauses every
 * request for its wait); `runtime`: injected in tests.
 */
export const createRequester =
  (
    config: ClientConfig,
    send: Transport,
    sessions: Sessions,
    gate?: PauseGate,
    runtime: RetryRuntime = systemRuntime,
  ) =>
  async <S extends RecordSink = RecordSink>(
    call: Call<S>,
  ): Promise<E.Either<OscarError, Answer<S>>> => {
    const { logger, retry } = config
    const path = redactPath(call)
    let signedInAgain = false
    /** Whether the result is an answer's or a failure's (not the session's refusal). */
    let judged = false
    const done = (
      result: E.Either<OscarError, Answer<S>>,
    ): Step<E.Either<OscarError, Answer<S>>> => ({
      kind: 'done',
      result,
    })
    const { result, sent } = await withRetries<E.Either<OscarError, Answer<S>>>(
      retry,
      async ({ sent: attempt }) => {
        judged = false
        const lease = await sessions.get()
        if (E.isLeft(lease)) return done(lease)
        const exchange = await send({
          ...call,
          headers: { ...call.headers, ...lease.right.session.headers },
        })
        logger.debug('oscar.attempt', {
          method: call.method,
          path,
          attempt,
          durationMs: exchange.durationMs,
          ...(exchange.kind === 'response'
            ? { status: exchange.status }
            : { failure: exchange.failure, code: exchange.code }),
        })
        if (exchange.kind === 'response' && exchange.status === 401) {
          // A 401 means the request was refused before it was acted on: resending is safe.
          if (lease.right.fresh || signedInAgain) {
            logger.warn('oscar.unauthorized', { method: call.method, path, attempt })
            return done(
              E.left(
                new AuthError({ method: call.method, path, reason: 'unauthorized', status: 401 }),
              ),
            )
          }
          sessions.invalidate(lease.right.session)
          signedInAgain = true
          return { kind: 'again' }
        }
        const verdict = judge(call, exchange, config)
        judged = true
        if (verdict.retryReason === undefined) return done(verdict.result)
        return {
          kind: 'retryable',
          result: verdict.result,
          reason: verdict.retryReason,
          pause: verdict.pause === true,
          ...(verdict.retryAfterMs === undefined ? {} : { retryAfterMs: verdict.retryAfterMs }),
        }
      },
      ({ sent: attempt }, reason, delayMs) =>
        logger.info('oscar.retry', { method: call.method, path, attempt, reason, delayMs }),
      runtime,
      gate,
    )
    if (!judged) return result
    if (E.isLeft(result))
      logger.warn('oscar.request_failed', {
        method: call.method,
        path,
        attempt: sent,
        error: result.left._tag,
        status: 'status' in result.left ? result.left.status : undefined,
      })
    else
      logger.debug('oscar.request', {
        method: call.method,
        path,
        attempt: sent,
        status: result.right.status,
      })
    return result
  }

export type Requester = ReturnType<typeof createRequester>
