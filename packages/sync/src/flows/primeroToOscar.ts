import { createHash } from 'node:crypto'

import {
  outboundDecisions,
  outboundLink,
  type OutboundReferral,
  outboundReferrals,
  pendingDefaults,
} from '@primero-interop/mappings'
import type { OscarError, OscarUpsert } from '@primero-interop/oscar-client'
import type { PrimeroCase, PrimeroReferral } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import { decisionKey, deliveredKey, type RunContext } from '../context.js'
import { assertNever } from '../issueCodes.js'
import type { RetryAt } from '../runState.js'
import { holdCase } from './findOne.js'
import { configHash } from './fingerprints.js'
import { queueLink } from './links.js'
import { hasReferralToOscarRows } from './predicates.js'
import { forgetReferrals, readReferrals } from './referrals.js'
import { queueStatus } from './statuses.js'

const FLOW = 'primero-to-oscar'

/** The id the report uses for a Primero case: its `case_id`, else its record id. */
export const caseRef = (c: PrimeroCase): string => c.case_id ?? c.id

const retryOf = (kase: PrimeroCase, since: string | undefined): RetryAt =>
  since === undefined ? { id: kase.id } : { id: kase.id, since }

/**
 * Flow 1 for one case: new referrals to NGOs (each reaches OSCaR once), MoSVY decisions
 * on NGO referrals (sent once, again only if changed), and the link of a shared case.
 * `since` is the window start: only referrals created in the window are candidates.
 */
export const primeroCaseToOscar = async (
  ctx: RunContext,
  kase: PrimeroCase,
  since: string | undefined,
): Promise<void> => {
  ctx.count(FLOW, 'read')
  ctx.nameCase(kase)
  if (ctx.waitingForRetry(FLOW, kase.id, caseRef(kase))) return
  const refused = refusedBefore(ctx, kase)
  const ok =
    (refused || (await sendReferrals(ctx, kase, since))) &&
    (await sendDecisions(ctx, kase, since)) &&
    (await sendLink(ctx, kase, since))
  if (ok && !refused) ctx.succeed(FLOW, kase.id)
  const pending = pendingDefaults(kase, ctx.config)
  if (E.isRight(pending) && pending.right.value !== undefined) ctx.queuePending(kase)
  // Flow 2 reads a case's referrals again only for an NGO decision on it: the others'
  // read is not held for the rest of the run.
  if (!ctx.decisionCases.has(kase.case_id ?? '')) forgetReferrals(ctx, kase.id)
}

/**
 * What must change for a referral OSCaR refused (422) to be sent again: the configuration,
 * or the case (its version, hashed: the state holds no record's values).
 */
export const refusalFingerprint = (ctx: RunContext, kase: PrimeroCase): string =>
  `${configHash(ctx.config).slice(0, 12)}@${createHash('sha256')
    .update(`${kase.id}\u0000${kase.last_updated_at ?? ''}`)
    .digest('base64url')
    .slice(0, 12)}`

/**
 * Whether OSCaR refused a referral of this very case under this very configuration: then
 * nothing is sent again (it would be refused again) and the case waits, parked, until one
 * of them changes. Its decisions and link still go.
 */
const refusedBefore = (ctx: RunContext, kase: PrimeroCase): boolean => {
  const entry = ctx.state.retry(FLOW, kase.id) ?? ctx.state.parkedEntry(FLOW, kase.id)
  if (entry === undefined || entry.fingerprint !== refusalFingerprint(ctx, kase)) return false
  if (!ctx.state.isParked(FLOW, kase.id))
    ctx.state.park(FLOW, kase.id, entry.code, entry.fingerprint)
  ctx.count(FLOW, 'skipped')
  return true
}

/**
 * The ledger key of a referral: its case, service row and NGO. A row referred twice (a
 * caseworker who clicked twice) is one referral; referred again after the NGO rejected
 * it, it is a new one. The case is part of the key: row ids written by other tools are
 * not always unique across cases.
 */
export const referralKey = (
  out: Pick<OutboundReferral, 'caseId' | 'serviceRowId' | 'organization'>,
) => `${out.caseId}/${out.serviceRowId}@${out.organization}`

const sendReferrals = async (
  ctx: RunContext,
  kase: PrimeroCase,
  since: string | undefined,
): Promise<boolean> => {
  if (!hasReferralToOscarRows(kase, ctx.config)) return true
  const referrals = await readReferrals(ctx, FLOW, kase.id)
  if (E.isLeft(referrals)) {
    const { _tag, message } = referrals.left
    ctx.fail(FLOW, caseRef(kase), _tag, message, retryOf(kase, since))
    return false
  }
  const mapped = outboundReferrals({ case: kase, referrals: referrals.right }, ctx.config, {
    since,
  })
  if (E.isLeft(mapped)) {
    const [first] = mapped.left.issues
    if (mapped.left.issues.every((i) => i.code === 'NO_CONSENT')) {
      ctx.skip(FLOW, caseRef(kase), first.code, first.message)
      return true
    }
    for (const i of mapped.left.issues)
      ctx.issue(FLOW, i.recordId ?? caseRef(kase), i.code, i.message)
    const message = 'case could not be mapped to OSCaR referrals'
    ctx.fail(FLOW, caseRef(kase), first.code, message, retryOf(kase, since))
    return false
  }
  ctx.warnings(FLOW, caseRef(kase), mapped.right.warnings)
  let ok = true
  for (const out of mapped.right.value) {
    ok = (await sendReferral(ctx, kase, referrals.right, out, since)) && ok
  }
  return ok
}

