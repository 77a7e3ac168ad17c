/**
 * One run's flows, in their fixed order: flow 0 (OSCaR ids back to Primero), flow 1
 * (Primero to OSCaR, over the window), flow 2 (OSCaR to Primero), flow 3 (pending by
 * default). One OSCaR read serves flows 0 and 2.
 */
import type { OscarClient } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from './context.js'
import { dayOf } from './day.js'
import { type SyncError, syncError } from './errors.js'
import { forgetLookup, LOOKUP_BATCH, prefetchLookup } from './flows/findOne.js'
import { configHash, fingerprintOf } from './flows/fingerprints.js'
import { sendQueuedLinks } from './flows/links.js'
import { oscarIdsLookup, oscarIdsToPrimero } from './flows/oscarIds.js'
import { oscarClientLookup, oscarClientToPrimero } from './flows/oscarToPrimero.js'
import { markPending } from './flows/pendingDefaults.js'
import { primeroCaseToOscar } from './flows/primeroToOscar.js'
import { sendQueuedStatuses } from './flows/statuses.js'
import { markSynced, type MarkSyncedOptions } from './markSynced.js'
import { readOscar, readPacked, reportRepaired } from './oscarRead.js'
import type { Packed } from './packed.js'
import type { FlowName } from './report.js'
import type { SeenFlow } from './runState.js'

export interface RunPlan {
  readonly flows: ReadonlySet<FlowName>
  /** Flow 1's window: from `primeroSince` (the beginning when undefined) to `until`. */
  readonly primeroSince: string | undefined
  readonly until: string
  /** The day the OSCaR read starts from. */
  readonly oscarSince: string
  /** Whether the Primero cursor was never set (a first run: see `RunContext.delivered`). */
  readonly firstRun: boolean
  /** Write each touched case's sync status (see `markSynced.ts`); off when undefined. */
  readonly markSynced?: MarkSyncedOptions
}

/** Runs the flows; a read that fails fails the run (the cursors then stay). */
export const runFlows = async (
  ctx: RunContext,
  plan: RunPlan,
): Promise<E.Either<SyncError, void>> => {
  const { flows } = plan
  let clients: Packed<OscarClient> | undefined
  if (flows.has('oscar-ids') || flows.has('oscar-to-primero')) {
    const read = await readOscar(ctx, plan.oscarSince, plan.firstRun)
    if (E.isLeft(read)) return read
    clients = read.right
  }
  // OSCaR's answer carries no timestamps: a record is held at the read's first day.
  const day = (c: OscarClient): string => dayOf(c.updated_at) ?? plan.oscarSince
  if (flows.has('oscar-ids') && clients !== undefined)
    await eachChanged(ctx, 'oscar-ids', clients, (c) => oscarIdsToPrimero(ctx, c, day(c)))
  if (ctx.aborted !== undefined) return E.left(ctx.aborted)
  if (flows.has('primero-to-oscar')) {
    const failed = await primeroWindow(ctx, plan.primeroSince, plan.until)
    await sendQueuedStatuses(ctx)
    await sendQueuedLinks(ctx)
    if (ctx.aborted !== undefined) return E.left(ctx.aborted)
    if (failed !== undefined)
      return E.left(syncError('PRIMERO_READ_FAILED', `Primero read failed: ${failed}`))
  }
  if (flows.has('oscar-to-primero') && clients !== undefined) {
    await eachChanged(ctx, 'oscar-to-primero', clients, (c) => oscarClientToPrimero(ctx, c, day(c)))
    // Nothing after this needs the first read's children: not held while the run goes on.
    clients.release()
    clients = undefined
    await sendQueuedLinks(ctx)
    await rereadLinked(ctx, plan.oscarSince, day, flows.has('oscar-ids'))
  }
  if (ctx.aborted !== undefined) return E.left(ctx.aborted)
  if (flows.has('pending-defaults')) {
    for (const id of ctx.state.pendingFromEarlierRuns()) ctx.pendingQueue.add(id)
    for (const entry of ctx.state.dueRetries('pending-defaults')) ctx.pendingQueue.add(entry.id)
    ctx.totals['pending-defaults'] = ctx.pendingQueue.size
    // Read from the set as the flow goes (nothing adds to it now), not copied out whole.
    await ctx.each(ctx.pendingQueue, (id) => markPending(ctx, id))
  }
  if (ctx.aborted !== undefined) return E.left(ctx.aborted)
  if (plan.markSynced !== undefined) await markSynced(ctx, plan.markSynced)
  reportUnsure(ctx)
  ctx.state.keepSeen(SEEN_FLOWS.filter((f) => flows.has(f)))
  return E.right(undefined)
}

