/**
 * A fake OpenFn Collections API (Lightning's `/collections`), real HTTP on 127.0.0.1, as
 * Lightning's `CollectionsController` answers (see the sync README, "OpenFn"): Bearer
 * token or 401 `{"error":"Unauthorized"}`; an unknown collection 404 `{"error":"Not Found"}`;
 * a name in two projects without `project_id` 409; `x-api-version: 2` for the
 * project-scoped routes; a refused PUT value 200 `{"upserted":0,"error":"Format error"}`;
 * the storage limit 402 `{"error":"exceeds_limit"}`. Node built-ins only.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { countdown, faultSwitch, readText, requestLog, sleep } from '@primero-interop/fake-kit'

import {
  bytesOf,
  deleteMatching,
  type FakeCollection,
  type FakeCollectionItem,
  itemOf,
  listPage,
  listQuery,
} from './collectionsData.js'

export type { FakeCollectionItem } from './collectionsData.js'

export interface FakeCollectionsFaults {
  /** Delay before each answer: fixed, or uniform in [min, max]. */
  readonly latencyMs?: number | readonly [number, number]
  /** Rate of answers with `failureStatus` (default 503). */
  readonly failureRate?: number
  readonly failureStatus?: 500 | 502 | 503 | 504
  /** Rate of connections destroyed without an answer. */
  readonly dropConnections?: number
  /** The project's storage limit in bytes of keys and values: a write over it is refused (402). */
  readonly storageLimitBytes?: number
  /** "The next `count` requests (matching `method`/`path`) fail like this." */
  readonly failNext?: {
    readonly count: number
    readonly status?: number
    readonly drop?: boolean
    /** Handle the request first, then fail: the client loses the answer to a write that landed. */
    readonly afterHandling?: boolean
    readonly method?: string
    /** Only requests whose path starts with this (e.g. `/collections/primero-interop/`). */
    readonly path?: string
  }
}

export interface FakeCollectionsOptions {
  /** Collections to create (in `projectId`, or their own project). Default `['primero-interop']`. */
  readonly collections?: ReadonlyArray<
    string | { readonly name: string; readonly projectId: string }
  >
  /** The default project's id (default: a random UUID). */
  readonly projectId?: string
  /** The personal access token (default: random). It may use every project. */
  readonly token?: string
  readonly clock?: () => Date
  /** Longest value a PUT accepts (Lightning's `Item` changeset: 1,000,000). */
  readonly maxValueChars?: number
  readonly seed?: number
}

/** One request the fake received (method, path, query: never a body). `status` 0: dropped. */
export interface FakeCollectionsRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  status: number
}

export interface FakeCollections {
  /** `http://127.0.0.1:<port>/collections`: OpenFn's `collections_endpoint`. */
  readonly url: string
  readonly token: string
  readonly projectId: string
  createCollection(name: string, projectId?: string): void
  /** A collection's items in insertion order (copies). */
  items(name: string): ReadonlyArray<FakeCollectionItem>
  /** Sets a value as an administrator would (no request logged). */
  setValue(name: string, key: string, value: string): void
  readonly requests: ReadonlyArray<FakeCollectionsRequest>
  clearRequests(): void
  setFaults(faults: FakeCollectionsFaults): void
  close(): Promise<void>
}

type Answer = readonly [status: number, body?: unknown]

const UNAUTHORIZED: Answer = [401, { error: 'Unauthorized' }]
const NOT_FOUND: Answer = [404, { error: 'Not Found' }]
const BAD_REQUEST: Answer = [400, { error: 'Bad Request' }]

