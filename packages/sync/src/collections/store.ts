/**
 * `collectionStore`: the sync state in an OpenFn Collection, over Lightning's HTTP API.
 * See `parts.ts` for the layout. A save writes the changed parts' values (one `POST`),
 * then the head (`PUT`), then removes the values the old head named (`DELETE`): the head
 * always names a complete set.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { type SyncError, syncError } from '../errors.js'
import type { SyncState } from '../state.js'
import { memoryStore, type StateStore } from '../store.js'
import { type CollectionItem, collectionsClient, type CollectionsClientOptions } from './client.js'
import {
  type Head,
  itemsOf,
  joinState,
  keysOf,
  MAX_VALUE_CHARS,
  parseHead,
  splitState,
} from './parts.js'

export interface CollectionStoreOptions extends CollectionsClientOptions {
  /** The head's key; the parts' keys start with it and `:` (default `primero-interop`). */
  readonly key?: string
  /** The longest value written (default 900,000 characters: Lightning refuses over 1,000,000). */
  readonly maxValueChars?: number
  /** The most characters of values in one `POST` (default 4,000,000). */
  readonly batchChars?: number
}

export interface CollectionStore extends StateStore {
  /** The state as last loaded or saved (a copy). */
  readonly current: () => SyncState | undefined
  /** The collection's revision as last loaded or saved; `undefined` while it holds none. */
  readonly revision: () => number | undefined
}

/** `@openfn/language-collections` posts at most 1,000 items at a time: so do we. */
const BATCH_ITEMS = 1_000

const batches = (items: ReadonlyArray<CollectionItem>, maxChars: number): CollectionItem[][] => {
  const out: CollectionItem[][] = []
  let batch: CollectionItem[] = []
  let chars = 0
  for (const item of items) {
    if (batch.length > 0 && (batch.length >= BATCH_ITEMS || chars + item.value.length > maxChars)) {
      out.push(batch)
      batch = []
      chars = 0
    }
    batch.push(item)
    chars += item.value.length
  }
  if (batch.length > 0) out.push(batch)
  return out
}

/** The same decoding (schema, version) as the other stores: `memoryStore` decodes on load. */
const decode = async (u: unknown): Promise<E.Either<SyncError, SyncState | undefined>> => {
  const store = memoryStore()
  await store.save(u as SyncState)()
  return store.load()()
}

const refKey = (r: { readonly name: string; readonly hash: string }) => `${r.name}:${r.hash}`

/**
 * A `StateStore` keeping the SyncState in an OpenFn Collection: for OpenFn jobs, whose
 * `state` must stay under 50 KB, or any host that has a Lightning token and no disk.
 *
 * No `lock`: the Collections API has no conditional write. A save checks first that the
 * head is still the one this store loaded (else `STATE_LOCKED`), which catches a second
 * run that saved in between, but not two saves at the same instant: keep one run at a
 * time per key (one cron trigger per workflow does).
 */
export const collectionStore = (options: CollectionStoreOptions): CollectionStore => {
  const client = collectionsClient(options)
  const key = options.key ?? 'primero-interop'
  if (!/^[A-Za-z0-9._-]+$/.test(key))
    throw new TypeError('the collection key may hold only letters, digits, ".", "_" and "-"')
  const maxValueChars = options.maxValueChars ?? MAX_VALUE_CHARS
  const batchChars = options.batchChars ?? 4_000_000
  const where = `collection ${options.name}`

  let head: Head | undefined
  let known = false
  let current: string | undefined
  /** Values no head names (a save that died half-way): removed by the next save. */
  const orphans = new Set<string>()

  const readHead = async (): Promise<E.Either<SyncError, Head | undefined>> => {
    const text = await client.get(key)
    if (E.isLeft(text) || text.right === undefined) return text as E.Either<SyncError, undefined>
    const parsed = parseHead(text.right)
    return parsed === undefined
      ? E.left(
          syncError(
            'STATE_INVALID',
            `${where}: ${key} is not a state written by primero-interop; it is left as it is`,
          ),
        )
      : E.right(parsed)
  }

  const load = async (): Promise<E.Either<SyncError, SyncState | undefined>> => {
    const found = await readHead()
    if (E.isLeft(found)) return found
    if (found.right === undefined) {
      head = undefined
      known = true
      current = undefined
      return E.right(undefined)
    }
    const listed = await client.list(`${key}:*`)
    if (E.isLeft(listed)) return listed
    // Lightning's pattern is SQL LIKE: `_` matches any character, so keep our own keys only.
    const values = new Map(
      listed.right.filter((i) => i.key.startsWith(`${key}:`)).map((i) => [i.key, i.value]),
    )
    const joined = joinState(key, found.right, values)
    if ('problem' in joined)
      return E.left(syncError('STATE_INVALID', `${where}: ${joined.problem}; it is left as it is`))
    const decoded = await decode(joined.state)
    if (E.isLeft(decoded)) return decoded
    const named = new Set(found.right.parts.flatMap((r) => keysOf(key, r)))
    for (const k of values.keys()) if (!named.has(k)) orphans.add(k)
    head = found.right
    known = true
    current = JSON.stringify(decoded.right)
    return decoded
  }

  const save = async (state: SyncState): Promise<E.Either<SyncError, void>> => {
    if (!known) {
      const found = await readHead()
      if (E.isLeft(found)) return found
      head = found.right
      known = true
    }
    const parts = splitState(state, maxValueChars)
    const before = new Set((head?.parts ?? []).map(refKey))
    const changed = parts.filter((p) => !before.has(refKey(p.ref)))
    const after = new Set(parts.map((p) => refKey(p.ref)))
    if (changed.length === 0 && before.size === after.size && orphans.size === 0) {
      current = JSON.stringify(state)
      return E.right(undefined)
    }
    const remote = await readHead()
    if (E.isLeft(remote)) return remote
    if ((remote.right?.revision ?? 0) !== (head?.revision ?? 0))
      return E.left(
        syncError(
          'STATE_LOCKED',
          `${where}: another run saved revision ${remote.right?.revision ?? 0} after this one read revision ${head?.revision ?? 0}; it is left as it is`,
        ),
      )
    for (const batch of batches(
      changed.flatMap((p) => itemsOf(key, p)),
      batchChars,
    )) {
      const written = await client.putAll(batch)
      if (E.isLeft(written)) return written
    }
    const next: Head = {
      format: 1,
      revision: (head?.revision ?? 0) + 1,
      parts: parts.map((p) => p.ref),
    }
    const put = await client.put(key, JSON.stringify(next))
    if (E.isLeft(put)) return put
    const kept = new Set(next.parts.flatMap((r) => keysOf(key, r)))
    const stale = [
      ...(head?.parts ?? []).flatMap((r) => keysOf(key, r)).filter((k) => !kept.has(k)),
      ...[...orphans].filter((k) => !kept.has(k)),
    ]
    head = next
    current = JSON.stringify(state)
    orphans.clear()
    // The head no longer names them: one that cannot be removed now is removed next time.
    for (const k of new Set(stale)) {
      const removed = await client.remove(k)
      if (E.isLeft(removed)) orphans.add(k)
    }
    return E.right(undefined)
  }

  return {
    load: (): TE.TaskEither<SyncError, SyncState | undefined> => load,
    save: (state) => () => save(state),
    current: () => (current === undefined ? undefined : (JSON.parse(current) as SyncState)),
    revision: () => head?.revision,
  }
}
