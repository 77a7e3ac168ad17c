import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { parseRubyTime } from '../src/testing/rubyTime.js'

const RUNS = { numRuns: 300 }

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0')

/** A whole-second instant between 1900 and 2100. */
const instant = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 })
  .map((s) => new Date(s * 1000))

/** An offset as zones have them: -12:00 … +14:00, by quarter hours. */
const offsetMinutes = fc.integer({ min: -48, max: 56 }).map((q) => q * 15)

/** `date` written on the wall clock of `offset`, ISO style, with that offset. */
const written = (date: Date, offset: number, separator: 'T' | ' '): string => {
  const wall = new Date(date.getTime() + offset * 60_000)
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  return `${wall.toISOString().slice(0, 10)}${separator}${wall.toISOString().slice(11, 19)}${zone}`
}

describe('parseRubyTime (the fake’s Time.parse)', () => {
  it('reads an ISO timestamp with an offset as its instant, and its day as written', () => {
    fc.assert(
      fc.property(
        instant,
        offsetMinutes,
        fc.constantFrom('T', ' ') as fc.Arbitrary<'T' | ' '>,
        (date, offset, sep) => {
          const text = written(date, offset, sep)
          const parsed = parseRubyTime(text)
          expect(parsed?.instant).toBe(date.getTime())
          expect(parsed?.day).toBe(text.slice(0, 10))
          expect(parsed?.wall).toBe(date.getTime() + offset * 60_000)
        },
      ),
      { ...RUNS, examples: [[new Date('2026-11-30T03:00:00Z'), 420, 'T']] },
    )
  })

  it('reads a bare day as midnight of that day, in any of its written forms', () => {
    fc.assert(
      fc.property(instant, (date) => {
        const day = date.toISOString().slice(0, 10)
        const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
        for (const text of [day, day.replaceAll('-', '/'), `${day} 00:00:00`, `${day}T00:00:00Z`])
          expect(parseRubyTime(text)).toEqual({ day, wall: midnight, instant: midnight })
      }),
      RUNS,
    )
  })

  it('refuses what is not a date, and days a calendar does not have', () => {
    for (const text of ['', 'yesterday', '2026-02-29', '2026-00-10', '2024-06-31', '10:00'])
      expect(parseRubyTime(text)).toBeUndefined()
    expect(parseRubyTime('2024-02-29')?.day).toBe('2024-02-29')
  })
})
