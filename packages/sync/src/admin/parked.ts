/**
 * Parked records: records that failed `maxAttempts` times and are no longer retried. An
 * administrator lists them, fixes the cause (a mapping entry, a Primero user, …), and
 * sends them back to the retry queue, due at once, so the next run takes them.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { type SyncError, syncError } from '../errors.js'
import { recordKey, type SyncState } from '../state.js'
import type { StateStore } from '../store.js'

/** A parked record: its flow, its id (a Primero record id or an OSCaR `global_id`), why. */
export interface ParkedRecord {
  readonly flow: string
  readonly id: string
  readonly code: string
  readonly attempts: number
}

const toParked = (e: SyncState['parked'][string]): ParkedRecord => ({
  flow: e.flow,
  id: e.id,
  code: e.code,
  attempts: e.attempts,
})

/**
 * The parked records of the state (none before the first run). Read-only.
 *
 * @example
 * const parked = await listParked(fileStore('.primero-interop/state.json'))()
 */
export const listParked =
  (store: StateStore): TE.TaskEither<SyncError, ReadonlyArray<ParkedRecord>> =>
  async () => {
    const loaded = await store.load()()
    if (E.isLeft(loaded)) return loaded
    return E.right(Object.values(loaded.right?.parked ?? {}).map(toParked))
  }

/** Runs `change` on the state under the store's lock, and saves the state it returns (if any). */
export const changeState =
  <A>(
    store: StateStore,
    change: (
      state: SyncState | undefined,
    ) => E.Either<SyncError, { readonly state?: SyncState; readonly value: A }>,
  ): TE.TaskEither<SyncError, A> =>
  async () => {
    const lock = store.lock === undefined ? undefined : await store.lock()()
    if (lock !== undefined && E.isLeft(lock)) return lock
    try {
      const loaded = await store.load()()
      if (E.isLeft(loaded)) return loaded
      const changed = change(loaded.right)
      if (E.isLeft(changed)) return changed
      const { state, value } = changed.right
      if (state === undefined) return E.right(value)
      const saved = await store.save(state)()
      return E.isLeft(saved) ? saved : E.right(value)
    } finally {
      if (lock !== undefined && E.isRight(lock)) await lock.right()
    }
  }

export interface RetryParkedOptions {
  /** One record: its id, or `flow:id` when two flows parked the same id. Default: all. */
  readonly record?: string
}

/**
 * Moves parked records back to the retry queue with no attempts and due now, so the next
 * run takes them (and parks them again after `maxAttempts` if the cause remains). Resolves
 * to the records moved; `NOT_FOUND` when `record` names no parked record.
 *
 * @example
 * await retryParked(fileStore('state.json'), { record: 'b8c5…' })()
 */
export const retryParked = (
  store: StateStore,
  options: RetryParkedOptions = {},
): TE.TaskEither<SyncError, ReadonlyArray<ParkedRecord>> =>
  changeState(store, (state) => {
    const entries = Object.entries(state?.parked ?? {}).filter(
      ([key, e]) =>
        options.record === undefined || key === options.record || e.id === options.record,
    )
    if (options.record !== undefined && entries.length === 0)
      return E.left(syncError('NOT_FOUND', `no parked record ${options.record}`))
    if (state === undefined || entries.length === 0) return E.right({ value: [] })
    const parked = { ...state.parked }
    const retries = { ...state.retries }
    for (const [key, e] of entries) {
      delete parked[key]
      retries[recordKey(e.flow, e.id)] = { ...e, attempts: 0, next: 0 }
    }
    return E.right({
      state: { ...state, parked, retries },
      value: entries.map(([, e]) => toParked(e)),
    })
  })