/**
 * Whether the row's referral is already with OSCaR (or may be): then it is not sent. The
 * ledger keeps a row's entry while the window can still select its referral; a row
 * referred again after that is sent again.
 */
const alreadySent = (
  ctx: RunContext,
  out: OutboundReferral,
  referrals: ReadonlyArray<PrimeroReferral>,
): 'sent' | 'unsure' | undefined => {
  const entry =
    ctx.state.referral(referralKey(out)) ??
    // Ledgers written before referrals were keyed by row: by the referral's own id.
    out.referralIds.map((id) => ctx.state.referral(id)).find((e) => e !== undefined)
  if (entry === undefined) return undefined
  if (entry.status !== 'sent') return 'unsure'
  const first = entry.referralId
  const firstStatus = referrals.find((r) => r.id === first)?.status
  // Referred again after OSCaR's refusal came back (Primero's referral rejected): new.
  const again =
    first !== undefined &&
    !out.referralIds.includes(first) &&
    (firstStatus === 'rejected' || firstStatus === 'revoked')
  return again ? undefined : 'sent'
}

/** What an upsert's failure says about the referral. */
const upsertOutcome = (e: OscarError): 'unknown' | 'found' | 'refused' => {
  switch (e._tag) {
    case 'OutcomeUnknown':
      return 'unknown'
    case 'Rejected':
      return e.code === 'record-found' ? 'found' : 'refused'
    // A 5xx or a page that is not JSON may come after OSCaR saved the referral (a
    // gateway's 502 or 504, Rails' error page): only a refusal before sending is sure.
    case 'HttpError':
      return e.status >= 500 ? 'unknown' : 'refused'
    case 'NonJsonResponse':
      return 'unknown'
    case 'NetworkError':
      return e.phase === 'connect' ? 'refused' : 'unknown'
    case 'TimeoutError':
      return 'unknown'
    case 'DecodeError':
      return e.status === undefined ? 'refused' : 'unknown'
    case 'AuthError':
      return 'refused'
    default:
      return assertNever(e)
  }
}

const sendReferral = async (
  ctx: RunContext,
  kase: PrimeroCase,
  referrals: ReadonlyArray<PrimeroReferral>,
  mappedOut: OutboundReferral,
  since: string | undefined,
): Promise<boolean> => {
  const out = { ...mappedOut, payload: addressed(ctx, mappedOut.payload) }
  const key = referralKey(out)
  const sent = alreadySent(ctx, out, referrals)
  if (sent === 'sent') {
    ctx.count(FLOW, 'unchanged')
    return true
  }
  if (sent === 'unsure') {
    // The POST may have reached OSCaR: resending could create a second referral.
    ctx.skip(
      FLOW,
      out.referralId,
      'OUTCOME_UNKNOWN',
      `referral ${out.referralId} may already be in OSCaR: reconcile by hand`,
    )
    return true
  }
  const createdAt =
    referrals.find((r) => r.id === out.referralId)?.created_at ?? ctx.now.toISOString()
  const entry = {
    createdAt,
    caseId: kase.id,
    referralId: out.referralId,
    at: ctx.now.getTime(),
    externalId: out.payload.external_id,
    org: out.organization,
  }
  const service = out.payload.services[0]?.name ?? ''
  if (ctx.delivered.has(deliveredKey(out.payload.external_id, out.organization, service))) {
    // OSCaR already holds it (sent before this ledger existed, e.g. by the old jobs).
    ctx.state.setReferral(key, { status: 'sent', ...entry })
    ctx.touch(kase.id, 'synced')
    ctx.count(FLOW, 'unchanged')
    return true
  }
  // Write-ahead: if the process dies after the POST, the next run must not resend it.
  ctx.state.setReferral(key, { status: 'sending', ...entry })
  const saved = await ctx.writeAhead(key, { status: 'sending', ...entry })
  if (E.isLeft(saved)) {
    ctx.state.forgetReferral(key)
    ctx.fail(FLOW, caseRef(kase), saved.left.code, saved.left.message, retryOf(kase, since))
    return false
  }
  const result = await ctx.ports(FLOW).oscar.upsertClient(out.payload)()
  if (E.isRight(result)) {
    ctx.state.setReferral(key, { status: 'sent', ...entry })
    ctx.touch(kase.id, 'synced')
    ctx.count(FLOW, 'created')
    return true
  }
  const { _tag, message } = result.left
  switch (upsertOutcome(result.left)) {
    case 'unknown':
      ctx.state.setReferral(key, { status: 'unknown', ...entry })
      ctx.count(FLOW, 'failed')
      ctx.issue(FLOW, out.referralId, 'OUTCOME_UNKNOWN', message)
      return true
    case 'found':
      // Refused, nothing created: the NGO holds this child under a global id no read has
      // shown yet. Retried, with backoff, until a read shows it.
      ctx.state.forgetReferral(key)
      ctx.fail(
        FLOW,
        out.referralId,
        'CHILD_AT_NGO_UNSEEN',
        `${out.organization} already holds the child of case ${caseRef(kase)} under a global id no OSCaR read has shown; retried after a read shows it`,
        retryOf(kase, since),
      )
      return false
    case 'refused':
      // OSCaR answered before acting: the referral may be sent again later. Reported by
      // referral id; the retry re-reads the case.
      ctx.state.forgetReferral(key)
      // A 422 is OSCaR's verdict on this record: the same case under the same
      // configuration would be refused again. The retry sends it only if one changed.
      ctx.fail(FLOW, out.referralId, _tag, message, {
        ...retryOf(kase, since),
        ...(result.left._tag === 'Rejected' ? { fingerprint: refusalFingerprint(ctx, kase) } : {}),
      })
      return false
  }
}

