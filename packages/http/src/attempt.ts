/**
 * One HTTP attempt through one ky instance: held by the client's pause gate (when given),
 * bounded by a semaphore (when given) and by `timeoutMs`, headers and body both, and turned
 * into a plain `Exchange`. Nothing is retried here; what may be sent again is `retry.ts`'s
 * business. A 429 or 503 with `Retry-After` pauses the whole gate, retried or not. A 2xx
 * JSON answer may be streamed record by record into a sink (`AttemptSpec.records`).
 */
import ky from 'ky'

import type { Body } from './body.js'
import { isJsonType, readBody, readText } from './body.js'
import type { PauseGate } from './pause.js'
import { errorCode } from './redaction.js'
import { retryAfterMs } from './retry.js'
import type { Semaphore } from './semaphore.js'
import type { RecordSink, StreamedRecords } from './streamBody.js'
import { CallerFault, streamRecords } from './streamBody.js'

/**
 * One attempt's outcome. Response headers stay inside the client; they never reach an error.
 * `S`: the sink a streamed body's records went to (`AttemptSpec.records`).
 */
export type Exchange<S = unknown> =
  | {
      readonly kind: 'response'
      readonly status: number
      /** The `content-type` header as sent (null when absent). */
      readonly contentType: string | null
      readonly headers: Headers
      readonly body: Body<S>
      readonly durationMs: number
    }
  | {
      readonly kind: 'failure'
      /**
       * `connect`: the request provably never left (refused, DNS, connect timeout, TLS).
       * `transfer`: the connection failed later; the server may have acted on it.
       * `timeout`: no complete answer in time; the server may have acted on it.
       */
      readonly failure: 'connect' | 'transfer' | 'timeout'
      readonly code?: string
      readonly durationMs: number
    }

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What one attempt sends: an absolute URL (query included). */
export interface AttemptSpec<S extends RecordSink = RecordSink> {
  readonly method: HttpMethod
  readonly url: string
  readonly json?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Stream a 2xx JSON answer: the elements of the array under `records.key` go one by one
   * to a fresh `records.start()` sink as the bytes arrive, never the whole text (see
   * `streamRecords`). Any other answer (an error, a non-JSON type) is read as usual.
   */
  readonly records?: StreamedRecords<S>
}

export type Attempt = <S extends RecordSink = RecordSink>(
  spec: AttemptSpec<S>,
) => Promise<Exchange<S>>

export interface AttemptOptions {
  /** Per attempt, the whole body included. */
  readonly timeoutMs: number
  /** The `fetch` to use (default: the global one). */
  readonly fetch?:
    ((input: Request | URL | string, init?: RequestInit) => Promise<Response>) | undefined
  /** Requests in flight at once; an attempt holds a slot until its body is read. */
  readonly slots?: Semaphore
  /**
   * The client's pause gate: every attempt waits while it is paused (before it queues for
   * a slot, and again once it holds one), and an overloaded answer pauses it.
   */
  readonly gate?: PauseGate
  /**
   * The pause an overloaded answer without `Retry-After` starts at (default 0): the retry
   * loop lengthens it to its backoff. Set before the answer's slot is freed.
   */
  readonly overloadPauseMs?: number
}

/**
 * Statuses that say the server (or its proxy) is overloaded or unavailable, not that the
 * request is wrong: 429, 502, 503, 504. Not 500 (one record's failure, as a rule), not 408.
 */
export const OVERLOAD_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504])

export const isOverloadStatus = (status: number): boolean => OVERLOAD_STATUSES.has(status)

/**
 * How long an exchange asks the whole client to wait: on an overload status, its
 * `Retry-After` (seconds or an HTTP date), else `overloadPauseMs`; undefined otherwise.
 */
export const pauseAskedBy = (
  exchange: Exchange,
  overloadPauseMs = 0,
  now: number = Date.now(),
): number | undefined =>
  exchange.kind === 'response' && isOverloadStatus(exchange.status)
    ? (retryAfterMs(exchange.headers, now) ?? overloadPauseMs)
    : undefined

/** Error codes raised before a single byte of the request was sent. */
const CONNECT_PHASE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
])

/** Whether a failed fetch provably never sent the request. */
export const isConnectPhase = (code: string | undefined): boolean =>
  code !== undefined && CONNECT_PHASE_CODES.has(code)

/** Rejects once `signal` aborts. */
const abortOf = (signal: AbortSignal): Promise<never> =>
  new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
  )

/**
 * The one attempt function of a client. ky's own `retry` and `timeout` are off: see the
 * README (ky's timeout does not cover the body, and its retry cannot see authentication).
 */
export const createAttempt = (options: AttemptOptions): Attempt => {
  const api = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  })
  const once = async <S extends RecordSink>(spec: AttemptSpec<S>): Promise<Exchange<S>> => {
    const started = performance.now()
    const elapsed = (): number => Math.round(performance.now() - started)
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, options.timeoutMs)
    try {
      const response = await Promise.race([
        api(spec.url, {
          method: spec.method,
          headers: { accept: 'application/json', ...spec.headers },
          signal: controller.signal,
          // A redirect is never followed: it would carry the credentials (OSCaR's session
          // headers are not dropped across origins) to wherever it points. A 3xx is an answer.
          redirect: 'manual',
          ...(spec.json === undefined ? {} : { json: spec.json }),
        }),
        // The abort handed to fetch may be lost on the way (see `chunksOf`): the deadline is ours.
        abortOf(controller.signal),
      ])
      // The body is read inside the timeout: a stalled body is a timeout too.
      const contentType = response.headers.get('content-type')
      const stream = response.ok && isJsonType(contentType) ? response.body : null
      const body: Body<S> =
        spec.records !== undefined && stream !== null
          ? await streamRecords(stream, spec.records, controller.signal)
          : readBody(await readText(response.body, controller.signal), contentType)
      return {
        kind: 'response',
        status: response.status,
        contentType,
        headers: response.headers,
        body,
        durationMs: elapsed(),
      }
    } catch (error) {
      // A sink that throws is the caller's bug, not the network's.
      if (error instanceof CallerFault) throw error.error
      if (timedOut) return { kind: 'failure', failure: 'timeout', durationMs: elapsed() }
      const code = errorCode(error)
      return {
        kind: 'failure',
        failure: isConnectPhase(code) ? 'connect' : 'transfer',
        ...(code === undefined ? {} : { code }),
        durationMs: elapsed(),
      }
    } finally {
      clearTimeout(timer)
    }
  }
  const { slots, gate } = options
  const overloadPauseMs = options.overloadPauseMs ?? 0
  // The pause is set before the slot is released: its next holder must already see it.
  const paced: Attempt =
    gate === undefined
      ? once
      : async <S extends RecordSink>(spec: AttemptSpec<S>): Promise<Exchange<S>> => {
          await gate.wait()
          const exchange = await once(spec)
          const pause = pauseAskedBy(exchange, overloadPauseMs, gate.now())
          if (pause !== undefined) gate.pauseFor(pause)
          return exchange
        }
  const bounded: Attempt =
    slots === undefined
      ? paced
      : <S extends RecordSink>(spec: AttemptSpec<S>) => slots.run(() => paced(spec))
  if (gate === undefined) return bounded
  return async <S extends RecordSink>(spec: AttemptSpec<S>): Promise<Exchange<S>> => {
    // Waiting before the queue too: a paused request does not sit on a slot it cannot use.
    await gate.wait()
    return bounded(spec)
  }
}
