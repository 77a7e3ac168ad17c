/**
 * Issue #14 (memory): a run does not hold every link or decision until its flow ends.
 * Once `LINKS_QUEUED_AT_MOST` (`STATUSES_QUEUED_AT_MOST`) wait, they are sent (in full
 * requests all the same); the flow's end sends the rest. The send never carries the link
 * or decision being queued: its failure would come before its case succeeds, and the
 * case's success would clear the retry.
 */
import type { OscarLinkUpdate, OscarReferralStatusUpdate } from '@primero-interop/oscar-client'
import { NetworkError } from '@primero-interop/oscar-client'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'

import type { RunContext } from '../../src/context.js'
import { LINKS_QUEUED_AT_MOST, queueLink, sendQueuedLinks } from '../../src/flows/links.js'
import {
  queueStatus,
  sendQueuedStatuses,
  STATUSES_QUEUED_AT_MOST,
} from '../../src/flows/statuses.js'
import { testContext } from '../stubs.js'

const FLOW = 'primero-to-oscar'

const linkOf = (i: number) => ({
  key: `case-${i}`,
  link: {
    global_id: `G${i}`,
    external_id: `case-${i}`,
    external_id_display: `case-${i}`,
    is_referred: true,
  },
  retry: { id: `record-${i}` },
})

const statusOf = (i: number) => ({
  key: `G${i}/${i}`,
  caseRef: `case-${i}`,
  recordId: `record-${i}`,
  update: {
    client_global_id: `G${i}`,
    referral_id: i,
    referral_status: 'Accepted' as OscarReferralStatusUpdate['referral_status'],
    external_id: `case-${i}`,
    external_id_display: `case-${i}`,
  },
  retry: { id: `record-${i}` },
})

const lost = () =>
  new NetworkError({
    method: 'PUT',
    path: '/api/v1/organizations/clients/update_links',
    phase: 'transfer',
  })

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
      await queueLink(ctx, linkOf(i))
      expect(ctx.queuedLinks.size).toBeLessThanOrEqual(LINKS_QUEUED_AT_MOST)
    }
    expect(sent).toEqual([LINKS_QUEUED_AT_MOST, LINKS_QUEUED_AT_MOST])
    await sendQueuedLinks(ctx)
    expect(sent).toEqual([LINKS_QUEUED_AT_MOST, LINKS_QUEUED_AT_MOST, 5])
    expect(ctx.linked.size).toBe(total)
    expect(ctx.state.sentLink('case-7')).toBe('G7')
  })
})

describe('queued decisions', () => {
  it(`are sent once ${STATUSES_QUEUED_AT_MOST} wait; of two for one referral, the later`, async () => {
    const sent: OscarReferralStatusUpdate[][] = []
    const ctx = testContext({
      oscar: {
        updateReferralStatuses: (updates: ReadonlyArray<OscarReferralStatusUpdate>) => {
          sent.push([...updates])
          return TE.right(undefined)
        },
      },
    })
    const total = 2 * STATUSES_QUEUED_AT_MOST + 5
    for (let i = 0; i < total; i++) {
      await queueStatus(ctx, statusOf(i))
      expect(ctx.queuedStatuses.size).toBeLessThanOrEqual(STATUSES_QUEUED_AT_MOST)
    }
    // Queued again before it was sent: the later decision replaces the earlier.
    const last = statusOf(total - 1)
    await queueStatus(ctx, { ...last, update: { ...last.update, referral_status: 'Exited' } })
    await sendQueuedStatuses(ctx)
    expect(sent.map((s) => s.length)).toEqual([STATUSES_QUEUED_AT_MOST, STATUSES_QUEUED_AT_MOST, 5])
    expect(sent.at(-1)?.at(-1)?.referral_status).toBe('Exited')
    expect(ctx.state.sentDecision(last.key)).toBe('Exited')
    expect(ctx.state.sentDecision(statusOf(7).key)).toBe('Accepted')
  })
})

describe.each([
  {
    what: 'links',
    ctx: () => testContext({ oscar: { updateLinks: () => TE.left(lost()) } }),
    most: LINKS_QUEUED_AT_MOST,
    queue: (ctx: RunContext, i: number) => queueLink(ctx, linkOf(i)),
    send: sendQueuedLinks,
  },
  {
    what: 'decisions',
    ctx: () => testContext({ oscar: { updateReferralStatuses: () => TE.left(lost()) } }),
    most: STATUSES_QUEUED_AT_MOST,
    queue: (ctx: RunContext, i: number) => queueStatus(ctx, statusOf(i)),
    send: sendQueuedStatuses,
  },
])('queued $what', ({ ctx: context, most, queue, send }) => {
  it('that fail keep the retry of every case, the one whose queueing sent them included', async () => {
    const ctx = context()
    const total = most + 3
    for (let i = 0; i < total; i++) {
      await queue(ctx, i)
      // As the flow does: the case succeeds once its link or decision is queued.
      ctx.succeed(FLOW, `record-${i}`)
    }
    await send(ctx)
    for (let i = 0; i < total; i++) expect(ctx.state.retry(FLOW, `record-${i}`)).toBeDefined()
  })
})
