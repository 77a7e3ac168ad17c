import type { Logger } from './logger.js'
import { safeLogger, silentLogger } from './logger.js'
import type { RetryOptions, RetryPolicy } from './retry.js'
import { retryPolicy } from './retry.js'

/**
 * How the client authenticates. HTTP Basic (the default) works on every Primero 2.x and
 * is stateless; `token` logs in once at `POST /api/v2/tokens`: a JWT on Primero 2.0–2.10, a
 * cookie session with a CSRF token on 2.11+ (whichever the server answers).
 */
export type PrimeroAuth =
  | { readonly mode?: 'basic'; readonly username: string; readonly password: string }
  | { readonly mode: 'token'; readonly username: string; readonly password: string }

/** A `fetch` with the standard signature (the global one by default). */
export type FetchFn = (input: Request | URL | string, init?: RequestInit) => Promise<Response>

/** Options of `createPrimeroClient`. */
export interface PrimeroClientOptions {
  /** `https://…`; plain `http://` only to a loopback host unless `allowInsecureHttp`. */
  readonly baseUrl: string
  readonly auth: PrimeroAuth
  /** Allow `http://` to a non-loopback host (credentials then travel in clear). */
  readonly allowInsecureHttp?: boolean
  /** Per attempt (default 30 000). */
  readonly timeoutMs?: number
  /** Retry policy, or `false` for a single attempt (default `{ limit: 3 }`). */
  readonly retry?: RetryOptions | false
  /**
   * Requests in flight at once, across the client (default `DEFAULT_CONCURRENCY`, 16).
   * A caller running N records in parallel wants at least N. Stock Primero's nginx allows
   * 20 connections per client address (`limit_conn default 20`): more get 503s there.
   */
  readonly concurrency?: number
  /** Where events go (default: nowhere). A logger that throws never fails a request. */
  readonly logger?: Logger
  /** The `fetch` to use (default: the global one). */
  readonly fetch?: FetchFn
  /** The client's clock (default: the system clock); `pages()` takes "now" from it. */
  readonly clock?: () => Date
}

/** The options after validation and defaults. The password stays inside `auth`. */
export interface ClientConfig {
  readonly baseUrl: string
  readonly auth: PrimeroAuth
  readonly timeoutMs: number
  readonly retry: RetryPolicy
  readonly concurrency: number
  readonly logger: Logger
  readonly fetch: FetchFn | undefined
  readonly clock: () => Date
}

/**
 * Requests in flight by default: enough to keep a pipeline full at 20–100 ms a request
 * (measured: see the http package's README), under stock Primero's nginx limit of 20
 * connections per client address.
 */
export const DEFAULT_CONCURRENCY = 16

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname === '[::1]' ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`${name} must be a positive integer`)
  return value
}

/**
 * Validates the options; throws a `TypeError` (a programmer error) when they cannot work.
 * The messages never quote the options' values.
 */
export const clientConfig = (options: PrimeroClientOptions): ClientConfig => {
  let url: URL
  try {
    url = new URL(options.baseUrl)
  } catch {
    throw new TypeError('baseUrl must be an absolute URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('baseUrl must use https (or http to a loopback host)')
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && options.allowInsecureHttp !== true) {
    throw new TypeError(
      'baseUrl uses plain http to a non-loopback host: use https, or set allowInsecureHttp: true',
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('baseUrl must not carry credentials: pass them as auth')
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError('baseUrl must not carry a query or a fragment')
  }
  const { auth } = options
  if (typeof auth?.username !== 'string' || auth.username === '') {
    throw new TypeError('auth.username must be a non-empty string')
  }
  if (typeof auth.password !== 'string' || auth.password === '') {
    throw new TypeError('auth.password must be a non-empty string')
  }
  if (auth.mode !== undefined && auth.mode !== 'basic' && auth.mode !== 'token') {
    throw new TypeError("auth.mode must be 'basic' or 'token'")
  }
  return {
    baseUrl: url.href.replace(/\/+$/, ''),
    auth,
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? 30_000),
    retry: retryPolicy(options.retry),
    concurrency: positiveInteger('concurrency', options.concurrency ?? DEFAULT_CONCURRENCY),
    logger: safeLogger(options.logger ?? silentLogger),
    fetch: options.fetch,
    clock: options.clock ?? (() => new Date()),
  }
}
