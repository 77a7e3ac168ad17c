/**
 * Issue #14's CI check: on a deterministic 1,000-case Cambodia scenario, the requests each
 * run makes, counted at the wire (a counting fetch handed to `connect`), stay within the
 * floor computed from the scenario (`floor.ts`): a first sync, the next hour (our own
 * writes echo in Primero's window) and a steady hour. Only counts, no wall clock.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'
import { countingFetch } from './countingFetch.js'
import { floorOf } from './floor.js'

const HOUR = 3_600_000
let h: Harness
afterEach(() => h.close())

describe('requests per run stay at the floor', () => {
  it('a first sync, the next hour and a steady hour of 1,000 cases', async () => {
    let now = Date.parse('2026-03-02T08:00:00.000Z')
    // Every reading of the clock moves it on 10 ms, so writes are not all in one second
    // (Primero cannot page more than a page of cases changed in one second).
    const clock = () => new Date((now += 10))
    const wire = countingFetch()
    h = await startHarness({
      scenario: { cases: 1_000, seed: 14, now: clock() },
      primero: { clock },
      oscar: { clock },
      sync: { clock, concurrency: 8 },
      fetch: wire.fetch,
    })
    let since = h.scenario.since
    let lastStart: number | undefined
    for (const label of ['first sync', 'next hour', 'steady hour']) {
      const until = clock().toISOString()
      const oscarChanged = h.fakeOscar
        .clients()
        .filter((c) => lastStart === undefined || Date.parse(String(c['updated_at'])) >= lastStart)
      const cases = h.fakePrimero.cases()
      wire.reset()
      const report = await h.run()
      const { flows } = report
      const floor = floorOf({ cases, oscarChanged: oscarChanged.length }, since, until, {
        created: flows['oscar-to-primero'].created,
        conditional: flows['pending-defaults'].updated,
      })
      const spent = `${label}: ${JSON.stringify({ primero: wire.primero, oscar: wire.oscar })}, floor ${JSON.stringify(floor)}`
      console.info(spent)
      expect(wire.primero.reads, spent).toBeLessThanOrEqual(floor.primeroReads)
      expect(wire.oscar.reads + wire.oscar.signIns, spent).toBeLessThanOrEqual(floor.oscarReads)
      if (label !== 'first sync') {
        // Nothing changed but our own writes' echoes: nothing is written again.
        expect(wire.primero.writes, spent).toBe(0)
        expect(wire.oscar.writes, spent).toBe(0)
      }
      since = report.cursors.after.primero ?? since
      lastStart = Date.parse(until)
      now += HOUR
    }
  }, 120_000)
})
