/**
 * No child's name, birth date or phone reaches the report, the saved state or a log
 * event, over a whole scenario with its failures.
 */
import { afterEach, describe, expect, it } from 'vitest'

import type { Logger } from '../../src/index.js'
import { privateValues, withoutOpaqueTokens } from './fixtures.js'
import { type Harness, startHarness } from './harness.js'

let h: Harness
afterEach(() => h.close())

describe('privacy', () => {
  it('reports, state and log events carry ids and codes, never a child’s data', async () => {
    const events: unknown[] = []
    const record = (level: string) => (event: string, fields?: unknown) =>
      void events.push({ level, event, fields })
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    }
    h = await startHarness({ scenario: { cases: 40, seed: 5 }, sync: { logger } })
    const reports = [await h.run(), await h.run({ dryRun: true }), await h.run()]

    const secrets = privateValues(h.fakePrimero.cases(), h.fakeOscar.clients())
    expect(secrets.size).toBeGreaterThan(50)
    const published = withoutOpaqueTokens(
      JSON.stringify({ reports, state: h.store.current(), events }),
    )
    for (const value of secrets) expect(published).not.toContain(value)
    // The clients logged through it too (one event per request at least).
    expect(
      events.filter((e) => String((e as { event: string }).event).startsWith('primero.')).length,
    ).toBeGreaterThan(0)
    expect(
      events.filter((e) => String((e as { event: string }).event).startsWith('oscar.')).length,
    ).toBeGreaterThan(0)
  })
})
