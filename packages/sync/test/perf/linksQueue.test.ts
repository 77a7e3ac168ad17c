/**
 * Issue #14 (memory): a run does not hold every link until its flow ends. Once
 * `LINKS_QUEUED_AT_MOST` wait, they are sent (in full `update_links` requests all the
 * same); the flow's end sends the rest.
 */
import { cambodia } from '@primero-interop/mappings'
import type { OscarLinkUpdate } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'

import { RunContext } from '../../src/context.js'
import { LINKS_QUEUED_AT_MOST, queueLink, sendQueuedLinks } from '../../src/flows/links.js'
import { silentLogger } from '../../src/logger.js'
import type { OscarPort, PrimeroPort } from '../../src/ports.js'
import { RunState } from '../../src/runState.js'
import { emptyState } from '../../src/state.js'

const notCalled = (name: string) => () => {
  throw new Error(`${name} must not be called`)
}

describe('queued links', () => {
  it(`are sent once ${LINKS_QUEUED_AT_MOST} wait, not held until the flow ends`, async () => {
    const now = new Date('2026-03-02T08:00:00.000Z')
    const sent: number[] = []
    const oscar: OscarPort = {
      readClients: notCalled('readClients'),
      upsertClient: notCalled('upsertClient'),
      updateLinks: (links: ReadonlyArray<OscarLinkUpdate>) => {
        sent.push(links.length)
        return TE.right(undefined)
      },
      updateReferralStatuses: notCalled('updateReferralStatuses'),
    }
    const ctx = new RunContext({
      primero: {} as PrimeroPort,
      oscar,
      config: cambodia,
      state: new RunState(emptyState(), { now, maxAttempts: 5, retryDelayMs: 60_000 }),
      now,
      settings: { dryRun: false, concurrency: 1, clock: () => now },
      logger: silentLogger,
      writeAhead: () => Promise.resolve(E.right(undefined)),
    })
    const total = 2 * LINKS_QUEUED_AT_MOST + 5
    for (let i = 0; i < total; i++) {
      const caseId = `case-${i}`
      const link = {
        global_id: `G${i}`,
        external_id: caseId,
        external_id_display: caseId,
        is_referred: true,
      }
      await queueLink(ctx, { key: caseId, link, retry: { id: `record-${i}` } })
      expect(ctx.queuedLinks.size).toBeLessThan(LINKS_QUEUED_AT_MOST)
    }
    expect(sent).toEqual([LINKS_QUEUED_AT_MOST, LINKS_QUEUED_AT_MOST])
    await sendQueuedLinks(ctx)
    expect(sent).toEqual([LINKS_QUEUED_AT_MOST, LINKS_QUEUED_AT_MOST, 5])
    expect(ctx.linked.size).toBe(total)
    expect(ctx.state.sentLink('case-7')).toBe('G7')
  })
})
