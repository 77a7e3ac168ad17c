import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/** `c`, or `null`: Primero sends `null` for any field a user left empty. */
export const nullable = <C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> =>
  t.union([codec, t.null])

/** A string that matches `pattern`; its name appears in decode errors, never its value. */
export const matching = (name: string, pattern: RegExp): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && pattern.test(u),
    (u, c) => (typeof u === 'string' && pattern.test(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  )

/** A lowercase uuid: what Primero requires of a subform row's `unique_id`. */
export const LowercaseUuid = matching(
  'LowercaseUuid',
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
)

const isCalendarDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * A calendar date. Primero instances send both `YYYY-MM-DD` and `YYYY/MM/DD`; both decode
 * to `YYYY-MM-DD`, which is also what it encodes to (and what Primero stores).
 *
 * @example
 * PrimeroDate.decode('2012/02/02') // right('2012-02-02')
 */
export const PrimeroDate = new t.Type<string, string, unknown>(
  'PrimeroDate',
  (u): u is string => typeof u === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const m = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(u)
    if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return t.failure(u, c)
    return t.success(`${m[1]}-${m[2]}-${m[3]}`)
  },
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
