import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/** `c`, or `null`: OSCaR sends `null` or `""` for an absent value, depending on the field. */
export const nullable = <C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> =>
  t.union([codec, t.null])

/**
 * Text as OSCaR expects it in a payload: a string, with `null` or an absent value turned
 * into `""` (OSCaR's upsert treats `null` differently from an empty field).
 *
 * @example
 * Text.decode(undefined) // right('')
 */
export const Text = new t.Type<string, string, unknown>(
  'Text',
  (u): u is string => typeof u === 'string',
  (u, c) => (u === undefined || u === null ? t.success('') : t.string.validate(u, c)),
  t.identity,
)

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

/** The JSON paths of a failed decode: never the values, which may be a child's data. */
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
