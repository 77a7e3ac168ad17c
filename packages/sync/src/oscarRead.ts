/**
 * The run's OSCaR read: every child changed since a day, one answer (OSCaR does not page).
 * A day's read can hold 90,000 children: the run keeps them packed (`packed.ts`), handed
 * over one by one as the client decodes them (`readClientsInto`), never as one array.
 */
import { classifyClient } from '@primero-interop/mappings'
import type { OscarClient, OscarError } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'

import { decisionKey, deliveredKey, type RunContext } from './context.js'
import { type SyncError, syncError } from './errors.js'
import { isUsableId } from './ids.js'
import { Packed } from './packed.js'
import type { OscarPort, OscarRead } from './ports.js'
import type { FlowName } from './report.js'

/** A read's children with a usable id, packed, and the places of those without one. */
export interface PackedRead {
  readonly clients: Packed<OscarClient>
  /** How many records decoded (with an id or not). */
  readonly decoded: number
  /** The decoded records (by their order among them) without a usable `global_id`. */
  readonly unusable: ReadonlyArray<number>
}

/**
 * The children changed since `since`, packed as they arrive; `keep` chooses which of
 * those with a usable id are held (all by default).
 */
export const readPacked = async (
  oscar: OscarPort,
  since: string,
  keep: (client: OscarClient) => boolean = () => true,
): Promise<E.Either<OscarError, OscarRead<PackedRead>>> => {
  const start = () => {
    const clients = new Packed<OscarClient>({ spill: true })
    const unusable: number[] = []
    let decoded = 0
    return {
      add: (c: OscarClient): void => {
        if (!isUsableId(c.global_id)) unusable.push(decoded)
        else if (keep(c)) clients.add(c)
        decoded += 1
      },
      done: (): PackedRead => ({ clients, decoded, unusable }),
    }
  }
  if (oscar.readClientsInto !== undefined) return oscar.readClientsInto({ since }, start)()
  const read = await oscar.readClients({ since })()
  return E.map((r: OscarRead<ReadonlyArray<OscarClient>>) => {
    const sink = start()
    for (const c of r.clients) sink.add(c)
    return { ...r, clients: sink.done() }
  })(read)
}

/**
 * A referral whose outcome was unknown is in OSCaR once a read shows the child with that
 * Primero case at that NGO (the NGO accepted it): the ledger says sent. OSCaR shows no
 * referral still waiting for the NGO, so until then it stays unknown, and is never resent.
 */
const closeByEvidence = (ctx: RunContext, held: ReadonlySet<string>): void => {
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
 * The OSCaR read of the run, since `since`: the clients with an id, packed; the others
 * reported by their place. What the flows need of the whole read (referral statuses,
 * referrals delivered before the ledger on a first run, holdings) is learnt here.
 */
export const readOscar = async (
  ctx: RunContext,
  since: string,
  firstRun: boolean,
): Promise<E.Either<SyncError, Packed<OscarClient>>> => {
  const FLOW = 'oscar-to-primero'
  const read = await readPacked(ctx.ports(FLOW).oscar, since)
  if (E.isLeft(read))
    return E.left(
      read.left._tag === 'AuthError'
        ? syncError('AUTH_FAILED', read.left.message)
        : syncError('OSCAR_READ_FAILED', `OSCaR read failed: ${read.left.message}`),
    )
  const { clients, decoded, unusable } = read.right.clients
  // Only for the unusable ones: at 100,000 children, a number each otherwise.
  const positions =
    unusable.length === 0
      ? []
      : answerPositions(
          decoded,
          read.right.rejected.map((r) => r.index),
        )
  // Named by its place in OSCaR's answer, as a rejected record is: one name, one record.
  for (const i of unusable)
    ctx.skip(FLOW, `#${positions[i] ?? i}`, 'MISSING_ID', 'OSCaR client without a usable global_id')
  /** `case@NGO` of each referral whose outcome is unknown: what the read may close. */
  const unsureAt = new Set<string>()
  for (const [, entry] of ctx.state.unsureReferrals())
    if (entry.externalId !== undefined && entry.org !== undefined)
      unsureAt.add(`${entry.externalId}@${entry.org}`)
  /** Of `unsureAt`, those the read shows (not every child's: 100,000 strings at once). */
  const held = new Set<string>()
  /** Each status once (a few names, one per referral of the day). */
  const statuses = new Map<string, string>()
  for (const c of clients) {
    const at = c.external_id && c.organization_name && `${c.external_id}@${c.organization_name}`
    if (at && unsureAt.has(at)) held.add(at)
    if (c.external_id && classifyClient(c, ctx.config) === 'decision')
      ctx.decisionCases.add(c.external_id)
    for (const service of c.services ?? []) {
      if (typeof service.referral_id !== 'number') continue
      const status = service.referral_status
      if (status) {
        if (!statuses.has(status)) statuses.set(status, status)
        ctx.oscarReferralStatus.set(
          decisionKey(c.global_id, service.referral_id),
          statuses.get(status) ?? status,
        )
      }
      if (firstRun && c.external_id && c.organization_name)
        ctx.delivered.add(deliveredKey(c.external_id, c.organization_name, service.name))
    }
  }
  ctx.state.learnHoldings(clients)
  closeByEvidence(ctx, held)
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
export const reportRepaired = (
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
