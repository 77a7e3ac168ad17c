/**
 * `createPrimeroClient`: the typed Primero v2 client. Every method returns a `TaskEither`
 * (nothing runs until the task is called) and never throws for an expected failure; it
 * throws only for a programmer error (bad options, an impossible query, an empty match).
 */
import { pauseGate, semaphore } from '@primero-interop/http'
import type * as E from 'fp-ts/lib/Either.js'
import type * as T from 'fp-ts/lib/Task.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { authenticator } from './auth.js'
import type { CasePage } from './casePage.js'
import { createCase, type CreateCaseOptions, getCase, listCases, updateCase } from './cases.js'
import type { CaseMatch, PrimeroCase, PrimeroCaseWrite } from './codecs/Case.js'
import type { PrimeroAgency, PrimeroLookup, PrimeroUser } from './codecs/Directory.js'
import type {
  PrimeroReferral,
  PrimeroReferralCreate,
  PrimeroReferralUpdate,
} from './codecs/Referral.js'
import { type ConditionalUpdate, updateCaseIf } from './conditional.js'
import type { DirectoryQuery } from './directory.js'
import { listAgencies, listLookups, listUsers } from './directory.js'
import type { PrimeroError } from './errors.js'
import { createAttempt } from './http.js'
import type { UpsertCaseInput, UpsertResult } from './match.js'
import { findCases, upsertCase } from './match.js'
import { findCasesByAny, type IdentifierKey } from './matchMany.js'
import type { PrimeroClientOptions } from './options.js'
import { clientConfig } from './options.js'
import { pages } from './paging.js'
import type { CaseQuery } from './query.js'
import type { CaseReferrals, ReferralsRead } from './referrals.js'
import {
  createReferral,
  listReferrals,
  listReferralsMany,
  readReferrals,
  updateReferral,
} from './referrals.js'
import { createSend } from './request.js'

