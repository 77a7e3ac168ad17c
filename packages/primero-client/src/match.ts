/**
 * Finding a case by exact keys, and upserting by them. Primero drops a filter the role
 * cannot read and returns everything, and reads an all-digit value as a number that
 * matches no text field: so the filters only narrow the search, and every returned
 * record is checked field by field before it counts as a match.
 */
import * as A from 'fp-ts/lib/Array.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { casesPath, createCase, getCase, updateCase } from './cases.js'
import type { CaseMatch, PrimeroCaseWrite } from './codecs/Case.js'
import { PrimeroCase } from './codecs/Case.js'
import { ListEnvelope } from './codecs/Envelope.js'
import type { PrimeroError } from './errors.js'
import { AmbiguousMatch, isNotFound } from './errors.js'
import { decode, siteOf } from './http.js'
import { maxPer } from './query.js'
import type { ApiContext } from './transport.js'

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

const matches =
  (entries: ReadonlyArray<readonly [string, string]>) =>
  (raw: unknown): boolean =>
    typeof raw === 'object' &&
    raw !== null &&
    entries.every(([key, value]) => (raw as Record<string, unknown>)[key] === value)

/** Filters that narrow the search: all-digit values go through `query` + `id_search`. */
const searchParams = (
  entries: ReadonlyArray<readonly [string, string]>,
  page: number,
): URLSearchParams => {
  const params = new URLSearchParams()
  for (const [key, value] of entries) {
    if (!/^\d+$/.test(value)) params.set(key, value)
    else if (!params.has('query')) {
      params.set('query', value)
      params.set('id_search', 'true')
    }
  }
  params.set('page', String(page))
  params.set('per', String(maxPer))
  params.set('order_by', 'created_at')
  params.set('order', 'asc')
  return params
}

const byId = (ctx: ApiContext, id: string, entries: ReadonlyArray<readonly [string, string]>) =>
  pipe(
    getCase(ctx)(id),
    TE.map((c): ReadonlyArray<PrimeroCase> => (matches(entries)(c) ? [c] : [])),
    TE.orElse((e) => (isNotFound(e) ? TE.right([]) : TE.left(e))),
  )

/**
 * Every case whose fields equal every key of `match`. Reads every page of the search when
 * the server returns more than the matches (a dropped filter), and says so in the log.
 */
export const findCases =
  (ctx: ApiContext) =>
  (match: CaseMatch): TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroCase>> => {
    const entries = matchEntries(match)
    if (match.id !== undefined) return byId(ctx, match.id, entries)
    const keys = entries.map(([key]) => key).join(',')
    const step = (
      page: number,
      found: ReadonlyArray<PrimeroCase>,
    ): TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroCase>> => {
      const params = searchParams(entries, page)
      const site = { method: 'GET' as const, path: `${casesPath}?${params.toString()}` }
      const decodeMatch = (raw: unknown) => decode(PrimeroCase, raw, siteOf(site, raw))
      return pipe(
        ctx.send({ method: 'GET', path: casesPath, query: params }),
        TE.chainEitherKW((r) => decode(ListEnvelope, r.body, site)),
        TE.chainEitherKW(({ data, metadata }) =>
          pipe(
            A.traverse(E.Applicative)(decodeMatch)(data.filter(matches(entries))),
            E.map((cases) => ({
              all: [...found, ...cases],
              more: data.length >= maxPer && page * maxPer < metadata.total,
              total: metadata.total,
            })),
          ),
        ),
        TE.chain(({ all, more, total }) => {
          if (more) return step(page + 1, all)
          if (total > all.length && !params.has('query')) {
            ctx.config.logger.warn('primero.match.unfiltered', { keys, total, matched: all.length })
          }
          return TE.right(all)
        }),
      )
    }
    return step(1, [])
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
