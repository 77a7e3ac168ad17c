import * as E from 'fp-ts/lib/Either.js'

import type { OscarError } from '../errors.js'
import { AuthError, NetworkError, OutcomeUnknown, TimeoutError } from '../errors.js'
import type { ClientConfig } from '../options.js'
import { errorOfAnswer } from './answers.js'
import { backoffMs, retryAfterMs, sleep } from './retry.js'
import type { Sessions } from './session.js'
import type { Body, Exchange, Transport, Wire } from './transport.js'
import { redactPath } from './transport.js'

/**
 * `idempotent`: safe to resend (GET, the two PUTs): retried on network errors, timeouts,
 * 5xx and 429. `once`: must not reach the server twice (the upsert): retried only when the
 * request provably never left; a timeout or a connection lost after sending is
 * `OutcomeUnknown`.
 */
export type SendMode = 'idempotent' | 'once'

export interface Call extends Wire {
  readonly mode: SendMode
}

/** A 2xx answer. */
export interface Answer {
  readonly status: number
  readonly contentType: string | null
  readonly body: Body
}

interface Verdict {
  readonly result: E.Either<OscarError, Answer>
  /** Why resending may help, when it may. */
  readonly retryReason?: string
  readonly retryAfterMs?: number
}

const judge = (call: Call, exchange: Exchange, config: ClientConfig): Verdict => {
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
  if (once || (status !== 429 && status < 500)) return { result }
  const after = retryAfterMs(headers)
  return {
    result,
    retryReason: `status-${status}`,
    ...(after === undefined ? {} : { retryAfterMs: after }),
  }
}

/**
 * Sends `call` with the session's headers: signs in first if needed, signs in again once
 * on a 401 (a 401 right after a fresh sign-in is an `AuthError`), and retries what `mode`
 * allows with jittered exponential backoff. Logs every attempt without bodies or headers.
 */
export const createRequester =
  (config: ClientConfig, send: Transport, sessions: Sessions) =>
  async (call: Call): Promise<E.Either<OscarError, Answer>> => {
    const { logger, retry } = config
    const path = redactPath(call)
    let retries = 0
    let signedInAgain = false
    for (let attempt = 1; ; attempt++) {
      const lease = await sessions.get()
      if (E.isLeft(lease)) return lease
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
          return E.left(
            new AuthError({ method: call.method, path, reason: 'unauthorized', status: 401 }),
          )
        }
        sessions.invalidate(lease.right.session)
        signedInAgain = true
        continue
      }
      const verdict = judge(call, exchange, config)
      if (verdict.retryReason !== undefined && retries < retry.limit) {
        retries++
        const delayMs = backoffMs(retry, retries, verdict.retryAfterMs)
        logger.info('oscar.retry', {
          method: call.method,
          path,
          attempt,
          reason: verdict.retryReason,
          delayMs,
        })
        await sleep(delayMs)
        continue
      }
      if (E.isLeft(verdict.result))
        logger.warn('oscar.request_failed', {
          method: call.method,
          path,
          attempt,
          error: verdict.result.left._tag,
          status: 'status' in verdict.result.left ? verdict.result.left.status : undefined,
        })
      else
        logger.debug('oscar.request', {
          method: call.method,
          path,
          attempt,
          status: verdict.result.right.status,
        })
      return verdict.result
    }
  }

export type Requester = ReturnType<typeof createRequester>