export const startFakeCollections = async (
  options: FakeCollectionsOptions = {},
): Promise<FakeCollections> => {
  const projectId = options.projectId ?? randomUUID()
  const token = options.token ?? randomBytes(24).toString('base64url')
  const clock = options.clock ?? (() => new Date())
  const maxValueChars = options.maxValueChars ?? 1_000_000
  const collections: FakeCollection[] = []
  const log = requestLog<FakeCollectionsRequest>()
  const faultsSwitch = faultSwitch(options.seed ?? 1)
  let faults: FakeCollectionsFaults = {}
  let failNext = countdown(0)
  let lastUs = 0
  /** Lightning's `utc_datetime_usec`, strictly increasing so the stream's cursor is exact. */
  const nowUs = (): number => (lastUs = Math.max(clock().getTime() * 1000, lastUs + 1))

  const createCollection = (name: string, project = projectId): void => {
    collections.push({ name, projectId: project, items: new Map() })
  }
  for (const c of options.collections ?? ['primero-interop']) {
    if (typeof c === 'string') createCollection(c)
    else createCollection(c.name, c.projectId)
  }

  const find = (name: string, project: string | undefined): FakeCollection | Answer => {
    const found = collections.filter(
      (c) => c.name === name && (project === undefined || c.projectId === project),
    )
    if (found.length === 0) return NOT_FOUND
    if (found.length > 1)
      return [
        409,
        {
          error:
            'Multiple collections found with this name. Add ?project_id=<uuid> to disambiguate.',
        },
      ]
    return found[0] as FakeCollection
  }

  const write = (c: FakeCollection, key: string, value: string): void => {
    const now = nowUs()
    const old = c.items.get(key)
    c.items.set(key, { value, insertedUs: old?.insertedUs ?? now, updatedUs: now })
  }

  const overLimit = (c: FakeCollection, items: ReadonlyArray<{ key: string; value: string }>) => {
    if (faults.storageLimitBytes === undefined) return false
    let delta = 0
    for (const { key, value } of items) {
      const old = c.items.get(key)
      delta +=
        Buffer.byteLength(value) -
        (old === undefined ? -Buffer.byteLength(key) : Buffer.byteLength(old.value))
    }
    const used = collections
      .filter((x) => x.projectId === c.projectId)
      .reduce((n, x) => n + bytesOf(x), 0)
    return delta > 0 && used + delta > faults.storageLimitBytes
  }

  const route = async (req: IncomingMessage, url: URL): Promise<Answer> => {
    if (req.headers.authorization !== `Bearer ${token}`) return UNAUTHORIZED
    const version = req.headers['x-api-version'] ?? '1'
    if (version !== '1' && version !== '2')
      return [400, { error: `Unsupported API version: ${String(version)}` }]
    const segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent)
    if (segments[0] !== 'collections') return NOT_FOUND
    let rest = segments.slice(1)
    let project = url.searchParams.get('project_id') ?? undefined
    if (version === '2') {
      project = rest[0]
      rest = rest.slice(1)
    }
    const [name, key, ...extra] = rest
    if (name === undefined || extra.length > 0) return NOT_FOUND
    const found = find(name, project)
    if (!('items' in found)) return found
    const c = found
    const method = req.method ?? 'GET'
    const text =
      method === 'PUT' || method === 'POST' || method === 'DELETE' ? await readText(req) : ''
    let body: Record<string, unknown> = {}
    if (text !== '') {
      try {
        body = JSON.parse(text) as Record<string, unknown>
      } catch {
        return BAD_REQUEST
      }
    }
    if (key !== undefined) {
      switch (method) {
        case 'GET': {
          const s = c.items.get(key)
          return s === undefined ? [204] : [200, itemOf(key, s)]
        }
        case 'PUT': {
          const value = body['value']
          if (typeof value !== 'string') return BAD_REQUEST
          if (value.length > maxValueChars) return [200, { upserted: 0, error: 'Format error' }]
          // Lightning's `put` does not match the hook's refusal: a crash, so a 500.
          if (overLimit(c, [{ key, value }]))
            return [500, { errors: { detail: 'Internal Server Error' } }]
          write(c, key, value)
          return [200, { upserted: 1, error: null }]
        }
        case 'DELETE':
          return c.items.delete(key)
            ? [200, { key, deleted: 1, error: null }]
            : [200, { key, deleted: 0, error: 'Item Not Found' }]
        default:
          return NOT_FOUND
      }
    }
    switch (method) {
      case 'GET': {
        const q = listQuery(url.searchParams)
        return q === undefined ? BAD_REQUEST : [200, listPage(c, q)]
      }
      case 'POST': {
        const items = body['items']
        if (!Array.isArray(items)) return BAD_REQUEST
        const pairs: Array<{ key: string; value: string }> = []
        for (const i of items as unknown[]) {
          const { key: k, value: v } = (i ?? {}) as { key?: unknown; value?: unknown }
          if (typeof k !== 'string' || typeof v !== 'string') return BAD_REQUEST
          pairs.push({ key: k, value: v })
        }
        // Postgres refuses one key twice in one upsert (cardinality_violation): a 500.
        if (new Set(pairs.map((p) => p.key)).size !== pairs.length)
          return [500, { errors: { detail: 'Internal Server Error' } }]
        if (overLimit(c, pairs)) return [402, { error: 'exceeds_limit' }]
        for (const p of pairs) write(c, p.key, p.value)
        return [200, { upserted: pairs.length, error: null }]
      }
      case 'DELETE': {
        const pattern = url.searchParams.get('key') ?? (body['key'] as string | undefined)
        return [200, { key: pattern ?? null, deleted: deleteMatching(c, pattern), error: null }]
      }
      default:
        return NOT_FOUND
    }
  }

  const send = (res: ServerResponse, [status, body]: Answer): void => {
    if (body === undefined) res.writeHead(status).end()
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const entry: FakeCollectionsRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: 0,
    }
    const done = log.enter(entry)
    res.on('close', done)
    void (async () => {
      await sleep(faultsSwitch.delay(faults.latencyMs))
      const f = faults.failNext
      const targeted =
        f !== undefined &&
        (f.method === undefined || f.method === entry.method) &&
        (f.path === undefined || entry.path.startsWith(f.path)) &&
        failNext.take()
      if (
        (targeted && f?.drop === true && f.afterHandling !== true) ||
        faultsSwitch.chance(faults.dropConnections)
      ) {
        req.socket.destroy()
        return
      }
      if (targeted && f?.afterHandling !== true) {
        send(res, [(entry.status = f?.status ?? 503), { error: 'Service Unavailable' }])
        return
      }
      if (!targeted && faultsSwitch.chance(faults.failureRate)) {
        send(res, [(entry.status = faults.failureStatus ?? 503), { error: 'Service Unavailable' }])
        return
      }
      const answer = await route(req, url)
      if (targeted) {
        if (f?.drop === true) req.socket.destroy()
        else send(res, [(entry.status = f?.status ?? 503), { error: 'Service Unavailable' }])
        return
      }
      entry.status = answer[0]
      send(res, answer)
    })().catch(() => {
      entry.status = 500
      if (!res.headersSent) send(res, [500, { errors: { detail: 'Internal Server Error' } }])
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const named = (name: string): FakeCollection => {
    const c = collections.find((x) => x.name === name)
    if (c === undefined) throw new Error(`no collection ${name}`)
    return c
  }

  return {
    url: `http://127.0.0.1:${port}/collections`,
    token,
    projectId,
    createCollection,
    items: (name) =>
      [...named(name).items.entries()]
        .sort(([, a], [, b]) => a.insertedUs - b.insertedUs)
        .map(([key, s]) => itemOf(key, s)),
    setValue: (name, key, value) => write(named(name), key, value),
    get requests() {
      return log.entries
    },
    clearRequests: () => log.clear(),
    setFaults: (next) => {
      faults = next
      failNext = countdown(next.failNext?.count ?? 0)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