const SEEN_FLOWS: ReadonlyArray<SeenFlow> = ['oscar-ids', 'oscar-to-primero']

/**
 * Whether `flow` went through with the child fully: not skipped (a case not found yet, say),
 * no retry, not parked. Warnings do not count: the same child gives the same ones.
 */
const fully = (ctx: RunContext, flow: SeenFlow, globalId: string): boolean =>
  !ctx.flagged.has(`${flow}:${globalId}`) &&
  ctx.state.retry(flow, globalId) === undefined &&
  !ctx.state.isParked(flow, globalId)

/**
 * `fn` over the clients `flow` did not process, as they are now, in its last run (OSCaR
 * gives no timestamps to filter the day's read by); each one it goes through with fully
 * is remembered for the next run.
 */
const eachChanged = (
  ctx: RunContext,
  flow: SeenFlow,
  clients: Iterable<OscarClient>,
  fn: (client: OscarClient) => Promise<void>,
): Promise<void> => {
  const lookupOf = flow === 'oscar-ids' ? oscarIdsLookup : oscarClientLookup
  // The lookups of the next clients are asked before their turn, a hundred at a time, so
  // they go in full searches: asked as workers reach each client, a few join each search.
  const source = clients[Symbol.iterator]()
  /** Clients taken from `source`, their lookups asked, not started yet. */
  const ahead: Array<{ readonly client: OscarClient; readonly fingerprint: string }> = []
  let exhausted = false
  const askAhead = (): void => {
    if (ahead.length >= LOOKUP_BATCH) return
    while (!exhausted && ahead.length < 2 * LOOKUP_BATCH) {
      const next = source.next()
      if (next.done === true) exhausted = true
      else {
        const c = next.value
        const fingerprint = fingerprintOf(flow, ctx.config, c)
        ahead.push({ client: c, fingerprint })
        const retry = ctx.state.retry(flow, c.global_id)
        if (ctx.state.seen(flow, fingerprint)) continue
        if (retry !== undefined && retry.next > ctx.now.getTime()) continue
        const match = lookupOf(ctx, c)
        if (match !== undefined) prefetchLookup(ctx, flow, match)
      }
    }
  }
  function* inTurn(): Generator<{ readonly client: OscarClient; readonly fingerprint: string }> {
    for (;;) {
      askAhead()
      const next = ahead.shift()
      if (next === undefined) return
      yield next
    }
  }
  return ctx.each(inTurn(), async ({ client: c, fingerprint }) => {
    if (ctx.state.seen(flow, fingerprint)) {
      ctx.count(flow, 'read')
      ctx.count(flow, 'unchanged')
      return ctx.state.markSeen(flow, fingerprint)
    }
    await fn(c)
    if (fully(ctx, flow, c.global_id)) ctx.state.markSeen(flow, fingerprint)
    // Flow 2 is the last to ask for a child's lookup (flow 0 asked first).
    const match = flow === 'oscar-to-primero' ? lookupOf(ctx, c) : undefined
    if (match !== undefined) forgetLookup(ctx, match)
  })
}

/**
 * Every referral whose outcome is unknown is in every report until it is resolved,
 * whether or not its case was read in this run: once its case leaves the window, nothing
 * else would show it.
 */
const reportUnsure = (ctx: RunContext): void => {
  const reported = new Set<string>()
  for (const i of ctx.issues) if (i.code === 'OUTCOME_UNKNOWN') reported.add(i.recordId)
  for (const [key, entry] of ctx.state.unsureReferrals()) {
    const id = entry.referralId ?? key
    if (reported.has(id)) continue
    ctx.issue(
      'primero-to-oscar',
      id,
      'OUTCOME_UNKNOWN',
      `referral ${id} of case ${entry.externalId ?? entry.caseId} may or may not be in OSCaR${entry.org === undefined ? '' : ` (${entry.org})`}: never resent; confirm it with confirmReferral`,
    )
  }
}

