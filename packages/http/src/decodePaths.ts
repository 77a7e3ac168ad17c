/** io-ts helpers both clients' codecs use: failures name JSON paths, never values. */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/** `codec`, or `null`: both systems send `null` for a field a user left empty. */
export const nullable = <C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> =>
  t.union([codec, t.null])

interface Tagged {
  readonly _tag?: string
  readonly type?: Tagged
}

/** Wrappers that validate in their inner codec's context (`t.exact(t.intersection(…))`). */
const WRAPPERS: ReadonlySet<string | undefined> = new Set([
  'ExactType',
  'ReadonlyType',
  'RefinementType',
])

/** A context entry whose key names a member of a union or intersection, not a JSON step. */
const isMemberIndex = (parent: t.Decoder<unknown, unknown> | undefined): boolean => {
  let type = parent as Tagged | undefined
  while (type !== undefined && WRAPPERS.has(type._tag)) type = type.type
  return type?._tag === 'UnionType' || type?._tag === 'IntersectionType'
}

/**
 * The JSON paths of a failed decode, such as `data.3.services_section.0.unique_id`:
 * never the values, which may be a child's data.
 */
export const failingPaths = (errors: t.Errors): ReadonlyArray<string> => {
  const paths = new Set(
    errors.map((error) =>
      error.context
        .filter((_entry, i) => i > 0 && !isMemberIndex(error.context[i - 1]?.type))
        .map((entry) => entry.key)
        .join('.'),
    ),
  )
  // A union's other members fail higher up (`x` for `x: T | null`): keep the deepest paths.
  return [...paths].filter((p) => ![...paths].some((q) => q !== p && q.startsWith(`${p}.`)))
}

/** Decodes with `codec`, keeping only the failing paths on error. */
export const decodeWith =
  <A>(codec: t.Decoder<unknown, A>) =>
  (u: unknown): E.Either<ReadonlyArray<string>, A> =>
    E.mapLeft(failingPaths)(codec.decode(u))
