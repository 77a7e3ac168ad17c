import ky from 'ky'

import type { ClientConfig } from '../options.js'

/** A body as the client keeps it: parsed JSON, or only the fact that it was not JSON. */
export type Body =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'not-json' }
  | { readonly kind: 'empty' }

/** One attempt's outcome. Response headers stay inside the client; they never reach an error. */
export type Exchange =
  | {
      readonly kind: 'response'
      readonly status: number
      readonly contentType: string | null
      readonly headers: Headers
      readonly body: Body
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

/** One HTTP request, relative to the server root (no leading slash). */
export interface Wire {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly path: string
  readonly searchParams?: Readonly<Record<string, string>>
  readonly json?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

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

/** The first system error code along an error's `cause` chain (fetch wraps it). */
export const errorCode = (error: unknown): string | undefined => {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { readonly code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return code
    current = (current as { readonly cause?: unknown }).cause
  }
  return undefined
}

/** Whether a failed fetch provably never sent the request. */
export const isConnectPhase = (code: string | undefined): boolean =>
  code !== undefined && CONNECT_PHASE_CODES.has(code)

const readBody = (text: string, contentType: string | null): Body => {
  if (text === '') return { kind: 'empty' }
  if (contentType === null || !/\bjson\b/i.test(contentType)) return { kind: 'not-json' }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown }
  } catch {
    return { kind: 'not-json' }
  }
}

/** Sends one request, once: the one ky instance, with ky's own retry and timeout off. */
export const createTransport = (config: ClientConfig) => {
  const api = ky.create({
    prefixUrl: config.prefixUrl,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    headers: { accept: 'application/json' },
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
  })

  return async (wire: Wire): Promise<Exchange> => {
    const started = performance.now()
    const elapsed = (): number => Math.round(performance.now() - started)
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, config.timeoutMs)
    try {
      const response = await api(wire.path, {
        method: wire.method,
        signal: controller.signal,
        ...(wire.searchParams === undefined ? {} : { searchParams: { ...wire.searchParams } }),
        ...(wire.json === undefined ? {} : { json: wire.json }),
        ...(wire.headers === undefined ? {} : { headers: { ...wire.headers } }),
      })
      // The body is read inside the timeout: a stalled body is a timeout too.
      const text = await response.text()
      const contentType = response.headers.get('content-type')
      return {
        kind: 'response',
        status: response.status,
        contentType,
        headers: response.headers,
        body: readBody(text, contentType),
        durationMs: elapsed(),
      }
    } catch (error) {
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
}

export type Transport = ReturnType<typeof createTransport>

const KEPT_QUERY_KEYS: ReadonlySet<string> = new Set(['since_date', 'end_date'])
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/

/**
 * The path as errors and logs show it: from the server root, with query values kept only
 * for dates (`since_date`, `end_date`).
 *
 * @example
 * redactPath({ method: 'GET', path: 'api/v1/organizations/clients', searchParams: { since_date: '2024-03-01 00:00:00' } })
 * // '/api/v1/organizations/clients?since_date=2024-03-01 00:00:00'
 */
export const redactPath = (wire: Pick<Wire, 'path' | 'searchParams'>): string => {
  const query = Object.entries(wire.searchParams ?? {}).map(([key, value]) =>
    KEPT_QUERY_KEYS.has(key) && DATE_VALUE.test(value) ? `${key}=${value}` : `${key}=[redacted]`,
  )
  return `/${wire.path}${query.length > 0 ? `?${query.join('&')}` : ''}`
}
