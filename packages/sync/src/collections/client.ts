/**
 * A small client of OpenFn's Collections API (Lightning's `/collections`), as
 * `@openfn/language-collections` calls it: a Bearer personal access token, values as
 * strings, and the v1 routes by collection name:
 *
 * - `GET /collections/:name/:key`: `200 { key, value, created, updated }`, or `204` when
 *   the key is absent;
 * - `GET /collections/:name?key=<pattern>&limit=&cursor=`: `{ items: [...], cursor }`, with
 *   `cursor` `null` on the last page (a `*` in the pattern matches anything);
 * - `PUT /collections/:name/:key` with `{ value }`: `{ upserted: 1, error: null }`, or
 *   `200 { upserted: 0, error: "Format error" }` when the value is refused (too long);
 * - `POST /collections/:name` with `{ items: [{ key, value }] }`: `{ upserted, error }`;
 * - `DELETE /collections/:name/:key`: `{ key, deleted, error }`.
 *
 * `401` a refused token, `404` an unknown collection, `409` a name in several projects
 * (`project_id` tells them apart), `402` the project's storage limit. Errors are
 * `SyncError`s (`STATE_IO`) naming the collection, the key and the status: never a value
 * or the token.
 */
import * as E from 'fp-ts/lib/Either.js'

import { type SyncError, syncError } from '../errors.js'

export interface CollectionsClientOptions {
  /** The collection's name (it must exist: an administrator creates it in Lightning). */
  readonly name: string
  /** A Lightning personal access token (OpenFn's `collections_token`). */
  readonly token: string
  /**
   * The Collections endpoint (OpenFn's `collections_endpoint`), e.g.
   * `https://app.openfn.org/collections`. `https`; plain `http` only to a loopback host.
   */
  readonly baseUrl: string
  /** Lightning's project id, when the name exists in several projects (OpenFn's `project_id`). */
  readonly projectId?: string
  readonly fetch?: typeof globalThis.fetch
  /** Per request (default 60 s). */
  readonly timeoutMs?: number
  /** Attempts after a failed request that changed nothing we know of (default 2). */
  readonly retries?: number
  /** Wait before a retry, times the attempt (default 250 ms). */
  readonly retryDelayMs?: number
}

export interface CollectionItem {
  readonly key: string
  readonly value: string
}

export interface CollectionsClient {
  readonly get: (key: string) => Promise<E.Either<SyncError, string | undefined>>
  readonly putAll: (items: ReadonlyArray<CollectionItem>) => Promise<E.Either<SyncError, void>>
  readonly put: (key: string, value: string) => Promise<E.Either<SyncError, void>>
  readonly remove: (key: string) => Promise<E.Either<SyncError, void>>
  /** Every item whose key matches `pattern`, page after page. */
  readonly list: (pattern: string) => Promise<E.Either<SyncError, CollectionItem[]>>
}

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname === '[::1]' ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

/** Checks the endpoint; throws a `TypeError` (a programmer error) that quotes no value. */
export const collectionsEndpoint = (baseUrl: string): URL => {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new TypeError('the collections endpoint must be an absolute URL')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname)))
    throw new TypeError('the collections endpoint must use https (or http to a loopback host)')
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    throw new TypeError(
      'the collections endpoint must not carry credentials, a query or a fragment',
    )
  return url
}

/** What each status means, in words that quote nothing of the request. */
const statusText = (status: number): string => {
  switch (status) {
    case 401:
      return 'the collections token was refused (401): check collections_token'
    case 402:
      return "the project's collections storage limit is reached (402)"
    case 404:
      return 'no such collection (404): an administrator creates it in OpenFn'
    case 409:
      return 'the collection name exists in several projects (409): set project_id'
    default:
      return `the Collections API answered ${status}`
  }
}

/** A status worth another attempt: the request changed nothing, or changing it again is harmless. */
const transient = (status: number): boolean => status === 429 || status >= 500

interface Answer {
  readonly status: number
  readonly body: unknown
}

