/**
 * Where an OpenFn job keeps the sync state: in `state.sync` (a memory store, as before),
 * or, with the `collection` option, in an OpenFn Collection, `state.sync` then holding
 * only the cursors and a pointer `{ collection: { name, key, revision } }`.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

import { collectionStore } from '../collections/index.js'
import { syncError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { SyncState } from '../state.js'
import { memoryStore, type StateStore } from '../store.js'

/** OpenFn's state limit: a larger final state is refused. */
export const OPENFN_STATE_LIMIT = 50_000

/** Which collection, and under which key (default `primero-interop`). */
export type CollectionOption = string | { readonly name: string; readonly key?: string }

/** What OpenFn's collections adaptor reads from `state.configuration`. */
export const CollectionsConfiguration = t.intersection(
  [
    t.type({ collections_endpoint: t.string, collections_token: t.string }),
    t.partial({ project_id: t.string }),
  ],
  'CollectionsConfiguration',
)

/** `state.sync` when the state lives in a collection. */
export const CollectionPointer = t.type(
  {
    cursors: t.UnknownRecord,
    collection: t.type({ name: t.string, key: t.string, revision: t.number }),
  },
  'CollectionPointer',
)
export type CollectionPointer = t.TypeOf<typeof CollectionPointer>

export interface OpenedStore {
  readonly store: StateStore
  /** `state.sync` after the run. */
  readonly result: () => unknown
}

export interface StoreProblem {
  readonly code: 'CONFIG_INVALID'
  readonly message: string
  readonly fix: string
}

const problem = (message: string, fix: string): E.Either<StoreProblem, never> =>
  E.left({ code: 'CONFIG_INVALID', message, fix })

/** The run's store, from `state.sync`, `state.configuration` and the `collection` option. */
export const openStore = async (
  sync: unknown,
  configuration: unknown,
  option: CollectionOption | undefined,
  logger: Logger | undefined,
): Promise<E.Either<StoreProblem, OpenedStore>> => {
  const pointer = CollectionPointer.is(sync) ? sync : undefined
  if (option === undefined) {
    if (pointer !== undefined)
      return problem(
        `state.sync points at collection ${pointer.collection.name}: the state is there`,
        `Run the operation with { collection: '${pointer.collection.name}' }.`,
      )
    const store = memoryStore()
    // memoryStore decodes on load: an invalid saved state fails the run.
    if (sync !== undefined) await store.save(sync as SyncState)()
    return E.right({ store, result: () => warnIfLarge(store.current(), logger) })
  }
  const { name, key = 'primero-interop' } = typeof option === 'string' ? { name: option } : option
  if (!CollectionsConfiguration.is(configuration))
    return problem(
      'state.configuration: missing or invalid collections_endpoint, collections_token',
      'Add collections_endpoint (https://<lightning>/collections) and collections_token (a personal access token) to the credential.',
    )
  if (pointer !== undefined && (pointer.collection.name !== name || pointer.collection.key !== key))
    return problem(
      `state.sync points at collection ${pointer.collection.name} key ${pointer.collection.key}, not ${name} key ${key}`,
      'Use the collection the state is in, or remove state.sync to start again from `since`.',
    )
  let inner: ReturnType<typeof collectionStore>
  try {
    inner = collectionStore({
      name,
      key,
      token: configuration.collections_token,
      baseUrl: configuration.collections_endpoint,
      ...(configuration.project_id === undefined ? {} : { projectId: configuration.project_id }),
    })
  } catch (e) {
    return problem(
      `collections: ${(e as Error).message}`,
      'Check collections_endpoint and the collection option.',
    )
  }
  const where = `collection ${name} key ${key}`
  const store: StateStore = {
    load: () => async () => {
      const loaded = await inner.load()()
      if (E.isLeft(loaded)) return loaded
      const revision = inner.revision()
      if (loaded.right === undefined) {
        if (pointer !== undefined)
          return E.left(
            syncError(
              'STATE_INVALID',
              `${where} holds no state, but state.sync says revision ${pointer.collection.revision} was saved there; it is left as it is`,
            ),
          )
        // A state.sync from before the collection: the first save moves it there.
        if (sync === undefined) return loaded
        const legacy = memoryStore()
        await legacy.save(sync as SyncState)()
        return legacy.load()()
      }
      if (pointer !== undefined && (revision ?? 0) < pointer.collection.revision)
        return E.left(
          syncError(
            'STATE_INVALID',
            `${where} is at revision ${revision ?? 0}, older than revision ${pointer.collection.revision} in state.sync; it is left as it is`,
          ),
        )
      return loaded
    },
    save: inner.save,
  }
  return E.right({
    store,
    result: () => {
      const revision = inner.revision()
      // Nothing in the collection yet (a dry run, say): state.sync stays as it was.
      if (revision === undefined) return sync
      return {
        cursors: inner.current()?.cursors ?? {},
        collection: { name, key, revision },
      } satisfies CollectionPointer
    },
  })
}

/** Today's behaviour, with a warning when the state outgrows OpenFn's limit. */
const warnIfLarge = (state: SyncState | undefined, logger: Logger | undefined): unknown => {
  if (state === undefined) return state
  const bytes = Buffer.byteLength(JSON.stringify(state))
  if (bytes > OPENFN_STATE_LIMIT) {
    const fields = { bytes, limit: OPENFN_STATE_LIMIT }
    if (logger !== undefined) logger.warn('openfn.state-too-large', fields)
    // No logger: a Node.js process warning (stderr), quoting only the size.
    else
      process.emitWarning(
        `state.sync is ${bytes} bytes, over OpenFn's ${OPENFN_STATE_LIMIT}: keep it in a collection (sync({ collection: '<name>' }))`,
        { code: 'PRIMERO_INTEROP_STATE_TOO_LARGE' },
      )
  }
  return state
}
