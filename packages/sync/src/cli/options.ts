import { InvalidArgumentError } from 'commander'

import { isDay } from '../day.js'
import { type FlowName, FLOWS } from '../report.js'
import { parseInterval } from './output.js'

/**
 * Whether `text` is a real date (`2026-01-31`) or ISO date-time (`2026-01-31T08:00:00Z`,
 * with an offset or fractions): the calendar day must exist and the time be on the clock.
 */
export const isIsoDateOrDateTime = (text: string): boolean => {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    )
  if (m === null || !isDay(m[1] ?? '')) return false
  if (m[2] === undefined) return true
  return (
    Number(m[2]) < 24 &&
    Number(m[3]) < 60 &&
    Number(m[4] ?? 0) < 60 &&
    !Number.isNaN(Date.parse(text))
  )
}

export const SINCE_HINT = 'use a date (2026-01-31) or an ISO date-time (2026-01-31T08:00:00Z)'

export const sinceOption = (text: string): string => {
  if (!isIsoDateOrDateTime(text)) throw new InvalidArgumentError(SINCE_HINT)
  return text
}

export const flowsOption = (text: string): FlowName[] => {
  const flows = text.split(',').map((f) => f.trim())
  const unknown = flows.filter((f) => !(FLOWS as ReadonlyArray<string>).includes(f))
  if (unknown.length > 0)
    throw new InvalidArgumentError(
      `unknown flow(s): ${unknown.join(', ')}; flows are ${FLOWS.join(', ')}`,
    )
  return flows as FlowName[]
}

export const intervalOption = (text: string): number => {
  const ms = parseInterval(text)
  if (ms === undefined) throw new InvalidArgumentError('use a number and a unit: 90s, 15m, 1h, 1d')
  return ms
}

export const positiveInt = (text: string): number => {
  const n = Number(text)
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive whole number')
  return n
}

/** Exit codes of every command. */
export const EXIT = {
  /** Clean: nothing failing, waiting, parked or out of place. */
  ok: 0,
  /** Some records (or mapping entries) need attention: see the issues. */
  recordsFailed: 1,
  /** The run or the command failed as a whole (config, network, state). */
  runFailed: 2,
  /** The command line itself was wrong (an unknown option, a malformed value): EX_USAGE. */
  usage: 64,
} as const

export const EXIT_CODES_HELP =
  '\nExit codes: 0 clean, 1 some records need attention (see the issues), 2 the run or command failed, 64 the command line is wrong.\n'
