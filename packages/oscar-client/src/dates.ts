const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/
/** An explicit zone; a date-time without one counts as UTC. */
const ZONE = /(?:[zZ]|[+-]\d{2}:?\d{2})$/

const isRealDay = (day: string): boolean => {
  const parsed = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day
}

/**
 * A day as OSCaR's `since_date`/`end_date` want it: `YYYY-MM-DD 00:00:00`. A `Date` (or an
 * ISO date-time string, UTC unless it names a zone) counts by its UTC day, as OSCaR's `DATE(updated_at)` does. Throws
 * a `RangeError` (a programmer error) on anything else; the message names the option only.
 *
 * @example
 * toOscarDay(new Date('2024-03-01T17:30:00Z'), 'since') // '2024-03-01 00:00:00'
 */
export const toOscarDay = (input: Date | string, name: string): string => {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError(`${name} is an invalid Date`)
    return `${input.toISOString().slice(0, 10)} 00:00:00`
  }
  if (typeof input === 'string') {
    if (DAY.test(input) && isRealDay(input)) return `${input} 00:00:00`
    if (DATE_TIME.test(input)) {
      const zoned = ZONE.test(input) ? input : `${input.replace(' ', 'T')}Z`
      const parsed = new Date(zoned)
      if (!Number.isNaN(parsed.getTime())) return `${parsed.toISOString().slice(0, 10)} 00:00:00`
    }
  }
  throw new RangeError(`${name} must be a Date or a 'YYYY-MM-DD' day`)
}
