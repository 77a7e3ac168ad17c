/**
 * Every case of a `last_updated_at` window, page by page, each at most once, while cases
 * change underneath.
 *
 * What Primero does to a reader: offset pages shift when records move; a date range
 * compares whole seconds, inclusive at both ends; and records with equal sort keys come
 * in any order, a different one on each request (there is no tie-breaker). So:
 * - the window `since..until` is closed when iteration starts (`until`: the query's, else
 *   the client clock); the client keeps only records whose `last_updated_at` is in it, to
 *   the millisecond;
 * - the window is read by key, sorted by `last_updated_at asc`: each request starts at the
 *   second of the last record of the previous page (that whole second is read again, and
 *   the ids already yielded are skipped);
 * - when a whole page shares one second (more than `per` cases updated in it), that
 *   second is read in slices of `created_at` seconds, 1000 at a time, each slice narrowed
 *   until the server counts no more than fit in one page (then one page holds all of it,
 *   whatever the order). More than 1000 cases created in one second and updated in one
 *   second cannot be read reliably: `pages()` yields a `DenseWindow` error rather than
 *   lose any silently.
 *
 * Guarantee: every case whose `last_updated_at` is in the window, and that is not edited
 * during the read, is yielded exactly once; no case is yielded twice. A case edited during
 * the read is yielded at most once (it may leave the window: the next run, starting at
 * this run's `until`, reads it). Memory: one page and the ids yielded so far (`IdSet`:
 * about 22 bytes an id, outside V8's heap).
 */
import * as E from 'fp-ts/lib/Either.js'

import type { CasePage } from './casePage.js'
import { decodeCases, logRepaired, rawId, rawUpdatedAt } from './casePage.js'
import { casesPath } from './cases.js'
import { ListEnvelope } from './codecs/Envelope.js'
import type { PrimeroError } from './errors.js'
import { DecodeError, DenseWindow } from './errors.js'
import { decode } from './http.js'
import { IdSet } from './idSet.js'
import type { CaseQuery } from './query.js'
import { beginningOfTime, caseSearchParams, isoInstant, maxPer } from './query.js'
import type { ApiContext } from './request.js'

type Raw = ReadonlyArray<unknown>
type PageResult = E.Either<PrimeroError, { readonly raw: Raw; readonly total: number }>

const iso = (ms: number): string => new Date(ms).toISOString()
const secondOf = (ms: number): number => Math.floor(ms / 1000)
/** The last `created_at` second a slice may name (9999-12-31T23:59:59Z). */
const lastSecond = 253_402_300_799

interface Checked {
  readonly per: number
  readonly since: number
  /** The fixed end of the window, when the query gives one. */
  readonly until: number | undefined
}

/** Validated now, when `pages()` is called: an impossible query is a programmer error. */
const checked = (query: CaseQuery): Checked => {
  if (query.page !== undefined) {
    throw new TypeError('pages() reads the whole window: it takes no page')
  }
  for (const key of ['last_updated_at', 'created_at']) {
    if (query.filters?.[key] !== undefined) {
      throw new TypeError(`pages() reads by last_updated_at and created_at: no filters.${key}`)
    }
  }
  if (
    (query.orderBy ?? 'last_updated_at') !== 'last_updated_at' ||
    (query.order ?? 'asc') !== 'asc'
  ) {
    throw new TypeError('pages() always orders by last_updated_at asc')
  }
  const per = Math.min(query.per ?? maxPer, maxPer)
  if (!Number.isInteger(per) || per < 1) throw new TypeError('per must be a positive integer')
  const since = query.updatedSince === undefined ? beginningOfTime : query.updatedSince
  const until = query.updatedUntil
  return {
    per,
    since: Date.parse(isoInstant('updatedSince', since)),
    until: until === undefined ? undefined : Date.parse(isoInstant('updatedUntil', until)),
  }
}