/** The client. Case and referral ids in paths are the record `id`, not `case_id`. */
export interface PrimeroClient {
  /** `GET /api/v2/cases/:id`. */
  readonly getCase: (id: string) => TE.TaskEither<PrimeroError, PrimeroCase>
  /**
   * `POST /api/v2/cases`; retried safely only when `data.id` is set (client-chosen id). A
   * case Primero answers without (204) is read back: `options.readBack`, else by id.
   */
  readonly createCase: (
    data: PrimeroCaseWrite,
    options?: CreateCaseOptions,
  ) => TE.TaskEither<PrimeroError, PrimeroCase>
  /**
   * `PATCH /api/v2/cases/:id` (rows merge by `unique_id`), then the case as it stands: with
   * `held` (the case as last read), Primero's answer (the changed fields) merged into it,
   * without a read-back; else read again.
   */
  readonly updateCase: (
    id: string,
    patch: PrimeroCaseWrite,
    held?: PrimeroCase,
  ) => TE.TaskEither<PrimeroError, PrimeroCase>
  /**
   * `PATCH /api/v2/cases/:id` only while `still(current)` holds for the case read just
   * before each attempt (sent once per attempt: a retry reads again). Primero has no
   * compare-and-set; this keeps a retried write from undoing what a person did meanwhile.
   */
  readonly updateCaseIf: (
    id: string,
    patch: PrimeroCaseWrite,
    still: (current: PrimeroCase) => boolean,
  ) => TE.TaskEither<PrimeroError, ConditionalUpdate>
  /** The cases whose fields equal every key of `match`, each checked field by field. */
  readonly findCases: (match: CaseMatch) => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroCase>>
  /**
   * The cases whose `key` equals each of `values`, by value (`[]` for a value no case
   * holds): one search `key[]=v1&key[]=v2…` per 100 values, each case checked on the
   * answer; fails as `findCases` does for the whole lookup.
   */
  readonly findCasesByAny: (
    key: IdentifierKey,
    values: ReadonlyArray<string>,
  ) => TE.TaskEither<PrimeroError, ReadonlyMap<string, ReadonlyArray<PrimeroCase>>>
  /** No match: create; one: update; several: `AmbiguousMatch`, nothing written. */
  readonly upsertCase: (input: UpsertCaseInput) => TE.TaskEither<PrimeroError, UpsertResult>
  /**
   * One page of cases, read tolerantly: a record with unusable ids is listed in `rejected`,
   * one read with a field repaired or left out in `repaired`.
   */
  readonly listCases: (query?: CaseQuery) => TE.TaskEither<PrimeroError, CasePage>
  /**
   * Every case of the `updatedSince..updatedUntil` window (until: when iteration starts),
   * each once, by keyset paging on `last_updated_at asc`. Ends after yielding a `Left`.
   */
  readonly pages: (query?: CaseQuery) => AsyncIterable<E.Either<PrimeroError, CasePage>>
  /** `GET /api/v2/cases/:id/referrals`; fails (`DecodeError`) on a referral without an id. */
  readonly listReferrals: (
    caseId: string,
  ) => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroReferral>>
  /**
   * `GET /api/v2/cases/:id/referrals`, each referral on its own: `rejected` (no usable
   * `id`) and `repaired` (a field repaired or left out) beside the referrals.
   */
  readonly readReferrals: (caseId: string) => TE.TaskEither<PrimeroError, ReferralsRead>
  /** The referrals of many cases, `concurrency` requests at a time, one result per case. */
  readonly listReferralsMany: (
    caseIds: ReadonlyArray<string>,
  ) => T.Task<ReadonlyArray<CaseReferrals>>
  /** `POST /api/v2/cases/:id/referrals` (never retried: it has no client-chosen id). */
  readonly createReferral: (
    caseId: string,
    data: PrimeroReferralCreate,
  ) => TE.TaskEither<PrimeroError, PrimeroReferral>
  /** Moves a referral to `status`; `TransitionRejected` when Primero did not move it. */
  readonly updateReferral: (
    caseId: string,
    referralId: string,
    update: PrimeroReferralUpdate,
  ) => TE.TaskEither<PrimeroError, PrimeroReferral>
  /** Every lookup (all pages). */
  readonly listLookups: () => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroLookup>>
  /** Every user matching the filters (all pages). */
  readonly listUsers: (
    query?: DirectoryQuery,
  ) => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroUser>>
  /** Every agency (all pages). */
  readonly listAgencies: () => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroAgency>>
}

/**
 * Creates a client. Throws a `TypeError` for options that cannot work (plain http to a
 * remote host, empty credentials, …); the message never quotes an option's value.
 *
 * @example
 * const primero = createPrimeroClient({ baseUrl: 'https://primero.example.org', auth: { username, password } })
 * const result = await primero.getCase('e3b0c442-98fc-4c14-9afb-f4c8996fb924')()
 * if (E.isRight(result)) use(result.right)
 */
export const createPrimeroClient = (options: PrimeroClientOptions): PrimeroClient => {
  const config = clientConfig(options)
  // One gate per client: a server asking for a rest slows every request down, not one.
  const gate = pauseGate({
    maxPauseMs: Math.max(config.retry.maxDelayMs, config.retry.maxRetryAfterMs),
  })
  const attempt = createAttempt(config, semaphore(config.concurrency), gate)
  const ctx = { config, send: createSend(config, authenticator(config, attempt), attempt, gate) }
  return Object.freeze({
    getCase: getCase(ctx),
    createCase: createCase(ctx),
    updateCase: updateCase(ctx),
    updateCaseIf: updateCaseIf(ctx),
    findCases: findCases(ctx),
    findCasesByAny: findCasesByAny(ctx),
    upsertCase: upsertCase(ctx),
    listCases: listCases(ctx),
    pages: pages(ctx),
    listReferrals: listReferrals(ctx),
    readReferrals: readReferrals(ctx),
    listReferralsMany: listReferralsMany(ctx),
    createReferral: createReferral(ctx),
    updateReferral: updateReferral(ctx),
    listLookups: listLookups(ctx),
    listUsers: listUsers(ctx),
    listAgencies: listAgencies(ctx),
  })
}
