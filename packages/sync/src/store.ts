import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

import { failingPaths } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { type SyncError, syncError } from './errors.js'
import { fileLock, type Release } from './lock.js'
import {
  emptyState,
  joinLedgers,
  type LedgerName,
  LEDGERS,
  type LedgerSink,
  type LedgerSource,
  type ReferralEntry,
  SCHEMA_VERSION,
  splitLedgers,
  SyncState,
} from './state.js'
import { isMissing, readStateFile, writeStateFile } from './stateFile.js'

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
  /**
   * Records one referral ledger entry durably, before its POST (write-ahead), without
   * writing the whole state: the next `load` includes it, the next `save` supersedes it.
   * A store without `append` gets a whole `save` instead (several coalesced into one).
   */
  readonly append?: (entry: JournalEntry) => TE.TaskEither<SyncError, void>
  /**
   * `load`, without making the ledgers (`LEDGERS`) into objects: each entry, decoded, goes
   * to `sink` as it is read (the journal's after the saved ones, a later entry of a key
   * replacing an earlier one), and the state given back has them empty (`holdings` there
   * only if it was saved). On an error, what `sink` received must be thrown away. The sync
   * uses it when a store has it: after a first sync of 100,000 cases, the next run's memory
   * peaked while `JSON.parse` held the whole state as objects.
   */
  readonly loadInto?: (sink: LedgerSink) => TE.TaskEither<SyncError, SyncState | undefined>
  /**
   * `save`, with `head`'s ledgers (left empty in it) written from `ledgers`, one entry at a
   * time. The sync uses it for a run's last save when a store has it.
   */
  readonly saveFrom?: (head: SyncState, ledgers: LedgerSource) => TE.TaskEither<SyncError, void>
}

/** A referral ledger entry written ahead of its POST: ids, codes and times only. */
export interface JournalEntry {
  readonly key: string
  readonly entry: ReferralEntry
}

/** `state` with the journal's entries on top, in the order they were appended. */
export const withJournal = (state: SyncState, journal: ReadonlyArray<JournalEntry>): SyncState =>
  journal.length === 0
    ? state
    : {
        ...state,
        referrals: {
          ...state.referrals,
          ...Object.fromEntries(journal.map((j) => [j.key, j.entry])),
        },
      }

const versionOf = (u: unknown): unknown =>
  typeof u === 'object' && u !== null ? (u as { version?: unknown }).version : undefined

/** The state, or a ledger entry, is not what this version writes: `paths` say where. */
const schemaMismatch = (paths: string): SyncError =>
  syncError('STATE_INVALID', `saved state does not match schema (${paths}); it is left as it is`)

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
    E.mapLeft((errors) => schemaMismatch(failingPaths(errors).join(', '))),
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
  let journal: JournalEntry[] = []
  let locked = false
  const read = (): unknown => {
    const saved = json === undefined ? undefined : (JSON.parse(json) as SyncState)
    if (journal.length === 0) return saved
    return withJournal(saved ?? emptyState(), journal)
  }
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
    load: () => {
      const saved = read()
      return TE.fromEither(saved === undefined ? E.right(undefined) : decodeState(saved))
    },
    save: (state) =>
      TE.fromIO(() => {
        json = JSON.stringify(state)
        journal = []
      }),
    append: (entry) =>
      TE.fromIO(() => {
        journal.push(structuredClone(entry))
      }),
    current: () => read() as SyncState | undefined,
  }
}

const ioError = (what: string) => (e: unknown) =>
  syncError('STATE_IO', `cannot ${what} (${(e as { code?: string }).code ?? 'error'})`)

const readOptional = (path: string): Promise<string | undefined> =>
  readFile(path, 'utf8').catch((e: unknown) => (isMissing(e) ? undefined : Promise.reject(e)))

/** The journal's lines that follow save `generation`; a torn last line (a crash) is dropped. */
const journalOf = (text: string | undefined, generation: string): JournalEntry[] =>
  (text ?? '').split('\n').flatMap((line) => {
    try {
      const j = JSON.parse(line) as { g?: unknown; key?: unknown; entry?: unknown }
      return j.g === generation && typeof j.key === 'string'
        ? [{ key: j.key, entry: j.entry as ReferralEntry }]
        : []
    } catch {
      return []
    }
  })

