/**
 * Finding a case by exact keys, and upserting by them. Primero drops a filter on a field
 * the role cannot read and returns everything, reads an all-digit value of a
 * non-identifier field as a number that matches no text, and its id search answers the
 * summary fields only: so the filters only narrow the search (a filter search, never the
 * id search), every candidate is checked field by field, and a lookup that cannot be
 * trusted fails (`UncertainMatch`) so that an upsert never creates a duplicate.
 *
 * A filter search without `fields` answers each case with every field the role may read,
 * as `GET /api/v2/cases/:id` does (`select_fields_for_index` and `select_fields_to_show`
 * both fall back to the permitted fields: app/controllers/api/v2/concerns/record.rb,
 * app/services/field_selection_service.rb), so candidates are checked on the search's
 * answer: no second read per candidate.
 */
import * as A from 'fp-ts/lib/Array.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { caseFromRecord, casesPath, createCase, getCase, updateCase } from './cases.js'
import type { CaseMatch, PrimeroCase, PrimeroCaseWrite } from './codecs/Case.js'
import { ListEnvelope } from './codecs/Envelope.js'
import type { PrimeroError } from './errors.js'
import { AmbiguousMatch, isNotFound, UncertainMatch } from './errors.js'
import { decode } from './http.js'
import { maxPer } from './query.js'
import type { ApiContext } from './request.js'

/** What `upsertCase` takes: the keys that identify the case, and the fields to write. */
export interface UpsertCaseInput {
  readonly match: CaseMatch
  readonly data: PrimeroCaseWrite
}

/** What `upsertCase` did, and the case as it now stands. */
export interface UpsertResult {
  readonly action: 'created' | 'updated'
  readonly case: PrimeroCase
}

const matchEntries = (match: CaseMatch): ReadonlyArray<readonly [string, string]> => {
  const entries = Object.entries(match).filter(([, v]) => v !== undefined)
  if (entries.length === 0) throw new TypeError('a case match needs at least one key')
  return entries.map(([key, value]) => {
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`match.${key} must be a non-empty string`)
    }
    return [key, value] as const
  })
}

/**
 * Match keys that are Primero identifier fields (`Child.filterable_id_fields`): their
 * filters are exact text and apply whatever the role may read (`select_id_params`).
 */
const identifierKeys: ReadonlySet<string> = new Set(['case_id', 'oscar_number'])

type Entries = ReadonlyArray<readonly [string, string]>
type Verdict = 'match' | 'no' | 'unknown'

/** How a record stands against the keys: `unknown` when it does not show a key's field. */
const verdictOf = (entries: Entries, raw: unknown): Verdict => {
  if (typeof raw !== 'object' || raw === null) return 'no'
  const record = raw as Record<string, unknown>
  let unknown = false
  for (const [key, value] of entries) {
    if (record[key] === undefined) unknown = true
    else if (record[key] !== value) return 'no'
  }
  return unknown ? 'unknown' : 'match'
}

/**
 * The filters that narrow the search. An all-digit value of a non-identifier field is
 * left out: Primero reads it as a number that matches no text (`DestringifyService`).
 */
const searchParams = (entries: Entries): URLSearchParams => {
  const params = new URLSearchParams()
  for (const [key, value] of entries) {
    if (identifierKeys.has(key) || !/^\d+$/.test(value)) params.set(key, value)
  }
  return params
}

/** Re-reads a candidate by id and checks every key on the whole record. */
const confirmed = (
  ctx: ApiContext,
  id: string,
  entries: Entries,
): TE.TaskEither<PrimeroError, PrimeroCase | undefined> =>
  pipe(
    getCase(ctx)(id),
    TE.chain((c) => {
      const verdict = verdictOf(entries, c)
      if (verdict === 'unknown') {
        return TE.left<PrimeroError>(
          UncertainMatch({ keys: entries.map(([k]) => k), reason: 'unreadable' }),
        )
      }
      return TE.right(verdict === 'match' ? c : undefined)
    }),
    TE.orElse((e) => (isNotFound(e) ? TE.right(undefined) : TE.left(e))),
  )

