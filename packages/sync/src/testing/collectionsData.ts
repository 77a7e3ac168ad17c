/**
 * The fake Collections server's data: collections by project, items ordered as inserted,
 * Lightning's key patterns and cursors. See `collections.ts` for the HTTP side.
 */

export interface FakeCollectionItem {
  readonly key: string
  readonly value: string
  /** ISO 8601 with microseconds, as Lightning's `utc_datetime_usec`. */
  readonly created: string
  readonly updated: string
}

interface Stored {
  value: string
  insertedUs: number
  updatedUs: number
}

export interface FakeCollection {
  readonly name: string
  readonly projectId: string
  readonly items: Map<string, Stored>
}

/** Microseconds since the epoch as Lightning writes them: `2026-03-02T08:00:00.000123Z`. */
export const isoUs = (us: number): string =>
  `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 23)}${String(us % 1000).padStart(3, '0')}Z`

const parseIsoUs = (iso: string): number | undefined => {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/.exec(iso)
  if (m === null) return undefined
  const ms = Date.parse(`${m[1]}${m[3]}`)
  if (Number.isNaN(ms)) return undefined
  return ms * 1000 + Number((m[2] ?? '').padEnd(6, '0'))
}

/** Lightning's key pattern: `*` is SQL LIKE's `%` (and LIKE's `_` matches any one character). */
const patternOf = (pattern: string): RegExp =>
  new RegExp(
    `^${[...pattern]
      .map((c) => (c === '*' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    's',
  )

export const itemOf = (key: string, s: Stored): FakeCollectionItem => ({
  key,
  value: s.value,
  created: isoUs(s.insertedUs),
  updated: isoUs(s.updatedUs),
})

export interface ListQuery {
  readonly key?: string
  readonly limit: number
  readonly cursorUs?: number
  readonly createdAfter?: number
  readonly createdBefore?: number
  readonly updatedAfter?: number
  readonly updatedBefore?: number
}

/** Reads the stream's query as Lightning validates it; `undefined` is its 400. */
export const listQuery = (params: URLSearchParams): ListQuery | undefined => {
  const valid = new Set([
    'key',
    'cursor',
    'limit',
    'created_after',
    'created_before',
    'updated_after',
    'updated_before',
    'project_id',
  ])
  for (const name of params.keys()) if (!valid.has(name)) return undefined
  const limitText = params.get('limit') ?? '1000'
  if (!/^-?\d+$/.test(limitText)) return undefined
  const query: Record<string, number | string> = { limit: Number(limitText) }
  const cursor = params.get('cursor')
  if (cursor !== null) {
    const us = parseIsoUs(Buffer.from(cursor, 'base64').toString('utf8'))
    if (us === undefined) return undefined
    query['cursorUs'] = us
  }
  const key = params.get('key')
  if (key !== null) query['key'] = key
  for (const [param, field] of [
    ['created_after', 'createdAfter'],
    ['created_before', 'createdBefore'],
    ['updated_after', 'updatedAfter'],
    ['updated_before', 'updatedBefore'],
  ] as const) {
    const text = params.get(param)
    if (text === null) continue
    const us = parseIsoUs(text)
    if (us === undefined) return undefined
    query[field] = us
  }
  return query as unknown as ListQuery
}

/** One page of the stream, and the cursor (base64 of the last item's insertion time) if more remain. */
export const listPage = (
  collection: FakeCollection,
  q: ListQuery,
): { readonly items: FakeCollectionItem[]; readonly cursor: string | null } => {
  const re = q.key === undefined ? undefined : patternOf(q.key)
  const matching = [...collection.items.entries()]
    .filter(
      ([key, s]) =>
        (re === undefined || re.test(key)) &&
        (q.cursorUs === undefined || s.insertedUs > q.cursorUs) &&
        (q.createdAfter === undefined || s.insertedUs >= q.createdAfter) &&
        (q.createdBefore === undefined || s.insertedUs < q.createdBefore) &&
        (q.updatedAfter === undefined || s.updatedUs >= q.updatedAfter) &&
        (q.updatedBefore === undefined || s.updatedUs < q.updatedBefore),
    )
    .sort(([, a], [, b]) => a.insertedUs - b.insertedUs)
  const limit = Math.max(0, q.limit)
  const page = matching.slice(0, limit)
  const last = page.at(-1)
  const more = matching.length > page.length && last !== undefined
  return {
    items: page.map(([key, s]) => itemOf(key, s)),
    cursor: more ? Buffer.from(isoUs(last[1].insertedUs)).toString('base64') : null,
  }
}

export const deleteMatching = (collection: FakeCollection, pattern: string | undefined): number => {
  const re = pattern === undefined ? undefined : patternOf(pattern)
  let n = 0
  for (const key of [...collection.items.keys()]) {
    if (re === undefined || re.test(key)) {
      collection.items.delete(key)
      n += 1
    }
  }
  return n
}

/** Lightning counts a collection's storage as the bytes of its keys and values. */
export const bytesOf = (collection: FakeCollection): number => {
  let n = 0
  for (const [key, s] of collection.items) n += Buffer.byteLength(key) + Buffer.byteLength(s.value)
  return n
}
