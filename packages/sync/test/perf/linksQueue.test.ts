/**
 * Issue #14 (memory): a run does not hold every link until its flow ends. Once
 * `LINKS_QUEUED_AT_MOST` wait, they are sent (in full `update_links` requests all the
 * same); the flow's end sends the rest.
 */
import type { OscarLinkUpdate } from '@primero-interop/oscar-client'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'

import { LINKS_QUEUED_AT_MOST, queueLink, sendQueuedLinks } from '../../src/flows/links.js'
import { testContext } from '../stubs.js'

describe('queued links', () => {
  it(`are sent once ${LINKS_QUEUED_AT_MOST} wait, not held until the flow ends`, async () => {
    const sent: number[] = []
    const ctx = testContext({
      oscar: {
        updateLinks: (links: ReadonlyArray<OscarLinkUpdate>) => {
          sent.push(links.length)
          return TE.right(undefined)
        },
      },
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
