/** A date or timestamp as OSCaR's `Time.parse` reads it (the fake's server zone is UTC). */
export interface RubyTime {
  /** The calendar day as written: what `DATE(…) >= '<time>'` compares against. */
  readonly day: string
  /** The wall-clock time as written, read as UTC: what a timestamp column compares. */
  readonly wall: number
  /** The instant meant (the offset applied): what a bound `Time` parameter compares. */
  readonly instant: number
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

const NUMERIC = /^(\d{4})([-/]?)(\d{1,2})\2(\d{1,2})/
const WORDY =
  /^(?:(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})|([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4}))/i
const TIME = /^(?:[T\s]\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?/
const ZONE = /^\s*(?:(Z|UTC|GMT)\b|([+-])(\d{2}):?(\d{2})?)/i

const dateOf = (s: string): { y: number; m: number; d: number; rest: string } | undefined => {
  const numeric = NUMERIC.exec(s)
  if (numeric !== null)
    return { y: +numeric[1]!, m: +numeric[3]!, d: +numeric[4]!, rest: s.slice(numeric[0].length) }
  const wordy = WORDY.exec(s)
  if (wordy === null) return undefined
  const month = MONTHS.indexOf((wordy[2] ?? wordy[4] ?? '').toLowerCase()) + 1
  if (month === 0) return undefined
  return {
    y: +(wordy[3] ?? wordy[6])!,
    m: month,
    d: +(wordy[1] ?? wordy[5])!,
    rest: s.slice(wordy[0].length),
  }
}

/**
 * Reads `value` as Ruby's `Time.parse` reads the forms a caller sends: `2026-11-30`,
 * `2026/11/30`, `20261130`, `30 Nov 2026`, `Nov 30, 2026`, each with an optional time
 * (`T` or a space, `HH:MM[:SS[.fff]]`) and zone (`Z`, `UTC`, `+07:00`, `+0700`); other
 * trailing words are ignored. `undefined` for what it refuses (no date, out-of-range
 * fields): OSCaR's 500.
 */
export const parseRubyTime = (value: string): RubyTime | undefined => {
  const date = dateOf(value.trim())
  if (date === undefined) return undefined
  let rest = date.rest
  let [h, min, sec, ms] = [0, 0, 0, 0]
  const time = TIME.exec(rest)
  if (time !== null) {
    ;[h, min, sec] = [+time[1]!, +time[2]!, +(time[3] ?? 0)]
    ms = Math.floor(+`0.${time[4] ?? '0'}` * 1000)
    rest = rest.slice(time[0].length)
  }
  // A zone, if one follows; other trailing words are ignored, as `Date._parse` does.
  const zone = ZONE.exec(rest)
  const offsetMinutes =
    zone === null || zone[1] !== undefined
      ? 0
      : (zone[2] === '-' ? -1 : 1) * (+zone[3]! * 60 + +(zone[4] ?? 0))
  if (h > 23 || min > 59 || sec > 60) return undefined
  const wall = Date.UTC(date.y, date.m - 1, date.d, h, min, sec, ms)
  const check = new Date(Date.UTC(date.y, date.m - 1, date.d))
  if (check.getUTCMonth() !== date.m - 1 || check.getUTCDate() !== date.d) return undefined
  const day = `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`
  return { day, wall, instant: wall - offsetMinutes * 60_000 }
}
