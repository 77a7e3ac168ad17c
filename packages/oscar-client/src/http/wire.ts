/**
 * One OSCaR request as the client describes it (`Wire`), how it goes out through the shared
 * core's attempt, and how its path shows in errors and logs.
 */
import type { Exchange, PauseGate, RecordSink, StreamedRecords } from '@primero-interop/http'
import { createAttempt, redactQuery, semaphore } from '@primero-interop/http'

import type { ClientConfig } from '../options.js'

/**
 * One HTTP request, relative to the server root (no leading slash). `records`: stream a 2xx
 * JSON answer's array into a fresh sink per attempt (the shared core's `AttemptSpec.records`).
 */
export interface Wire<S extends RecordSink = RecordSink> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly path: string
  readonly searchParams?: Readonly<Record<string, string>>
  readonly json?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly records?: StreamedRecords<S>
}

/** Sends one request, once. */
export type Transport = <S extends RecordSink = RecordSink>(wire: Wire<S>) => Promise<Exchange<S>>

/**
 * Sends through the shared core's attempt: at most `config.concurrency` in flight, held by
 * `gate` (the client's) while the server asked for a rest. An overloaded answer pauses the
 * gate at least half the first backoff step (the retry loop lengthens that to its wait).
 */
export const createTransport = (config: ClientConfig, gate?: PauseGate): Transport => {
  const attempt = createAttempt({
    timeoutMs: config.timeoutMs,
    fetch: config.fetch,
    slots: semaphore(config.concurrency),
    ...(gate === undefined
      ? {}
      : { gate, overloadPauseMs: Math.floor(config.retry.baseDelayMs / 2) }),
  })
  return <S extends RecordSink>(wire: Wire<S>) => {
    const query = new URLSearchParams(wire.searchParams).toString()
    return attempt({
      method: wire.method,
      url: `${config.prefixUrl}${wire.path}${query === '' ? '' : `?${query}`}`,
      ...(wire.json === undefined ? {} : { json: wire.json }),
      ...(wire.headers === undefined ? {} : { headers: wire.headers }),
      ...(wire.records === undefined ? {} : { records: wire.records }),
    })
  }
}

const KEPT_QUERY_KEYS: ReadonlySet<string> = new Set(['since_date', 'end_date'])
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/

/**
 * The path as errors and logs show it: from the server root, with query values kept only
 * for dates (`since_date`, `end_date`); any other value is `[redacted]`.
 *
 * @example
 * redactPath({ method: 'GET', path: 'api/v1/organizations/clients', searchParams: { since_date: '2024-03-01 00:00:00' } })
 * // '/api/v1/organizations/clients?since_date=2024-03-01 00:00:00'
 */
export const redactPath = (wire: Pick<Wire, 'path' | 'searchParams'>): string =>
  redactQuery(
    `/${wire.path}`,
    Object.entries(wire.searchParams ?? {}),
    (key, value) => KEPT_QUERY_KEYS.has(key) && DATE_VALUE.test(value),
  )
