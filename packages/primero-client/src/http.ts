/**
 * One HTTP attempt, as Primero's client sees it: the shared core's attempt (held by the
 * pause gate, bounded by the concurrency semaphore and by `timeoutMs`, headers and body
 * both) turned into a plain result. Retries, authentication and error mapping live in `request.ts`.
 */
import type { Exchange, PauseGate, Semaphore } from '@primero-interop/http'
import { createAttempt as createHttpAttempt, failingPaths, mediaType } from '@primero-interop/http'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'

import { DecodeError } from './errors.js'
import type { ClientConfig } from './options.js'

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** What one attempt sends. `path` starts with `/api/v2/`. */
export interface AttemptSpec {
  readonly method: HttpMethod
  readonly path: string
  readonly query?: URLSearchParams
  readonly json?: unknown
  readonly authorization?: string
  /** More request headers (a session's `cookie`, `x-csrf-token`). */
  readonly headers?: Readonly<Record<string, string>>
}

/** What one attempt got. `body` is the parsed JSON (undefined when the body was empty). */
export type AttemptResult =
  | {
      readonly kind: 'response'
      readonly status: number
      readonly headers: Headers
      readonly body: unknown
      /** Set when the body was not JSON: its content type (never its text). */
      readonly nonJsonContentType?: string
    }
  | { readonly kind: 'network'; readonly code?: string }
  | { readonly kind: 'timeout' }

export type Attempt = (spec: AttemptSpec) => Promise<AttemptResult>

/** The path and query as they appear in errors and logs, before redaction. */
export const pathOf = (spec: {
  readonly path: string
  readonly query?: URLSearchParams
}): string => {
  const q = spec.query?.toString() ?? ''
  return q === '' ? spec.path : `${spec.path}?${q}`
}

/** Primero's view of an exchange: it does not care whether a failed request left. */
const resultOf = (exchange: Exchange): AttemptResult => {
  if (exchange.kind === 'failure') {
    if (exchange.failure === 'timeout') return { kind: 'timeout' }
    return exchange.code === undefined
      ? { kind: 'network' }
      : { kind: 'network', code: exchange.code }
  }
  const { status, headers, body } = exchange
  if (body.kind === 'not-json') {
    const nonJsonContentType = mediaType(exchange.contentType)
    return { kind: 'response', status, headers, body: undefined, nonJsonContentType }
  }
  return { kind: 'response', status, headers, body: body.kind === 'json' ? body.value : undefined }
}

/**
 * One attempt (the shared core's), held by the client's pause gate when given, bounded by
 * its semaphore and `timeoutMs`. An overloaded answer pauses the gate at least half the
 * first backoff step (the retry loop lengthens that to its wait).
 */
export const createAttempt = (
  config: ClientConfig,
  slots: Semaphore,
  gate?: PauseGate,
): Attempt => {
  const attempt = createHttpAttempt({
    timeoutMs: config.timeoutMs,
    fetch: config.fetch,
    slots,
    ...(gate === undefined
      ? {}
      : { gate, overloadPauseMs: Math.floor(config.retry.baseDelayMs / 2) }),
  })
  return async (spec) =>
    resultOf(
      await attempt({
        method: spec.method,
        url: `${config.baseUrl}${pathOf(spec)}`,
        headers: {
          ...(spec.authorization === undefined ? {} : { authorization: spec.authorization }),
          ...spec.headers,
        },
        ...(spec.json === undefined ? {} : { json: spec.json }),
      }),
    )
}

/** Where a decode happened, for the error. */
export interface DecodeSite {
  readonly method: HttpMethod
  readonly path: string
  readonly id?: string
}

/** `site`, naming the id of the record `u` when it has one. */
export const siteOf = (site: DecodeSite, u: unknown): DecodeSite => {
  const id = typeof u === 'object' && u !== null ? (u as { readonly id?: unknown }).id : undefined
  return typeof id === 'string' ? { ...site, id } : site
}

/** Decodes `u` with `codec`, or a `DecodeError` naming the failing paths (never values). */
export const decode = <A>(
  codec: t.Decoder<unknown, A> & { readonly name: string },
  u: unknown,
  site: DecodeSite,
): E.Either<DecodeError, A> =>
  E.mapLeft((errors: t.Errors) =>
    DecodeError({
      codec: codec.name,
      paths: failingPaths(errors),
      method: site.method,
      path: site.path,
      ...(site.id === undefined ? {} : { id: site.id }),
    }),
  )(codec.decode(u))
