/**
 * Calendar days (`YYYY-MM-DD`), as OSCaR's day-granular reads and the OSCaR cursors use
 * them. A day that is not on the calendar (`0000-00-00`, `2026-13-45`) never enters the
 * state: OSCaR answers a read from such a day with an error page, so one bad timestamp
 * would stop every later run.
 */
import * as t from 'io-ts'

/** Whether `s` is a real calendar day written `YYYY-MM-DD` (year 1000 or later). */
export const isDay = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (m === null || Number(m[1]) < 1000) return false
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === s
}

/** The day an ISO date or date-time falls on, when it is a real one; `undefined` otherwise. */
export const dayOf = (iso: string | null | undefined): string | undefined => {
  if (typeof iso !== 'string') return undefined
  const day = iso.slice(0, 10)
  return isDay(day) ? day : undefined
}

/** A calendar day (see `isDay`), as a string: the codec of the state's days. */
export const Day = new t.Type<string, string, unknown>(
  'Day',
  (u): u is string => typeof u === 'string' && isDay(u),
  (u, c) => (typeof u === 'string' && isDay(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)