export const collectionsClient = (options: CollectionsClientOptions): CollectionsClient => {
  const endpoint = collectionsEndpoint(options.baseUrl)
  if (!/^[^/?#*]+$/.test(options.name)) throw new TypeError('the collection name is not valid')
  if (options.token === '') throw new TypeError('the collections token is empty')
  const doFetch = options.fetch ?? globalThis.fetch
  const base = endpoint.href.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 60_000
  const retries = options.retries ?? 2
  const retryDelayMs = options.retryDelayMs ?? 250
  const where = `collection ${options.name}`

  const url = (key: string | undefined, query: Record<string, string> = {}): string => {
    const path = `${base}/${encodeURIComponent(options.name)}${
      key === undefined ? '' : `/${encodeURIComponent(key)}`
    }`
    const params = new URLSearchParams(query)
    if (options.projectId !== undefined) params.set('project_id', options.projectId)
    const search = params.toString()
    return search === '' ? path : `${path}?${search}`
  }

  /** One attempt: its answer, or an error and whether another attempt may help. */
  const once = async (
    method: string,
    target: string,
    body: unknown,
    what: string,
  ): Promise<E.Either<{ readonly error: SyncError; readonly retry: boolean }, Answer>> => {
    const fail = (message: string, retry: boolean) =>
      E.left({ error: syncError('STATE_IO', `${where}: ${what}: ${message}`), retry })
    let response: Response
    try {
      response = await doFetch(target, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (e) {
      const code =
        (e as { cause?: { code?: unknown } }).cause?.code ?? (e as { name?: unknown }).name
      return fail(`no answer (${typeof code === 'string' ? code : 'network error'})`, true)
    }
    const text = await response.text().catch(() => undefined)
    if (text === undefined) return fail('the answer was cut off', true)
    if (response.status === 204) return E.right({ status: 204, body: undefined })
    if (!response.ok) return fail(statusText(response.status), transient(response.status))
    try {
      return E.right({ status: response.status, body: JSON.parse(text) as unknown })
    } catch {
      return fail('the answer is not JSON', false)
    }
  }

  /** Every call here is idempotent (reads, upserts, deletes): a lost answer is retried. */
  const request = async (
    method: string,
    target: string,
    body: unknown,
    what: string,
  ): Promise<E.Either<SyncError, Answer>> => {
    for (let attempt = 0; ; attempt += 1) {
      const answer = await once(method, target, body, what)
      if (E.isRight(answer)) return answer
      if (!answer.left.retry || attempt >= retries) return E.left(answer.left.error)
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * (attempt + 1)))
    }
  }

  const shapeError = (what: string): SyncError =>
    syncError('STATE_IO', `${where}: ${what}: the answer is not the Collections API's`)

  const upserted = (body: unknown): number | undefined => {
    const u = (body as { upserted?: unknown } | null)?.upserted
    return typeof u === 'number' ? u : undefined
  }

  return {
    get: async (key) => {
      const what = `reading ${key}`
      const answer = await request('GET', url(key), undefined, what)
      if (E.isLeft(answer)) return answer
      if (answer.right.status === 204) return E.right(undefined)
      const value = (answer.right.body as { value?: unknown } | null)?.value
      return typeof value === 'string' ? E.right(value) : E.left(shapeError(what))
    },
    put: async (key, value) => {
      const what = `writing ${key}`
      const answer = await request('PUT', url(key), { value }, what)
      if (E.isLeft(answer)) return answer
      const n = upserted(answer.right.body)
      if (n === 1) return E.right(undefined)
      return E.left(
        n === 0
          ? syncError(
              'STATE_IO',
              `${where}: ${what}: the value was refused (${value.length} chars)`,
            )
          : shapeError(what),
      )
    },
    putAll: async (items) => {
      if (items.length === 0) return E.right(undefined)
      const what = `writing ${items.length} values`
      const answer = await request('POST', url(undefined), { items }, what)
      if (E.isLeft(answer)) return answer
      const n = upserted(answer.right.body)
      if (n === items.length) return E.right(undefined)
      return E.left(
        n === undefined
          ? shapeError(what)
          : syncError('STATE_IO', `${where}: ${what}: ${n} were written`),
      )
    },
    remove: async (key) => {
      const answer = await request('DELETE', url(key), undefined, `removing ${key}`)
      return E.isLeft(answer) ? answer : E.right(undefined)
    },
    list: async (pattern) => {
      const what = `listing ${pattern}`
      const items: CollectionItem[] = []
      let cursor: string | undefined
      do {
        const answer = await request(
          'GET',
          url(undefined, { key: pattern, ...(cursor === undefined ? {} : { cursor }) }),
          undefined,
          what,
        )
        if (E.isLeft(answer)) return answer
        const body = answer.right.body as { items?: unknown; cursor?: unknown } | null
        if (!Array.isArray(body?.items)) return E.left(shapeError(what))
        for (const item of body.items as unknown[]) {
          const { key, value } = (item ?? {}) as { key?: unknown; value?: unknown }
          if (typeof key !== 'string' || typeof value !== 'string') return E.left(shapeError(what))
          items.push({ key, value })
        }
        cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined
      } while (cursor !== undefined)
      return E.right(items)
    },
  }
}
