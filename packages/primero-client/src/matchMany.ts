/**
 * Looking up many values of one identifier field in one filtered search. Primero reads
 * `key[]=a&key[]=b` as an Array and filters with `SearchFilters::TextList`: any of the
 * values, exact text (`@ == "a" || @ == "b"`: app/models/search_filters/text_list.rb,
 * `build_array_filter` in app/services/search_filter_service.rb). `case_id` and
 * `oscar_number` are `Child.filterable_id_fields`: their values are passed raw
 * (`select_id_params`, never destringified) and apply whatever the role may read. A plain
 * `case_id=a,b` is one text value "a,b" and matches nothing, so the brackets are needed.
 *
 * Every answered case is checked on the answer, as `findCases` does: a case that does not
 * show the field fails the batch (`UncertainMatch` 'unreadable'), an answer of more than
 * a page fails it ('unfiltered'): never "no match" when the search cannot be trusted.
 */
import * as A from 'fp-ts/lib/Array.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { caseFromRecord, casesPath } from './cases.js'
import type { PrimeroCase } from './codecs/Case.js'
import { ListEnvelope } from './codecs/Envelope.js'
import type { PrimeroError } from './errors.js'
import { UncertainMatch } from './errors.js'
import { decode } from './http.js'
import { maxPer } from './query.js'
import type { ApiContext } from './request.js'

/** The identifier fields `findCasesByAny` looks up (`Child.filterable_id_fields`). */
export type IdentifierKey = 'case_id' | 'oscar_number'

/** Values per search at most. */
export const maxValuesPerSearch = 100
/**
 * Query characters per search at most (values and their `key[]=`). Primero's stock nginx
 * reads a request line into 1 KB buffers (`large_client_header_buffers 2 1k` in
 * docker/nginx/root/etc/nginx/conf.d/security.conf) and refuses a longer one, so the
 * whole line (method, path, query, protocol) stays under 1,024 bytes: about 15 uuids.
 */
export const maxQueryChars = 800

const identifierKeys: ReadonlySet<string> = new Set<IdentifierKey>(['case_id', 'oscar_number'])

/** The distinct values, in searches of at most 100 values and `maxQueryChars` characters. */
const chunked = (key: string, values: ReadonlyArray<string>): ReadonlyArray<string[]> => {
  const chunks: string[][] = []
  let chunk: string[] = []
  let chars = 0
  for (const value of new Set(values)) {
    const size = new URLSearchParams([[`${key}[]`, value]]).toString().length + 1
    if (chunk.length > 0 && (chunk.length >= maxValuesPerSearch || chars + size > maxQueryChars)) {
      chunks.push(chunk)
      chunk = []
      chars = 0
    }
    chunk.push(value)
    chars += size
  }
  if (chunk.length > 0) chunks.push(chunk)
  return chunks
}

type Found = ReadonlyMap<string, ReadonlyArray<PrimeroCase>>

/** One search for the values of `chunk`, every answered case checked on the answer. */
const searchChunk = (
  ctx: ApiContext,
  key: IdentifierKey,
  chunk: ReadonlyArray<string>,
): TE.TaskEither<PrimeroError, Found> => {
  const params = new URLSearchParams()
  for (const value of chunk) params.append(`${key}[]`, value)
  params.set('page', '1')
  params.set('per', String(maxPer))
  // The values are ids, but a hundred of them make no useful error: the key names the search.
  const site = { method: 'GET' as const, path: `${casesPath}?${key}[]` }
  return pipe(
    ctx.send({ method: 'GET', path: casesPath, query: params }),
    TE.chainEitherKW((r) => decode(ListEnvelope, r.body, site)),
    TE.chainEitherKW(({ data, metadata }) => {
      if (metadata.total > data.length) {
        return E.left<PrimeroError>(UncertainMatch({ keys: [key], reason: 'unfiltered' }))
      }
      return grouped(ctx, key, chunk, data, site)
    }),
  )
}

/**
 * The answered cases by the value they hold (every value of `chunk` present, `[]` when
 * none holds it): `UncertainMatch` when a case does not show `key`.
 */
const grouped = (
  ctx: ApiContext,
  key: IdentifierKey,
  chunk: ReadonlyArray<string>,
  data: ReadonlyArray<unknown>,
  site: { readonly method: 'GET'; readonly path: string },
): E.Either<PrimeroError, Found> => {
  const found = new Map<string, PrimeroCase[]>(chunk.map((v) => [v, []]))
  let others = 0
  for (const raw of data) {
    const shown =
      typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : 0
    if (shown === undefined) return E.left(UncertainMatch({ keys: [key], reason: 'unreadable' }))
    const cases = typeof shown === 'string' ? found.get(shown) : undefined
    if (cases === undefined) {
      others += 1
      continue
    }
    const decoded = caseFromRecord(ctx, raw, site)
    if (E.isLeft(decoded)) return decoded
    cases.push(decoded.right)
  }
  if (others > 0) {
    ctx.config.logger.warn('primero.match.unfiltered', {
      keys: key,
      total: data.length,
      matched: data.length - others,
    })
  }
  return E.right(found)
}

/**
 * The cases whose `key` equals each of `values`, by value (a value no case holds maps to
 * `[]`): one search per 100 values, `key[]=v1&key[]=v2…`. Fails as `findCases` does
 * (`UncertainMatch`, `DecodeError`, the request's errors) for the whole lookup when any
 * of its searches fails. Throws a `TypeError` for another key or an empty value.
 */
export const findCasesByAny =
  (ctx: ApiContext) =>
  (
    key: IdentifierKey,
    values: ReadonlyArray<string>,
  ): TE.TaskEither<PrimeroError, ReadonlyMap<string, ReadonlyArray<PrimeroCase>>> => {
    if (!identifierKeys.has(key)) {
      throw new TypeError('findCasesByAny looks up case_id or oscar_number only')
    }
    for (const value of values) {
      if (typeof value !== 'string' || value === '') {
        throw new TypeError(`findCasesByAny: every ${key} must be a non-empty string`)
      }
    }
    return pipe(
      A.sequence(TE.ApplicativePar)(chunked(key, values).map((c) => searchChunk(ctx, key, c))),
      TE.map((maps) => new Map(maps.flatMap((m) => [...m]))),
    )
  }