/**
 * The upsert addressed so that OSCaR makes the referral: a `global_id` only when an OSCaR
 * read showed that NGO holding the child under it. Sent to another NGO, a known global id
 * makes no referral at all (OSCaR updates the child where it is and answers "Record
 * saved."); without one, OSCaR makes the referral and mints a new global id.
 */
const addressed = (ctx: RunContext, payload: OscarUpsert): OscarUpsert => {
  const { global_id: _mapped, ...rest } = payload
  const held = ctx.state.holdings.globalIdAt(payload.external_id, payload.organization_name)
  return held === undefined ? rest : { ...rest, global_id: held }
}

const sendDecisions = async (
  ctx: RunContext,
  kase: PrimeroCase,
  since: string | undefined,
): Promise<boolean> => {
  const mapped = outboundDecisions(kase, ctx.config)
  if (E.isLeft(mapped)) {
    const [first] = mapped.left.issues
    ctx.fail(FLOW, caseRef(kase), first.code, first.message, retryOf(kase, since))
    return false
  }
  ctx.warnings(FLOW, caseRef(kase), mapped.right.warnings)
  for (const update of mapped.right.value) {
    const key = decisionKey(update.client_global_id, update.referral_id)
    const orgs = ctx.state.holdings.orgsOf(update.client_global_id)
    if (orgs.length > 1) {
      // OSCaR looks the referral id up in any one of the child's NGOs, and ids are per
      // NGO: the decision could land on another NGO's referral. A person must send it.
      ctx.park(
        FLOW,
        key,
        'DECISION_NGO_AMBIGUOUS',
        `decision on OSCaR referral ${update.referral_id} of case ${caseRef(kase)} not sent: child ${update.client_global_id} is in ${orgs.length} NGOs (${orgs.join(', ')})`,
      )
      continue
    }
    // Sent within the overlap (the ledger), or already so in OSCaR's read of this run.
    const known = ctx.state.sentDecision(key) ?? ctx.oscarReferralStatus.get(key)
    if (known === update.referral_status) {
      ctx.count(FLOW, 'unchanged')
      continue
    }
    // Sent with others (`sendQueuedStatuses`), at the flow's end or once the queue is long.
    await queueStatus(ctx, {
      key,
      caseRef: caseRef(kase),
      recordId: kase.id,
      update,
      retry: retryOf(kase, since),
    })
  }
  return true
}

/**
 * Queues the link of a shared case unless the ledger has it; the flow sends the queue at
 * its end, or once it is long (`LINKS_QUEUED_AT_MOST`). Flow 2 calls it too, for a case it
 * has just created, so the link does not wait for the next run; a failure is retried
 * through this flow either way.
 */
export const sendLink = async (
  ctx: RunContext,
  kase: PrimeroCase,
  since: string | undefined,
): Promise<boolean> => {
  const mapped = outboundLink(kase, ctx.config)
  if (E.isLeft(mapped)) {
    const [first] = mapped.left.issues
    ctx.fail(FLOW, caseRef(kase), first.code, first.message, retryOf(kase, since))
    return false
  }
  const link = mapped.right.value
  if (link === undefined) return true
  const key = caseRef(kase)
  if (ctx.state.sentLink(key) === link.global_id) {
    ctx.count(FLOW, 'unchanged')
    return true
  }
  holdCase(ctx, kase)
  // Sent with the others (`sendQueuedLinks`): one request for many.
  await queueLink(ctx, { key, link, retry: retryOf(kase, since) })
  return true
}
