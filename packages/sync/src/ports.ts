import type {
  ClientSink,
  OscarClient,
  OscarError,
  OscarLinkUpdate,
  OscarReferralStatusUpdate,
  OscarUpsert,
  ReadClientsIntoResult,
} from '@primero-interop/oscar-client'
import type {
  CaseMatch,
  CreateCaseOptions,
  PrimeroCase,
  PrimeroCaseWrite,
  PrimeroError,
  PrimeroReferral,
  ReferralStatus,
} from '@primero-interop/primero-client'
import type * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

/** One page of a case read, as the Primero client yields it. */
export interface CasePageLike {
  readonly data: ReadonlyArray<PrimeroCase>
  readonly rejected: ReadonlyArray<{
    readonly index: number
    readonly id?: string
    readonly paths: ReadonlyArray<string>
  }>
  /** Records read with a field repaired or left out (`dropped`): ids and paths only. */
  readonly repaired?: ReadonlyArray<{
    readonly index: number
    readonly id: string
    readonly paths: ReadonlyArray<string>
    readonly dropped: ReadonlyArray<string>
  }>
  readonly total: number
}

/** What the sync uses of a Primero client: `createPrimeroClient(...)` satisfies it. */
export interface PrimeroPort {
  readonly pages: (query: {
    readonly updatedSince?: string
    readonly updatedUntil?: string
  }) => AsyncIterable<E.Either<PrimeroError, CasePageLike>>
  readonly getCase: (id: string) => TE.TaskEither<PrimeroError, PrimeroCase>
  readonly findCases: (match: CaseMatch) => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroCase>>
  /**
   * The cases holding each of `values` in `key`, by value, in one search per 100 values
   * (`createPrimeroClient` has it): lookups on `case_id` or `oscar_number` alone are
   * batched through it. Without it, each lookup is a `findCases`.
   */
  readonly findCasesByAny?: (
    key: 'case_id' | 'oscar_number',
    values: ReadonlyArray<string>,
  ) => TE.TaskEither<PrimeroError, ReadonlyMap<string, ReadonlyArray<PrimeroCase>>>
  /** A case Primero answers without (a create with our id: 204) is read back by `readBack`. */
  readonly createCase: (
    data: PrimeroCaseWrite,
    options?: CreateCaseOptions,
  ) => TE.TaskEither<PrimeroError, PrimeroCase>
  readonly updateCase: (
    id: string,
    patch: PrimeroCaseWrite,
    /** The case as last read: the PATCH answer is merged into it instead of a read-back. */
    held?: PrimeroCase,
  ) => TE.TaskEither<PrimeroError, PrimeroCase>
  /**
   * A PATCH sent only while `still(current)` holds for the case read just before each
   * attempt (`createPrimeroClient` has it). Without it, `updateCase` is used.
   */
  readonly updateCaseIf?: (
    id: string,
    patch: PrimeroCaseWrite,
    still: (current: PrimeroCase) => boolean,
  ) => TE.TaskEither<PrimeroError, { readonly case: PrimeroCase; readonly written: boolean }>
  readonly listReferrals: (
    caseId: string,
  ) => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroReferral>>
  readonly updateReferral: (
    caseId: string,
    referralId: string,
    update: { readonly status: ReferralStatus; readonly rejected_reason?: string },
  ) => TE.TaskEither<PrimeroError, PrimeroReferral>
}

/**
 * An OSCaR read: the clients (as `A`), and the records refused or repaired, by place and
 * id (`repaired` may be left out by a port of another make).
 */
export type OscarRead<A> = Omit<ReadClientsIntoResult<A>, 'repaired'> &
  Partial<Pick<ReadClientsIntoResult<A>, 'repaired'>>

/** What the sync uses of an OSCaR client: `createOscarClient(...)` satisfies it. */
export interface OscarPort {
  readonly readClients: (window: {
    readonly since: string
  }) => TE.TaskEither<OscarError, OscarRead<ReadonlyArray<OscarClient>>>
  /**
   * `readClients`, each client handed to a fresh sink (`start`, once per attempt) as it
   * is decoded (`createOscarClient` has it): the sync then holds a large read packed,
   * never whole. Without it, the sync packs `readClients`' answer.
   */
  readonly readClientsInto?: <A>(
    window: { readonly since: string },
    start: () => ClientSink<A>,
  ) => TE.TaskEither<OscarError, OscarRead<A>>
  readonly upsertClient: (
    payload: OscarUpsert,
  ) => TE.TaskEither<OscarError, { readonly externalId?: string; readonly message: string }>
  readonly updateLinks: (
    links: ReadonlyArray<OscarLinkUpdate>,
  ) => TE.TaskEither<OscarError, unknown>
  readonly updateReferralStatuses: (
    updates: ReadonlyArray<OscarReferralStatusUpdate>,
  ) => TE.TaskEither<OscarError, unknown>
}
