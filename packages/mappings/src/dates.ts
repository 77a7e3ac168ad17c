import * as E from 'fp-ts/lib/Either.js'

/** A date that is not a calendar date between 1900 and 2100, even after repair. */
export interface InvalidDate {
  readonly _tag: 'InvalidDate'
}

const invalidDate: InvalidDate = { _tag: 'InvalidDate' }

const isCalendarDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d))
  return (
    y >= 1900 &&
    y <= 2100 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d
  )
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Khmer digits (U+17E0–U+17E9) as ASCII digits: a date typed on a Khmer keyboard. */
const asciiDigits = (s: string): string =>
  s.replace(/[\u17e0-\u17e9]/g, (d) => String(d.charCodeAt(0) - 0x17e0))

/**
 * A date as Primero stores it, `YYYY-MM-DD`, repaired where the reading is unambiguous:
 * year first, then month, then day, separated by `-`, `/` or `.` (spaces around them
 * allowed), one-digit months and days (`2012-1-5` → `2012-01-05`), Khmer digits, a
 * trailing time; and the five-digit year typo seen in OSCaR (`22012-01-01` →
 * `2012-01-01`) loses its first digit. Anything else (a day-first date is ambiguous), or
 * a date outside 1900–2100, is an `InvalidDate`: the caller leaves the field out and
 * reports it by name. Idempotent on its results.
 *
 * @example
 * repairDateOfBirth('22012/01/31') // right('2012-01-31')
 * repairDateOfBirth('2012.1.5')    // right('2012-01-05')
 * repairDateOfBirth('2012-02-30')  // left({ _tag: 'InvalidDate' })
 */
export const repairDateOfBirth = (s: string): E.Either<InvalidDate, string> => {
  const m = /^(\d{4,5})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[T ][0-9:.,+\-Z ]*)?$/i.exec(
    asciiDigits(s.trim()),
  )
  if (m === null) return E.left(invalidDate)
  const yearText = m[1] ?? ''
  const y = Number(yearText.length === 5 ? yearText.slice(1) : yearText)
  const mo = Number(m[2])
  const d = Number(m[3])
  if (!isCalendarDate(y, mo, d)) return E.left(invalidDate)
  return E.right(`${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}`)
}

/**
 * The instant a Primero or OSCaR timestamp names, in epoch milliseconds: ISO date-times,
 * `YYYY/MM/DD`, `YYYY/MM/DD HH:MM:SS +0000`, plain dates (midnight UTC). `undefined` when
 * it is none of these. A timestamp without a zone is read as UTC.
 *
 * @example
 * parseInstant('2020/08/24 13:17:05 +0000') === Date.UTC(2020, 7, 24, 13, 17, 5) // true
 */
export const parseInstant = (s: string): number | undefined => {
  const m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
      s.trim(),
    )
  if (m === null) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const [h, mi, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)]
  const ms = Number(`0.${m[7] ?? '0'}`) * 1000
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return undefined
  }
  if (h > 23 || mi > 59 || sec > 59) return undefined
  const zone = m[8] ?? 'Z'
  const offsetMinutes =
    zone.toUpperCase() === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) *
        (Number(zone.slice(1, 3)) * 60 + Number(zone.length > 3 ? zone.slice(-2) : '0'))
  return Date.UTC(y, mo - 1, d, h, mi, sec, Math.floor(ms)) - offsetMinutes * 60_000
}

/** An instant given as a `Date` or a timestamp string, in epoch milliseconds. */
export const toInstant = (at: string | Date): number | undefined => {
  if (typeof at === 'string') return parseInstant(at)
  const ms = at.getTime()
  return Number.isFinite(ms) ? ms : undefined
}

/**
 * A child's age in whole years at `now` (an input: mappings never read the clock). The
 * production rule applies: an age outside 1..30 becomes 0, and so does an unreadable
 * date of birth or clock.
 *
 * @example
 * ageAt('2012-06-15', new Date('2025-06-14T00:00:00Z')) // 12
 */
export const ageAt = (dob: string, now: Date | string): number => {
  const birth = repairDateOfBirth(dob)
  const at = toInstant(now)
  if (E.isLeft(birth) || at === undefined) return 0
  const [by, bm, bd] = birth.right.split('-').map(Number) as [number, number, number]
  const today = new Date(at)
  const [ny, nm, nd] = [today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()]
  const years = ny - by - (nm < bm || (nm === bm && nd < bd) ? 1 : 0)
  return years >= 1 && years <= 30 ? years : 0
}