export const pages =
  (ctx: ApiContext) =>
  (query: CaseQuery = {}): AsyncIterable<E.Either<PrimeroError, CasePage>> => {
    const { per, since, until: fixedUntil } = checked(query)
    const fields =
      query.fields === undefined
        ? undefined
        : [...new Set(['id', 'last_updated_at', ...query.fields])]

    const fetchRaw = async (
      from: number,
      to: number,
      size: number,
      created?: readonly [number, number],
    ): Promise<PageResult> => {
      const params = caseSearchParams({
        filters: {
          ...query.filters,
          ...(created === undefined
            ? {}
            : { created_at: `${iso(created[0] * 1000)}..${iso(created[1] * 1000)}` }),
        },
        ...(fields === undefined ? {} : { fields }),
        updatedSince: iso(from),
        updatedUntil: iso(to),
        page: 1,
        per: size,
        orderBy: 'last_updated_at',
        order: 'asc',
      })
      const result = await ctx.send({ method: 'GET', path: casesPath, query: params })()
      return E.chainW((r: { readonly body: unknown }) =>
        E.map((l: ListEnvelope) => ({ raw: l.data, total: l.metadata.total }))(
          decode(ListEnvelope, r.body, { method: 'GET', path: `${casesPath}?${params}` }),
        ),
      )(result)
    }

    async function* iterate(): AsyncGenerator<E.Either<PrimeroError, CasePage>> {
      const until = fixedUntil ?? ctx.config.clock().getTime()
      const yielded = new IdSet()
      let pageNo = 0
      /** The page of the records of `raw` in the window and not yet yielded, if any. */
      const pageOf = (raw: Raw, total: number, size: number) => {
        const entries = raw.flatMap((u, i) => {
          const id = rawId(u)
          const t = rawUpdatedAt(u)
          if (id !== undefined && yielded.has(id)) return []
          if (t !== undefined && (t < since || t > until)) return []
          if (id !== undefined) yielded.add(id)
          return [[i, u] as const]
        })
        if (entries.length === 0) return undefined
        pageNo += 1
        const decoded = decodeCases(entries)
        logRepaired(ctx.config.logger, 'case', decoded.repaired)
        return E.right({ ...decoded, total, page: pageNo, per: size })
      }

      /** One crowded second, in `created_at` slices small enough for one page each. */
      async function* second(s: number): AsyncGenerator<E.Either<PrimeroError, CasePage>> {
        const from = Math.max(since, s * 1000)
        const to = Math.min(until, s * 1000 + 999)
        const slices: Array<readonly [number, number]> = [[0, lastSecond]]
        for (let slice = slices.pop(); slice !== undefined; slice = slices.pop()) {
          const r = await fetchRaw(from, to, maxPer, slice)
          if (E.isLeft(r)) return yield r
          const { raw, total } = r.right
          if (total > raw.length) {
            const [lo, hi] = slice
            if (lo === hi) {
              return yield E.left(
                DenseWindow({ updatedAt: iso(s * 1000), createdAt: iso(lo * 1000) }),
              )
            }
            const mid = Math.floor((lo + hi) / 2)
            slices.push([mid + 1, hi], [lo, mid])
            continue
          }
          const page = pageOf(raw, total, maxPer)
          if (page) yield page
        }
      }

      let cursor = since
      while (cursor <= until) {
        const result = await fetchRaw(cursor, until, per)
        if (E.isLeft(result)) return yield result
        const { raw, total } = result.right
        const page = pageOf(raw, total, per)
        if (page) yield page
        if (raw.length === 0 || total <= raw.length) return

        const last = Math.max(...raw.map((u) => rawUpdatedAt(u) ?? Number.NEGATIVE_INFINITY))
        if (!Number.isFinite(last)) {
          const paths = [`data.${raw.length - 1}.last_updated_at`]
          return yield E.left(
            DecodeError({ codec: 'PrimeroCase', paths, method: 'GET', path: casesPath }),
          )
        }
        if (secondOf(last) > secondOf(cursor)) {
          cursor = secondOf(last) * 1000
          continue
        }
        // A whole page in the cursor's second: read that second in slices, then move on.
        for await (const p of second(secondOf(cursor))) {
          yield p
          if (E.isLeft(p)) return
        }
        cursor = (secondOf(cursor) + 1) * 1000
      }
    }

    return { [Symbol.asyncIterator]: iterate }
  }
