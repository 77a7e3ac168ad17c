import * as t from 'io-ts'

/** `nullable` (Primero sends `null` for any field a user left empty) and the decode paths. */
export { decodeWith, failingPaths, nullable } from '@primero-interop/http'

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
