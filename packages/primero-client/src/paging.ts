/**
 * Every case of a `last_updated_at` window, page by page, each exactly once, while cases
 * change underneath.
 *
 * Offset paging shifts when records move (Primero's default order is `created_at desc`),
 * so this pages by key: the window `since..until` is closed at the moment iteration starts
 * (a case updated afterwards leaves the window and belongs to the next run), sorted by
 * `last_updated_at asc`, and each request starts at the last timestamp seen, inclusive,
 * skipping the ids already yielded at that timestamp. Only those ids are kept in memory.
 *
 * When a whole page shares one timestamp the key cannot move, so that one timestamp is read
 * by offset (`order_by=id`), then read again until a pass finds nothing new: records that
 * leave it mid-read shift the offsets, and the re-read catches what the shift skipped.
 */
import * as E from 'fp-ts/lib/Either.js'

import type { CasePage } from './casePage.js'
import { decodeCases, rawId, rawUpdatedAt } from './casePage.js'
import { casesPath } from './cases.js'
import { ListEnvelope } from './codecs/Envelope.js'
import type { PrimeroError } from './errors.js'
import { DecodeError } from './errors.js'
import { decode } from './http.js'
import type { CaseQuery } from './query.js'
import { beginningOfTime, caseSearchParams, isoInstant, maxPer } from './query.js'
import type { ApiContext } from './transport.js'

type Raw = ReadonlyArray<unknown>
type PageResult = E.Either<PrimeroError, { readonly raw: Raw; readonly total: number }>

/** How many times one crowded timestamp is read before moving on (see the module doc). */
const maxBucketPasses = 4

const iso = (ms: number): string => new Date(ms).toISOString()

/** The ids of the records of `raw` last updated at `ms`. */
const idsAt = (raw: Raw, ms: number): Set<string> => {
  const ids = new Set<string>()
  for (const u of raw) {
    const id = rawId(u)
    if (id !== undefined && rawUpdatedAt(u) === ms) ids.add(id)
  }
  return ids
}

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
  if (query.filters?.last_updated_at !== undefined) {
    throw new TypeError('pages() takes its window from updatedSince/updatedUntil, not filters')
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
      page: number,
      orderBy: string,
    ): Promise<PageResult> => {
      const params = caseSearchParams({
        ...(query.filters === undefined ? {} : { filters: query.filters }),
        ...(fields === undefined ? {} : { fields }),
        updatedSince: iso(from),
        updatedUntil: iso(to),
        page,
        per,
        orderBy,
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
      let yielded = 0
      const pageOf = (raw: Raw, keep: (u: unknown) => boolean, total: number) => {
        const entries = raw.flatMap((u, i) => (keep(u) ? [[i, u] as const] : []))
        if (entries.length === 0) return undefined
        yielded += 1
        return E.right({ ...decodeCases(entries), total, page: yielded, per })
      }

      let cursor = since
      let seen = new Set<string>() // ids already yielded whose last_updated_at is `cursor`
      while (cursor <= until) {
        const result = await fetchRaw(cursor, until, 1, 'last_updated_at')
        if (E.isLeft(result)) return yield result
        const { raw, total } = result.right
        const isNew = (u: unknown): boolean => {
          const id = rawId(u)
          return id === undefined || !(seen.has(id) && rawUpdatedAt(u) === cursor)
        }
        const page = pageOf(raw, isNew, total)
        if (page) yield page
        if (raw.length === 0 || total <= raw.length) return

        const last = Math.max(...raw.map((u) => rawUpdatedAt(u) ?? Number.NEGATIVE_INFINITY))
        if (!Number.isFinite(last)) {
          const paths = [`data.${raw.length - 1}.last_updated_at`]
          return yield E.left(
            DecodeError({ codec: 'PrimeroCase', paths, method: 'GET', path: casesPath }),
          )
        }
        if (last > cursor) {
          cursor = last
          seen = idsAt(raw, last)
          continue
        }
        for (const id of idsAt(raw, cursor)) seen.add(id)
        // A whole page at `cursor`: read that instant by offset (and `cursor + 1 ms`, which
        // also covers servers that keep sub-millisecond timestamps).
        const next = cursor + 1
        const bucketSeen = seen
        const nextSeen = new Set<string>()
        for (let pass = 1, fresh = 1; fresh > 0 && pass <= maxBucketPasses; pass += 1) {
          fresh = 0
          for (let n = 1; ; n += 1) {
            const r = await fetchRaw(cursor, Math.min(next, until), n, 'id')
            if (E.isLeft(r)) return yield r
            const unseen = (u: unknown): boolean => {
              const id = rawId(u)
              return id === undefined ? pass === 1 : !bucketSeen.has(id)
            }
            const p = pageOf(r.right.raw, unseen, r.right.total)
            for (const u of r.right.raw.filter(unseen)) {
              const id = rawId(u)
              if (id === undefined) continue
              bucketSeen.add(id)
              if (rawUpdatedAt(u) === next) nextSeen.add(id)
              fresh += 1
            }
            if (p) yield p
            if (r.right.raw.length < per || n * per >= r.right.total) break
          }
        }
        cursor = next
        seen = nextSeen
      }
    }

    return { [Symbol.asyncIterator]: iterate }
  }
