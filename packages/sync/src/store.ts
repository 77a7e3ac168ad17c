import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

import { failingPaths } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { type SyncError, syncError } from './errors.js'
import { fileLock, type Release } from './lock.js'
import { SCHEMA_VERSION, SyncState } from './state.js'

/** Where the sync keeps its cursors and ledgers between runs. */
export interface StateStore {
  /** The saved state, or `undefined` before the first run. */
  readonly load: () => TE.TaskEither<SyncError, SyncState | undefined>
  readonly save: (state: SyncState) => TE.TaskEither<SyncError, void>
  /**
   * Takes the store for one run, or refuses (`STATE_LOCKED`) while another run has it.
   * A store without `lock` cannot keep two runs apart: its host must.
   */
  readonly lock?: () => TE.TaskEither<SyncError, Release>
}

const versionOf = (u: unknown): unknown =>
  typeof u === 'object' && u !== null ? (u as { version?: unknown }).version : undefined

const decodeState = (u: unknown): E.Either<SyncError, SyncState> => {
  const version = versionOf(u)
  if (typeof version === 'number' && version > SCHEMA_VERSION)
    return E.left(
      syncError(
        'STATE_INVALID',
        `the state was written by a newer primero-interop (state version ${version}; this one reads ${SCHEMA_VERSION}): upgrade, or restore an older state; it is left as it is`,
      ),
    )
  return pipe(
    SyncState.decode(u),
    E.mapLeft((errors) =>
      syncError(
        'STATE_INVALID',
        `saved state does not match schema (${failingPaths(errors).join(', ')}); it is left as it is`,
      ),
    ),
  )
}

/**
 * A store in memory: for tests, and for hosts that carry the state themselves (OpenFn).
 * It keeps a JSON copy, so a run never shares objects with the caller.
 */
export const memoryStore = (
  initial?: SyncState,
): StateStore & { readonly current: () => SyncState | undefined } => {
  let json = initial === undefined ? undefined : JSON.stringify(initial)
  let locked = false
  return {
    lock: () => () => {
      // Decided when the task runs, not when it is built: two runs started together see
      // each other.
      if (locked)
        return Promise.resolve(E.left(syncError('STATE_LOCKED', 'another run holds this state')))
      locked = true
      return Promise.resolve(
        E.right(() => {
          locked = false
          return Promise.resolve()
        }),
      )
    },
    load: () =>
      TE.fromEither(json === undefined ? E.right(undefined) : decodeState(JSON.parse(json))),
    save: (state) =>
      TE.fromIO(() => {
        json = JSON.stringify(state)
      }),
    current: () => (json === undefined ? undefined : (JSON.parse(json) as SyncState)),
  }
}

const isMissing = (e: unknown): boolean => (e as { code?: string }).code === 'ENOENT'

/**
 * A JSON file, written atomically (temp file in the same folder, fsync, rename) with
 * mode 0600: the state holds ids of children's records, so only its owner reads it. A
 * run holds `<path>.lock` (see `lock.ts`), so two runs never share the state.
 */
export const fileStore = (path: string): StateStore => ({
  lock: () =>
    pipe(
      fileLock(`${path}.lock`),
      // A save killed half-way leaves its temp file: nobody else writes here now.
      TE.chainFirst(() =>
        TE.fromTask(() => rm(`${path}.tmp`, { force: true }).catch(() => undefined)),
      ),
    ),
  load: () =>
    pipe(
      TE.tryCatch(
        () =>
          readFile(path, 'utf8').catch((e: unknown) =>
            isMissing(e) ? undefined : Promise.reject(e),
          ),
        (e) =>
          syncError(
            'STATE_IO',
            `cannot read state file (${(e as { code?: string }).code ?? 'error'})`,
          ),
      ),
      TE.chainEitherK((text) => {
        if (text === undefined) return E.right(undefined)
        const parsed = E.tryCatch(
          () => JSON.parse(text) as unknown,
          () => syncError('STATE_INVALID', 'state file is not JSON; it is left as it is'),
        )
        return E.chain(decodeState)(parsed)
      }),
    ),
  save: (state) =>
    TE.tryCatch(
      async () => {
        await mkdir(dirname(path), { recursive: true })
        // One temp name: the lock keeps writers apart, and a killed save leaves no trail.
        const temp = `${path}.tmp`
        const handle = await open(temp, 'w', 0o600)
        try {
          await handle.writeFile(`${JSON.stringify(state)}\n`)
          await handle.sync()
        } finally {
          await handle.close()
        }
        try {
          await rename(temp, path)
        } catch (e) {
          await rm(temp, { force: true })
          throw e
        }
      },
      (e) =>
        syncError(
          'STATE_IO',
          `cannot write state file (${(e as { code?: string }).code ?? 'error'})`,
        ),
    ),
})
