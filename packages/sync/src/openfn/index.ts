/**
 * The sync as OpenFn operations: `(state) => Promise<state>` factories, for a job such as
 *
 * ```js
 * sync();
 * ```
 *
 * Credentials come from `state.configuration` (see `configuration-schema.json`). Cursors
 * and ledgers live in `state.sync`, which a cron trigger carries to the next run; the
 * run's report goes to `state.data`. Neither holds a credential or a child's data.
 *
 * With `sync({ collection: 'primero-interop' })` the ledgers live in that OpenFn
 * Collection (`collections_endpoint` and `collections_token` in `state.configuration`,
 * as OpenFn's collections adaptor takes them), and `state.sync` holds only the cursors
 * and a pointer: it stays a few hundred bytes whatever the history.
 */
import type * as LanguageCommonModule from '@openfn/language-common'
import * as E from 'fp-ts/lib/Either.js'

import { connect } from '../connect.js'
import type { Logger } from '../logger.js'
import type { FlowName, SyncReport } from '../report.js'
import { createSync } from '../sync.js'
import { type CollectionOption, openStore } from './collectionState.js'
import { readConfiguration } from './configuration.js'

export type {
  CollectionItem,
  CollectionsClientOptions,
  CollectionStore,
  CollectionStoreOptions,
} from '../collections/index.js'
export { collectionStore } from '../collections/index.js'
export type { CollectionOption, CollectionPointer } from './collectionState.js'
export { CollectionsConfiguration, OPENFN_STATE_LIMIT } from './collectionState.js'
export { OpenFnConfiguration } from './configuration.js'

type LanguageCommon = typeof LanguageCommonModule

/**
 * `@openfn/language-common`, loaded when an operation first needs it: the entry itself
 * loads (with `import` and `require`) without that optional peer, and only `fn` and `each`
 * fail, with a clear error, when it is missing.
 */
let languageCommon: Promise<LanguageCommon> | undefined
const common = (): Promise<LanguageCommon> =>
  (languageCommon ??= import('@openfn/language-common').catch(() => {
    languageCommon = undefined
    throw new SyncOperationError(
      'PEER_MISSING',
      '@openfn/language-common is not installed',
      'Install it beside @primero-interop/sync (npm install @openfn/language-common); OpenFn installs it for a job that uses this adaptor.',
    )
  }))

/** OpenFn's `fn`: runs a function of the state as an operation (from `@openfn/language-common`). */
export const fn =
  <S>(func: (state: S) => S | Promise<S>): ((state: S) => Promise<S>) =>
  async (state) =>
    (await common()).fn(func)(state)

/** OpenFn's `each`: runs an operation for each item a JSON path or function selects. */
export const each =
  <S>(
    dataSource: string | ((state: S) => unknown),
    operation: (state: S) => S | Promise<S>,
  ): ((state: S) => Promise<S>) =>
  async (state) =>
    (await common()).each(dataSource, operation)(state)

/** The state an OpenFn job passes between operations. */
export interface OpenFnState {
  readonly configuration?: unknown
  readonly sync?: unknown
  readonly data?: unknown
  readonly [key: string]: unknown
}

export interface SyncOperationOptions {
  /** Read and map only; `state.data.planned` lists the writes. */
  readonly dryRun?: boolean
  /** Where a first run starts (ISO date); default: the beginning. */
  readonly since?: string
  /** Records in parallel, 1 to 64 (default 16): each case's requests go one after another. */
  readonly concurrency?: number
  readonly overlapMinutes?: number
  readonly maxAttempts?: number
  readonly logger?: Logger
  /**
   * Keep the sync state in this OpenFn Collection (it must exist), `state.sync` holding
   * only the cursors and a pointer. Needs `collections_endpoint` and `collections_token` in
   * `state.configuration` (and `project_id` when the name is in several projects). A
   * `state.sync` from before moves to the collection on the first run. Without it, the
   * whole state stays in `state.sync`, with a warning once it is over OpenFn's 50 KB.
   */
  readonly collection?: CollectionOption
  /** The run's clock (default: the real time); for tests. */
  readonly clock?: () => Date
}

/**
 * A run that failed as a whole, in OpenFn's error style: a machine `code`, a message
 * with ids and field names only, and a `fix` hint.
 */
export class SyncOperationError extends Error {
  override readonly name = 'SyncOperationError'
  constructor(
    readonly code: string,
    message: string,
    readonly fix: string,
  ) {
    super(message)
  }
}

const operation =
  (flows: ReadonlyArray<FlowName> | undefined) =>
  (options: SyncOperationOptions = {}) =>
  async (
    state: OpenFnState,
  ): Promise<OpenFnState & { readonly sync: unknown; readonly data: SyncReport }> => {
    const read = readConfiguration(state.configuration)
    if (E.isLeft(read)) {
      throw new SyncOperationError(
        'CONFIG_INVALID',
        read.left,
        'Check the credential attached to this step against configuration-schema.json.',
      )
    }
    const { configuration: c, mapping } = read.right
    const opened = await openStore(
      state.sync,
      state.configuration,
      options.collection,
      options.logger,
    )
    if (E.isLeft(opened)) {
      throw new SyncOperationError(opened.left.code, opened.left.message, opened.left.fix)
    }
    const { store, result: finalSync } = opened.right
    const sync = createSync({
      ...connect(
        { primero: c.primero, oscar: c.oscar },
        {
          ...(options.logger === undefined ? {} : { logger: options.logger }),
          // The clients allow as many requests in flight as the sync runs records at once.
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        },
      ),
      config: mapping,
      store,
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.overlapMinutes === undefined
        ? {}
        : { overlapMs: options.overlapMinutes * 60_000 }),
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    })
    const result = await sync.run({
      ...(flows === undefined ? {} : { flows }),
      ...(options.dryRun === true ? { dryRun: true } : {}),
    })()
    if (E.isLeft(result)) {
      throw new SyncOperationError(
        result.left.code,
        `primero-interop sync failed (${result.left.code}): ${result.left.message}`,
        result.left.code === 'STATE_INVALID'
          ? options.collection === undefined
            ? 'state.sync was not written by this version: remove it to start again from `since`.'
            : 'The saved state (state.sync and the collection) was not written by this version, or the two disagree: see the message.'
          : result.left.code === 'STATE_LOCKED'
            ? 'Another run saved the state meanwhile: keep one run at a time on this collection key.'
            : 'Check that both systems are reachable and the credential is valid; the cursors did not move, so the next run retries the same window.',
      )
    }
    return { ...state, sync: finalSync(), data: result.right }
  }

/** Runs all four flows in order. */
export const sync = operation(undefined)
/** Flow 0: OSCaR ids back to Primero. */
export const syncOscarIds = operation(['oscar-ids'])
/** Flow 1: Primero referrals, decisions and links to OSCaR. */
export const syncPrimeroToOscar = operation(['primero-to-oscar'])
/** Flow 2: OSCaR decisions and cases to Primero. */
export const syncOscarToPrimero = operation(['oscar-to-primero'])
/** Flow 3: NGO referrals without a decision are marked pending in Primero. */
export const setPendingDefaults = operation(['pending-defaults'])
