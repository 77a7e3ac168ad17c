/**
 * One HTTP attempt through the client's one ky instance: bounded by the concurrency
 * semaphore and by `timeoutMs` (headers and body both), and turned into a plain result.
 * Retries, authentication and error mapping live in `transport.ts`.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import ky from 'ky'

import { failingPaths } from './codecs/common.js'
import { DecodeError } from './errors.js'
import type { ClientConfig } from './options.js'
import { safeErrorCode } from './redact.js'
import type { Semaphore } from './semaphore.js'

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

const isJsonType = (contentType: string): boolean =>
  /^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim())

const parseBody = (
  text: string,
  contentType: string,
): { readonly body: unknown } | { readonly nonJson: string } => {
  if (text.trim() === '') return { body: undefined }
  if (!isJsonType(contentType)) return { nonJson: contentType.split(';')[0]?.trim() ?? '' }
  try {
    return { body: JSON.parse(text) as unknown }
  } catch {
    return { nonJson: contentType.split(';')[0]?.trim() ?? '' }
  }
}

export const createAttempt = (config: ClientConfig, slots: Semaphore): Attempt => {
  const api = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
  })
  return (spec) =>
    slots.run(async (): Promise<AttemptResult> => {
      const controller = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, config.timeoutMs)
      try {
        const headers: Record<string, string> = { accept: 'application/json' }
        if (spec.authorization !== undefined) headers.authorization = spec.authorization
        Object.assign(headers, spec.headers)
        const response = await api(`${config.baseUrl}${pathOf(spec)}`, {
          method: spec.method,
          headers,
          signal: controller.signal,
          ...(spec.json === undefined ? {} : { json: spec.json }),
        })
        const text = await response.text()
        const parsed = parseBody(text, response.headers.get('content-type') ?? '')
        return 'nonJson' in parsed
          ? {
              kind: 'response',
              status: response.status,
              headers: response.headers,
              body: undefined,
              nonJsonContentType: parsed.nonJson,
            }
          : {
              kind: 'response',
              status: response.status,
              headers: response.headers,
              body: parsed.body,
            }
      } catch (error) {
        if (timedOut) return { kind: 'timeout' }
        const code = safeErrorCode(error)
        return code === undefined ? { kind: 'network' } : { kind: 'network', code }
      } finally {
        clearTimeout(timer)
      }
    })
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
