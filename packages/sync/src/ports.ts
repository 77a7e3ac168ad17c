import type {
  OscarClient,
  OscarLinkUpdate,
  OscarReferralStatusUpdate,
  OscarUpsert,
} from '@primero-interop/oscar-client'
import type {
  CaseMatch,
  PrimeroCase,
  PrimeroCaseWrite,
  PrimeroReferral,
  ReferralStatus,
} from '@primero-interop/primero-client'
import type * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import type { ClientError } from './errors.js'

/** One page of a case read, as the Primero client yields it. */
export interface CasePageLike {
  readonly data: ReadonlyArray<PrimeroCase>
  readonly rejected: ReadonlyArray<{
    readonly index: number
    readonly id?: string
    readonly paths: ReadonlyArray<string>
  }>
  readonly total: number
}

/** What the sync uses of a Primero client: `createPrimeroClient(...)` satisfies it. */
export interface PrimeroPort {
  readonly pages: (query: {
    readonly updatedSince?: string
    readonly updatedUntil?: string
  }) => AsyncIterable<E.Either<ClientError, CasePageLike>>
  readonly getCase: (id: string) => TE.TaskEither<ClientError, PrimeroCase>
  readonly findCases: (match: CaseMatch) => TE.TaskEither<ClientError, ReadonlyArray<PrimeroCase>>
  readonly createCase: (data: PrimeroCaseWrite) => TE.TaskEither<ClientError, PrimeroCase>
  readonly updateCase: (
    id: string,
    patch: PrimeroCaseWrite,
  ) => TE.TaskEither<ClientError, PrimeroCase>
  readonly listReferrals: (
    caseId: string,
  ) => TE.TaskEither<ClientError, ReadonlyArray<PrimeroReferral>>
  readonly updateReferral: (
    caseId: string,
    referralId: string,
    update: { readonly status: ReferralStatus; readonly rejected_reason?: string },
  ) => TE.TaskEither<ClientError, PrimeroReferral>
}

/** What the sync uses of an OSCaR client: `createOscarClient(...)` satisfies it. */
export interface OscarPort {
  readonly readClients: (window: { readonly since: string }) => TE.TaskEither<
    ClientError,
    {
      readonly clients: ReadonlyArray<OscarClient>
      readonly rejected: ReadonlyArray<{
        readonly index: number
        readonly globalId?: string
        readonly paths: ReadonlyArray<string>
      }>
    }
  >
  readonly upsertClient: (
    payload: OscarUpsert,
  ) => TE.TaskEither<ClientError, { readonly externalId?: string; readonly message: string }>
  readonly updateLinks: (
    links: ReadonlyArray<OscarLinkUpdate>,
  ) => TE.TaskEither<ClientError, unknown>
  readonly updateReferralStatuses: (
    updates: ReadonlyArray<OscarReferralStatusUpdate>,
  ) => TE.TaskEither<ClientError, unknown>
}
