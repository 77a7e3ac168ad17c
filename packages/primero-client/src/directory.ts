/** Lookups, users and agencies: paged like cases; every page is read and all returned. */
import * as A from 'fp-ts/lib/Array.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type * as t from 'io-ts'

import { PrimeroAgency, PrimeroLookup, PrimeroUser } from './codecs/Directory.js'
import { ListEnvelope } from './codecs/Envelope.js'
import type { PrimeroError } from './errors.js'
import { decode } from './http.js'
import type { FilterValue } from './query.js'
import { maxPer } from './query.js'
import type { ApiContext } from './request.js'

/** Filters for `listUsers`, as for cases (`agency`, `user_name`, …). */
export interface DirectoryQuery {
  readonly filters?: Readonly<Record<string, FilterValue>>
}

const allPages =
  <A>(ctx: ApiContext, path: string, codec: t.Decoder<unknown, A> & { readonly name: string }) =>
  (query: DirectoryQuery = {}): TE.TaskEither<PrimeroError, ReadonlyArray<A>> => {
    const step = (
      page: number,
      acc: ReadonlyArray<A>,
    ): TE.TaskEither<PrimeroError, ReadonlyArray<A>> => {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(query.filters ?? {})) {
        params.set(key, typeof value === 'object' ? value.join(',') : String(value))
      }
      params.set('page', String(page))
      params.set('per', String(maxPer))
      const site = { method: 'GET' as const, path: `${path}?${params.toString()}` }
      return pipe(
        ctx.send({ method: 'GET', path, query: params }),
        TE.chainEitherKW((r) => decode(ListEnvelope, r.body, site)),
        TE.chainEitherKW(({ data, metadata }) =>
          pipe(
            A.traverse(E.Applicative)((u: unknown) => decode(codec, u, site))(data),
            E.map((items) => ({ items, more: data.length > 0 && page * maxPer < metadata.total })),
          ),
        ),
        TE.chain(({ items, more }) =>
          more ? step(page + 1, [...acc, ...items]) : TE.right([...acc, ...items]),
        ),
      )
    }
    return step(1, [])
  }

export const listLookups = (ctx: ApiContext) => {
  const all = allPages(ctx, '/api/v2/lookups', PrimeroLookup)
  return (): TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroLookup>> => all()
}

export const listUsers = (
  ctx: ApiContext,
): ((query?: DirectoryQuery) => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroUser>>) =>
  allPages(ctx, '/api/v2/users', PrimeroUser)

export const listAgencies = (ctx: ApiContext) => {
  const all = allPages(ctx, '/api/v2/agencies', PrimeroAgency)
  return (): TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroAgency>> => all()
}