const confirmAll = (ctx: ApiContext, ids: ReadonlyArray<string>, entries: Entries) =>
  pipe(
    A.sequence(TE.ApplicativeSeq)(ids.map((id) => confirmed(ctx, id, entries))),
    TE.map((cases) => cases.filter((c): c is PrimeroCase => c !== undefined)),
  )

/**
 * Every case whose fields equal every key of `match`. The search sends the filters that
 * Primero applies as text; every case it answers that may match is read again by id and
 * checked field by field (a list answer may be partial). It fails with `UncertainMatch`,
 * rather than answer "no match", when it cannot tell (see `UncertainMatch`).
 */
export const findCases =
  (ctx: ApiContext) =>
  (match: CaseMatch): TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroCase>> => {
    const entries = matchEntries(match)
    const keys = entries.map(([key]) => key)
    if (match.id !== undefined) return confirmAll(ctx, [match.id], entries)
    const params = searchParams(entries)
    if ([...params.keys()].length === 0) {
      return TE.left(UncertainMatch({ keys, reason: 'digits' }))
    }
    params.set('page', '1')
    params.set('per', String(maxPer))
    const site = { method: 'GET' as const, path: `${casesPath}?${params.toString()}` }
    return pipe(
      ctx.send({ method: 'GET', path: casesPath, query: params }),
      TE.chainEitherKW((r) => decode(ListEnvelope, r.body, site)),
      TE.chainW(({ data, metadata }) => {
        if (metadata.total > data.length) {
          return TE.left<PrimeroError>(UncertainMatch({ keys, reason: 'unfiltered' }))
        }
        const candidates = data.filter((u) => verdictOf(entries, u) !== 'no')
        if (candidates.length < data.length) {
          ctx.config.logger.warn('primero.match.unfiltered', {
            keys: keys.join(','),
            total: metadata.total,
            matched: candidates.length,
          })
        }
        return TE.fromEither(matching(ctx, candidates, entries, site))
      }),
    )
  }

/**
 * The candidates of a search answer that match every key, decoded as cases: `UncertainMatch`
 * when one does not show a key's field (the role cannot read it, or the case lacks it).
 */
const matching = (
  ctx: ApiContext,
  candidates: ReadonlyArray<unknown>,
  entries: Entries,
  site: { readonly method: 'GET'; readonly path: string },
): E.Either<PrimeroError, ReadonlyArray<PrimeroCase>> => {
  const found: PrimeroCase[] = []
  for (const raw of candidates) {
    const verdict = verdictOf(entries, raw)
    if (verdict === 'unknown')
      return E.left(UncertainMatch({ keys: entries.map(([k]) => k), reason: 'unreadable' }))
    if (verdict === 'no') continue
    const decoded = caseFromRecord(ctx, raw, site)
    if (E.isLeft(decoded)) return decoded
    found.push(decoded.right)
  }
  return E.right(found)
}

/**
 * Creates the case when no case matches, updates it when exactly one does, and writes
 * nothing (`AmbiguousMatch`) when several do. A created case carries the match keys.
 */
export const upsertCase =
  (ctx: ApiContext) =>
  ({ match, data }: UpsertCaseInput): TE.TaskEither<PrimeroError, UpsertResult> => {
    const entries = matchEntries(match)
    for (const [key, value] of entries) {
      if (data[key] !== undefined && data[key] !== value) {
        throw new TypeError(`data.${key} differs from match.${key}`)
      }
    }
    // The match keys fill in where `data` leaves them undefined, so the next run finds it.
    const created: PrimeroCaseWrite = { ...data, ...Object.fromEntries(entries) }
    return pipe(
      findCases(ctx)(match),
      TE.chain((found): TE.TaskEither<PrimeroError, UpsertResult> => {
        const [only, ...others] = found
        if (only === undefined) {
          return pipe(
            createCase(ctx)(created),
            TE.map((c) => ({ action: 'created', case: c })),
          )
        }
        if (others.length === 0) {
          return pipe(
            updateCase(ctx)(only.id, data),
            TE.map((c) => ({ action: 'updated', case: c })),
          )
        }
        return TE.left(
          AmbiguousMatch({ keys: entries.map(([k]) => k), ids: found.map((c) => c.id) }),
        )
      }),
    )
  }
