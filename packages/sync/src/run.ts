/**
 * One run's flows, in their fixed order: flow 0 (OSCaR ids back to Primero), flow 1
 * (Primero to OSCaR, over the window), flow 2 (OSCaR to Primero), flow 3 (pending by
 * default). One OSCaR read serves flows 0 and 2.
 */
import type { OscarClient } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'

import { decisionKey, deliveredKey, type RunContext } from './context.js'
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
import { isUsableId } from './ids.js'
import { markSynced, type MarkSyncedOptions } from './markSynced.js'
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
  let clients: ReadonlyArray<OscarClient> = []
  if (flows.has('oscar-ids') || flows.has('oscar-to-primero')) {
    const read = await readOscar(ctx, plan)
    if (E.isLeft(read)) return read
    clients = read.right
  }
  // OSCaR's answer carries no timestamps: a record is held at the read's first day.
  const day = (c: OscarClient): string => dayOf(c.updated_at) ?? plan.oscarSince
  if (flows.has('oscar-ids'))
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
  if (flows.has('oscar-to-primero')) {
    await eachChanged(ctx, 'oscar-to-primero', clients, (c) => oscarClientToPrimero(ctx, c, day(c)))
    // Nothing after this needs the first read's children: not held while the run goes on.
    clients = []
    await sendQueuedLinks(ctx)
    await rereadLinked(ctx, plan.oscarSince, day, flows.has('oscar-ids'))
  }
  if (ctx.aborted !== undefined) return E.left(ctx.aborted)
  if (flows.has('pending-defaults')) {
    for (const id of ctx.state.pendingFromEarlierRuns()) ctx.pendingQueue.add(id)
    for (const entry of ctx.state.dueRetries('pending-defaults')) ctx.pendingQueue.add(entry.id)
    ctx.totals['pending-defaults'] = ctx.pendingQueue.size
    await ctx.each([...ctx.pendingQueue], (id) => markPending(ctx, id))
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
  clients: ReadonlyArray<OscarClient>,
  fn: (client: OscarClient) => Promise<void>,
): Promise<void> => {
  const fingerprints = clients.map((c) => fingerprintOf(flow, ctx.config, c))
  const lookupOf = flow === 'oscar-ids' ? oscarIdsLookup : oscarClientLookup
  // The lookups of the next clients are asked before their turn, a hundred at a time, so
  // they go in full searches: asked as workers reach each client, a few join each search.
  let asked = 0
  const askAhead = (at: number): void => {
    if (asked >= at + LOOKUP_BATCH) return
    for (; asked < Math.min(at + 2 * LOOKUP_BATCH, clients.length); asked++) {
      const c = clients[asked] as OscarClient
      const retry = ctx.state.retry(flow, c.global_id)
      if (ctx.state.seen(flow, fingerprints[asked] as string)) continue
      if (retry !== undefined && retry.next > ctx.now.getTime()) continue
      const match = lookupOf(ctx, c)
      if (match !== undefined) prefetchLookup(ctx, flow, match)
    }
  }
  return ctx.each(clients.keys(), async (i) => {
    askAhead(i)
    const c = clients[i] as OscarClient
    const fingerprint = fingerprints[i] as string
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
 * A referral whose outcome was unknown is in OSCaR once a read shows the child with that
 * Primero case at that NGO (the NGO accepted it): the ledger says sent. OSCaR shows no
 * referral still waiting for the NGO, so until then it stays unknown, and is never resent.
 */
const closeByEvidence = (ctx: RunContext, clients: ReadonlyArray<OscarClient>): void => {
  const held = new Set(
    clients.flatMap((c) =>
      c.external_id && c.organization_name ? [`${c.external_id}@${c.organization_name}`] : [],
    ),
  )
  for (const [key, entry] of ctx.state.unsureReferrals()) {
    if (entry.externalId === undefined || entry.org === undefined) continue
    if (!held.has(`${entry.externalId}@${entry.org}`)) continue
    ctx.state.setReferral(key, { ...entry, status: 'sent' })
    const id = entry.referralId ?? key
    ctx.issue(
      'primero-to-oscar',
      id,
      'OUTCOME_CONFIRMED',
      `OSCaR's read shows referral ${id} at ${entry.org}`,
    )
  }
}

/**
 * Every referral whose outcome is unknown is in every report until it is resolved,
 * whether or not its case was read in this run: once its case leaves the window, nothing
 * else would show it.
 */
const reportUnsure = (ctx: RunContext): void => {
  const reported = new Set(
    ctx.issues.filter((i) => i.code === 'OUTCOME_UNKNOWN').map((i) => i.recordId),
  )
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

/** The OSCaR read of the run: clients with an id; the others reported by their place. */
const readOscar = async (
  ctx: RunContext,
  plan: RunPlan,
): Promise<E.Either<SyncError, ReadonlyArray<OscarClient>>> => {
  const FLOW = 'oscar-to-primero'
  const read = await ctx.ports(FLOW).oscar.readClients({ since: plan.oscarSince })()
  if (E.isLeft(read))
    return E.left(
      read.left._tag === 'AuthError'
        ? syncError('AUTH_FAILED', read.left.message)
        : syncError('OSCAR_READ_FAILED', `OSCaR read failed: ${read.left.message}`),
    )
  const positions = answerPositions(
    read.right.clients.length,
    read.right.rejected.map((r) => r.index),
  )
  const clients = read.right.clients.filter((c, i) => {
    if (isUsableId(c.global_id)) return true
    // Named by its place in OSCaR's answer, as a rejected record is: one name, one record.
    ctx.skip(FLOW, `#${positions[i] ?? i}`, 'MISSING_ID', 'OSCaR client without a usable global_id')
    return false
  })
  for (const c of clients) {
    for (const service of c.services ?? []) {
      if (typeof service.referral_id !== 'number') continue
      if (service.referral_status)
        ctx.oscarReferralStatus.set(
          decisionKey(c.global_id, service.referral_id),
          service.referral_status,
        )
      if (plan.firstRun && c.external_id && c.organization_name)
        ctx.delivered.add(deliveredKey(c.external_id, c.organization_name, service.name))
    }
  }
  ctx.state.learnHoldings(clients)
  closeByEvidence(ctx, clients)
  ctx.totals['oscar-ids'] = clients.length
  ctx.totals[FLOW] = clients.length
  for (const r of read.right.repaired ?? [])
    if (isUsableId(r.globalId)) reportRepaired(ctx, FLOW, r.globalId, r)
  for (const r of read.right.rejected) {
    ctx.count(FLOW, 'read')
    const message = `invalid fields: ${r.paths.join(', ')}`
    ctx.skip(FLOW, isUsableId(r.globalId) ? r.globalId : `#${r.index}`, 'DECODE_FAILED', message)
  }
  return E.right(clients)
}

/** A record read with fields repaired or left out: named once, by id and paths. */
const reportRepaired = (
  ctx: RunContext,
  flow: FlowName,
  id: string,
  r: { readonly paths: ReadonlyArray<string>; readonly dropped: ReadonlyArray<string> },
): void => {
  const repaired = r.paths.filter((p) => !r.dropped.includes(p))
  if (r.dropped.length > 0)
    ctx.issue(flow, id, 'FIELD_DROPPED', `unreadable, left out: ${r.dropped.join(', ')}`)
  if (repaired.length > 0)
    ctx.issue(flow, id, 'FIELD_REPAIRED', `read in an odd form, repaired: ${repaired.join(', ')}`)
}

/**
 * The place in OSCaR's answer of each decoded client: the decoded ones fill, in order,
 * the places the rejected ones (`rejected`, their places) leave free.
 */
const answerPositions = (decoded: number, rejected: ReadonlyArray<number>): number[] => {
  const taken = new Set(rejected)
  const out: number[] = []
  for (let at = 0; out.length < decoded; at++) if (!taken.has(at)) out.push(at)
  return out
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
  const again = await ctx.ports(FLOW).oscar.readClients({ since })()
  if (E.isLeft(again)) {
    for (const id of ctx.linked)
      ctx.issue(FLOW, id, 'LINKED_REREAD_FAILED', `services not read: ${again.left.message}`)
    return
  }
  const linked = again.right.clients.filter((c) => ctx.linked.has(c.global_id))
  // The link is this run's own write: flow 0, through with the child, need not see it again.
  if (idsRan)
    for (const c of linked)
      if (fully(ctx, 'oscar-ids', c.global_id))
        ctx.state.markSeen('oscar-ids', fingerprintOf('oscar-ids', ctx.config, c))
  await eachChanged(ctx, 'oscar-to-primero', linked, (c) => oscarClientToPrimero(ctx, c, day(c)))
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