/**
 * OSCaR shows a child's services only once the child carries a Primero id, and writing
 * that id (`update_links`) does not touch the child's `updated_at`: a child linked in this
 * run is read again now, or its services could miss every later day's read.
 */
const rereadLinked = async (
  ctx: RunContext,
  since: string,
  day: (c: OscarClient) => string,
  idsRan: boolean,
): Promise<void> => {
  const FLOW = 'oscar-to-primero'
  if (ctx.linked.size === 0) return
  const again = await readPacked(ctx.ports(FLOW).oscar, since, (c) => ctx.linked.has(c.global_id))
  if (E.isLeft(again)) {
    for (const id of ctx.linked)
      ctx.issue(FLOW, id, 'LINKED_REREAD_FAILED', `services not read: ${again.left.message}`)
    return
  }
  const linked = again.right.clients.clients
  // The link is this run's own write: flow 0, through with the child, need not see it again.
  if (idsRan)
    for (const c of linked)
      if (fully(ctx, 'oscar-ids', c.global_id))
        ctx.state.markSeen('oscar-ids', fingerprintOf('oscar-ids', ctx.config, c))
  await eachChanged(ctx, 'oscar-to-primero', linked, (c) => oscarClientToPrimero(ctx, c, day(c)))
  linked.release()
}

/**
 * Cases parked because OSCaR refused a referral (422) under another configuration: the
 * configuration changed, so they are tried again (re-read by id) in this run.
 */
const requeueRefused = (ctx: RunContext): void => {
  const FLOW = 'primero-to-oscar'
  const current = configHash(ctx.config).slice(0, 12)
  for (const { flow, id } of ctx.state.parked()) {
    const fingerprint = flow === FLOW ? ctx.state.parkedEntry(FLOW, id)?.fingerprint : undefined
    if (fingerprint !== undefined && !fingerprint.startsWith(`${current}@`))
      ctx.state.requeue(FLOW, id)
  }
}

/**
 * Flow 1 over the window: due retries first (re-read by id), then every page of the
 * window, streamed. Returns the read error's message if the window could not be read.
 */
const primeroWindow = async (
  ctx: RunContext,
  since: string | undefined,
  until: string,
): Promise<string | undefined> => {
  const FLOW = 'primero-to-oscar'
  const { primero } = ctx.ports(FLOW)
  requeueRefused(ctx)
  const due = ctx.state.dueRetries(FLOW)
  const retried = new Set(due.map((entry) => entry.id))
  // Side by side, as the window's cases are: not one at a time on the run's critical path.
  await ctx.each(due, async (entry) => {
    ctx.name(entry.id, 'recordId')
    const kase = await primero.getCase(entry.id)()
    if (E.isLeft(kase)) ctx.fail(FLOW, entry.id, kase.left._tag, kase.left.message, entry)
    else await primeroCaseToOscar(ctx, kase.right, entry.since)
  })
  if (ctx.stopped()) return undefined
  const query = { ...(since === undefined ? {} : { updatedSince: since }), updatedUntil: until }
  for await (const page of primero.pages(query)) {
    if (E.isLeft(page)) {
      if (page.left._tag === 'AuthError') ctx.abort(syncError('AUTH_FAILED', page.left.message))
      return page.left.message
    }
    if (ctx.stopped()) return undefined
    ctx.totals[FLOW] ??= retried.size + page.right.total
    for (const r of page.right.rejected) {
      ctx.count(FLOW, 'read')
      ctx.name(r.id, 'recordId')
      if (r.id !== undefined && ctx.waitingForRetry(FLOW, r.id, r.id)) continue
      const message = `invalid fields: ${r.paths.join(', ')}`
      if (r.id === undefined) ctx.skip(FLOW, `#${r.index}`, 'DECODE_FAILED', message)
      else
        ctx.fail(FLOW, r.id, 'DECODE_FAILED', message, {
          id: r.id,
          ...(since === undefined ? {} : { since }),
        })
    }
    for (const c of page.right.data) ctx.nameCase(c)
    for (const r of page.right.repaired ?? []) reportRepaired(ctx, FLOW, r.id, r)
    const cases = page.right.data.filter((c) => !retried.has(c.id))
    await ctx.each(cases, (c) => primeroCaseToOscar(ctx, c, since))
  }
  return undefined
}
