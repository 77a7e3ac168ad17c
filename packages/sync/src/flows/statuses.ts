/**
 * Decisions (MoSVY's on NGO referrals, written onto OSCaR's referrals) are queued as cases
 * go through and sent together, as links are, at the flow's end or once the queue is long:
 * `update_statuses` takes many per request (the client sends 100 at a time and finds a
 * refused item by resending its request item by item).
 */
import type { OscarReferralStatusUpdate } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import type { RetryAt } from '../runState.js'

const FLOW = 'primero-to-oscar'

/** A decision waiting for the run's `sendQueuedStatuses`, by its decision key. */
export interface QueuedStatus {
  /** `decisionKey(global id, referral id)`: the ledger's key. */
  readonly key: string
  /** The case's report id and record id, and where its retry starts. */
  readonly caseRef: string
  readonly recordId: string
  readonly update: OscarReferralStatusUpdate
  readonly retry: RetryAt
}

/**
 * Decisions queued before they are sent without waiting for the flow's end: full requests
 * all the same (`update_statuses` takes 100), and a large run does not hold them all (at
 * 30,000 cases they were 1.8 MiB at the flow's end).
 */
export const STATUSES_QUEUED_AT_MOST = 1000

/**
 * Queues a decision (of two queued for one referral, the later wins). When
 * `STATUSES_QUEUED_AT_MOST` wait already, they are sent first (the caller waits for it),
 * as links are (`queueLink`). One queued again once sent goes again only if it changed:
 * the flow asks the ledger first.
 */
export const queueStatus = async (ctx: RunContext, queued: QueuedStatus): Promise<void> => {
  if (ctx.queuedStatuses.size >= STATUSES_QUEUED_AT_MOST && !ctx.queuedStatuses.has(queued.key))
    await sendQueuedStatuses(ctx)
  ctx.queuedStatuses.delete(queued.key)
  ctx.queuedStatuses.set(queued.key, queued)
}

/**
 * Sends every queued decision. OSCaR's refusal of one fails its case (retried later) and
 * the decisions after it are sent on; any other failure fails the case of every decision
 * not known to be applied.
 */
export const sendQueuedStatuses = async (ctx: RunContext): Promise<void> => {
  let queued = [...ctx.queuedStatuses.values()]
  ctx.queuedStatuses.clear()
  while (queued.length > 0 && ctx.aborted === undefined) {
    const { oscar } = ctx.ports(FLOW)
    const result = await oscar.updateReferralStatuses(queued.map((q) => q.update))()
    const applied = E.isRight(result) ? queued.length : (result.left.applied ?? 0)
    for (const q of queued.slice(0, applied)) {
      ctx.state.recordDecision(q.key, q.update.referral_status)
      ctx.touch(q.recordId, 'synced')
      ctx.count(FLOW, 'updated')
    }
    if (E.isRight(result)) return
    const { _tag, message } = result.left
    const refused = _tag === 'Rejected' ? (result.left.failedIndex ?? applied) : undefined
    const failed =
      refused === undefined ? queued.slice(applied) : queued.slice(applied, refused + 1)
    for (const q of failed) ctx.fail(FLOW, q.caseRef, _tag, message, q.retry)
    queued = refused === undefined ? [] : queued.slice(refused + 1)
  }
}