/** Where a decoding load puts what it reads, and the first entry the schema refused. */
const decodingSink = (sink: LedgerSink) => {
  let invalid: string | undefined
  return {
    put: (ledger: LedgerName, key: string, value: unknown): void => {
      const decoded = LEDGERS[ledger].decode(value)
      // The path names the ledger, not the key: a key is an id, but a malformed one may not be.
      if (E.isLeft(decoded))
        invalid ??= failingPaths(decoded.left)
          .map((at) => `${ledger}.*${at === '' ? '' : `.${at}`}`)
          .join(', ')
      else sink.put(ledger, key, decoded.right as never)
    },
    invalid: () => invalid,
  }
}

/**
 * A JSON file, written atomically (temp file in the same folder, fsync, rename) with
 * mode 0600: the state holds ids of children's records, so only its owner reads it. A
 * run holds `<path>.lock` (see `lock.ts`), so two runs never share the state. Its ledgers
 * are read and written one entry at a time (`stateFile.ts`, `loadInto`, `saveFrom`).
 *
 * Write-ahead entries go to `<path>.journal`, one line each (fsync'd), tagged with the
 * generation (a random id) of the save they follow: `load` applies the lines of the loaded generation
 * (and decodes the result), `save` writes the next generation and then empties the
 * journal. A crash between the two leaves only lines of an older generation: ignored.
 */
export const fileStore = (path: string): StateStore => {
  const journalPath = `${path}.journal`
  let generation = ''
  const loadInto =
    (sink: LedgerSink): TE.TaskEither<SyncError, SyncState | undefined> =>
    async () => {
      const decoding = decodingSink(sink)
      let read: Awaited<ReturnType<typeof readStateFile>>
      let journal: string | undefined
      try {
        read = await readStateFile(path, decoding.put)
        journal = await readOptional(journalPath)
      } catch (e) {
        return E.left(ioError('read state file')(e))
      }
      if (read.kind === 'missing' && journal === undefined) return E.right(undefined)
      if (read.kind === 'not-json')
        return E.left(syncError('STATE_INVALID', 'state file is not JSON; it is left as it is'))
      // The rest first: a state of a newer version is refused as such, whatever its entries.
      const decoded = decodeState(read.kind === 'missing' ? emptyState() : read.head)
      if (E.isLeft(decoded)) return decoded
      const { generation: saved, ...state } = decoded.right
      // The save's id is the store's business: the run never sees it.
      generation = saved ?? ''
      for (const line of journalOf(journal, generation))
        decoding.put('referrals', line.key, line.entry)
      const invalid = decoding.invalid()
      if (invalid !== undefined) return E.left(schemaMismatch(invalid))
      return E.right(state)
    }
  const saveFrom = (head: SyncState, ledgers: LedgerSource): TE.TaskEither<SyncError, void> =>
    TE.tryCatch(async () => {
      await mkdir(dirname(path), { recursive: true })
      // One temp name: the lock keeps writers apart, and a killed save leaves no trail.
      const temp = `${path}.tmp`
      const next = randomUUID()
      const handle = await open(temp, 'w', 0o600)
      try {
        await writeStateFile(handle, { ...head, generation: next }, ledgers)
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
      generation = next
      await rm(journalPath, { force: true })
    }, ioError('write state file'))
  return {
    lock: () =>
      pipe(
        fileLock(`${path}.lock`),
        // A save killed half-way leaves its temp file: nobody else writes here now.
        TE.chainFirst(() =>
          TE.fromTask(() => rm(`${path}.tmp`, { force: true }).catch(() => undefined)),
        ),
      ),
    loadInto,
    load: () => {
      const tables = new Map<LedgerName, Array<readonly [string, unknown]>>()
      const collect: LedgerSink = {
        put: (ledger, key, entry) => {
          const entries = tables.get(ledger) ?? []
          entries.push([key, entry])
          tables.set(ledger, entries)
        },
      }
      return pipe(
        loadInto(collect),
        TE.map((head) => head && joinLedgers(head, Object.fromEntries(tables) as LedgerSource)),
      )
    },
    saveFrom,
    save: (state) => {
      const { head, ledgers } = splitLedgers(state)
      return saveFrom(head, ledgers)
    },
    append: ({ key, entry }) =>
      TE.tryCatch(async () => {
        await mkdir(dirname(path), { recursive: true })
        const handle = await open(journalPath, 'a', 0o600)
        try {
          // On a line of its own, even after a line a crash tore.
          await handle.appendFile(`\n${JSON.stringify({ g: generation, key, entry })}\n`)
          await handle.sync()
        } finally {
          await handle.close()
        }
      }, ioError('write state journal')),
  }
}
