/**
 * Links (Primero's ids written onto OSCaR children) are queued as cases go through and
 * sent together: `update_links` takes many per request (the client sends 200 at a time).
 */
import type { OscarLinkUpdate } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import type { RetryAt } from '../runState.js'

const FLOW = 'primero-to-oscar'

/** A link waiting for the run's next `sendQueuedLinks`, by the case's report id. */
export interface QueuedLink {
  readonly key: string
  readonly link: OscarLinkUpdate
  readonly retry: RetryAt
}

/**
 * Links queued before they are sent without waiting for the flow's end: full requests
 * all the same (`update_links` takes 200), and a large run does not hold them all.
 */
export const LINKS_QUEUED_AT_MOST = 1000

/**
 * Queues the link of case `key` (once per run); the ledger records it once it is sent.
 * When `LINKS_QUEUED_AT_MOST` wait already, they are sent first (the caller waits for it):
 * never the caller's own link, whose failure would come before the caller's case
 * succeeds, and be cleared by it.
 */
export const queueLink = async (ctx: RunContext, queued: QueuedLink): Promise<void> => {
  if (ctx.queuedLinks.size >= LINKS_QUEUED_AT_MOST) await sendQueuedLinks(ctx)
  ctx.queuedLinks.set(queued.key, queued)
}

/**
 * Sends every queued link, in as few requests as the client allows. On a failure the
 * links OSCaR took are recorded; each of the others fails its case (retried later).
 */
export const sendQueuedLinks = async (ctx: RunContext): Promise<void> => {
  const queued = [...ctx.queuedLinks.values()]
  ctx.queuedLinks.clear()
  if (queued.length === 0 || ctx.aborted !== undefined) return
  const result = await ctx.ports(FLOW).oscar.updateLinks(queued.map((q) => q.link))()
  const applied = E.isRight(result) ? queued.length : appliedOf(result.left)
  for (const [index, { key, link, retry }] of queued.entries()) {
    if (index < applied) {
      ctx.linked.add(link.global_id)
      ctx.state.recordLink(key, link.global_id)
      ctx.count(FLOW, 'updated')
    } else if (E.isLeft(result)) {
      ctx.fail(FLOW, key, result.left._tag, result.left.message, retry)
    }
  }
}

const appliedOf = (error: object): number => {
  const applied = (error as { readonly applied?: unknown }).applied
  return typeof applied === 'number' ? applied : 0
}
