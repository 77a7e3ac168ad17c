import type { RetryOptions, RetryPolicy } from '@primero-interop/http'
import { retryPolicy } from '@primero-interop/http'

import type { Logger } from './logger.js'
import { safeLogger, silentLogger } from './logger.js'

/**
 * Retries of requests that are safe to resend (the shared core's policy): `limit` (default
 * 3), `baseDelayMs` (500), `maxDelayMs` (30 000), `maxRetryAfterMs` (`maxDelayMs`).
 */
export type { RetryOptions } from '@primero-interop/http'

/** The OSCaR API user (bound to an "external system" record in OSCaR). */
export interface OscarCredentials {
  readonly email: string
  readonly password: string
}

/** Options of `createOscarClient`. */
export interface OscarClientOptions {
  /** The server root, e.g. `https://demo.oscarhq.com`; paths `/api/v1/…` are appended. */
  readonly baseUrl: string
  readonly auth: OscarCredentials
  /** Per attempt, the whole answer included (default 30 000). */
  readonly timeoutMs?: number
  /** `false` never retries. */
  readonly retry?: RetryOptions | false
  /** Default: silent. */
  readonly logger?: Logger
  /** Default: the global `fetch`. */
  readonly fetch?: typeof globalThis.fetch
  /** Allow `http:` to a host other than loopback (default false: such a URL throws). */
  readonly allowInsecureHttp?: boolean
  /**
   * Requests in flight at once, across the client (default `DEFAULT_CONCURRENCY`, 16). A
   * caller running N records in parallel wants at least N. There used to be no bound.
   */
  readonly concurrency?: number
}

/** The options, checked and completed. */
export interface ClientConfig {
  readonly prefixUrl: string
  readonly auth: OscarCredentials
  readonly timeoutMs: number
  readonly retry: RetryPolicy
  readonly logger: Logger
  readonly fetch?: typeof globalThis.fetch
  readonly concurrency: number
}

export const DEFAULT_TIMEOUT_MS = 30_000
/**
 * Requests in flight by default: enough to keep a pipeline full at 20–100 ms a request
 * (measured: see the http package's README). OSCaR has no rate limit; its production
 * servers run Passenger (a few single-threaded processes), so more would only queue there.
 */
export const DEFAULT_CONCURRENCY = 16

/** The default retry policy (the same for both clients; `maxDelayMs` was 10 000 before 0.1). */
export const DEFAULT_RETRY: Required<RetryOptions> = retryPolicy(undefined)

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname === '[::1]' ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

const nonNegative = (name: string, value: number, integer = false): number => {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
    throw new RangeError(
      `createOscarClient: ${name} must be a non-negative ${integer ? 'integer' : 'number'}`,
    )
  return value
}

/**
 * Checks the options; throws (a programmer error) on a malformed or insecure `baseUrl` and
 * on nonsensical numbers. Messages never echo the URL or the credentials.
 */
export const resolveOptions = (options: OscarClientOptions): ClientConfig => {
  let url: URL
  try {
    url = new URL(options.baseUrl)
  } catch {
    throw new TypeError('createOscarClient: baseUrl is not an absolute URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError('createOscarClient: baseUrl must use https (or http to loopback)')
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && options.allowInsecureHttp !== true)
    throw new TypeError(
      'createOscarClient: plain http is allowed only to loopback; use https or set allowInsecureHttp: true',
    )
  if (url.username !== '' || url.password !== '')
    throw new TypeError('createOscarClient: baseUrl must not carry credentials; use auth')
  if (url.search !== '' || url.hash !== '')
    throw new TypeError('createOscarClient: baseUrl must not carry a query or a fragment')
  if (typeof options.auth?.email !== 'string' || typeof options.auth.password !== 'string')
    throw new TypeError('createOscarClient: auth.email and auth.password are required')
  const timeoutMs = nonNegative('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  if (timeoutMs === 0) throw new RangeError('createOscarClient: timeoutMs must be positive')
  const asked = retryPolicy(options.retry)
  const retry: RetryPolicy = {
    limit: nonNegative('retry.limit', asked.limit, true),
    baseDelayMs: nonNegative('retry.baseDelayMs', asked.baseDelayMs),
    maxDelayMs: nonNegative('retry.maxDelayMs', asked.maxDelayMs),
    maxRetryAfterMs: nonNegative('retry.maxRetryAfterMs', asked.maxRetryAfterMs),
  }
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('createOscarClient: concurrency must be a positive integer')
  const pathname = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`
  return {
    prefixUrl: `${url.origin}${pathname}`,
    auth: { email: options.auth.email, password: options.auth.password },
    timeoutMs,
    retry,
    logger: safeLogger(options.logger ?? silentLogger),
    concurrency,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  }
}
