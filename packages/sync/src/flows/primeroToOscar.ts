import {
  outboundDecisions,
  outboundLink,
  outboundReferrals,
  pendingDefaults,
} from '@primero-interop/mappings'
import type { OscarUpsert } from '@primero-interop/oscar-client'
import type { PrimeroCase } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import { decisionKey, deliveredKey, type RunContext } from '../context.js'
import { rejectionCode } from '../errors.js'
import { hasReferralToOscarRows } from './predicates.js'

const FLOW = 'primero-to-oscar'

const sinceOf = (since: string | undefined) => (since === undefined ? {} : { since })

/** The id the report uses for a Primero case: its `case_id`, else its record id. */
export const caseRef = (c: PrimeroCase): string => c.case_id ?? c.id

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
  if (ctx.waitingForRetry(FLOW, kase.id, caseRef(kase))) return
  const ok =
    (await sendReferrals(ctx, kase, since)) &&
    (await sendDecisions(ctx, kase, since)) &&
    (await sendLink(ctx, kase, since))
  if (ok) ctx.succeed(FLOW, kase.id)
  const pending = pendingDefaults(kase, ctx.config)
  if (E.isRight(pending) && pending.right.value !== undefined) ctx.pendingQueue.add(kase.id)
}

const sendReferrals = async (
  ctx: RunContext,
  kase: PrimeroCase,
  since: string | undefined,
): Promise<boolean> => {
  if (!hasReferralToOscarRows(kase, ctx.config)) return true
  const referrals = await ctx.primero.listReferrals(kase.id)()
  if (E.isLeft(referrals)) {
    ctx.fail(FLOW, caseRef(kase), referrals.left._tag, referrals.left.message, {
      id: kase.id,
      ...sinceOf(since),
    })
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
    ctx.fail(FLOW, caseRef(kase), first.code, 'case could not be mapped to OSCaR referrals', {
      id: kase.id,
      ...sinceOf(since),
    })
    return false
  }
  ctx.warnings(FLOW, caseRef(kase), mapped.right.warnings)
  let ok = true
  for (const mappedOut of mapped.right.value) {
    const out = { ...mappedOut, payload: addressed(ctx, mappedOut.payload) }
    const ledger = ctx.state.referrals[out.referralId]
    if (ledger?.status === 'sent') {
      ctx.count(FLOW, 'unchanged')
      continue
    }
    if (ledger !== undefined) {
      // The POST may have reached OSCaR: resending could create a second referral.
      ctx.skip(
        FLOW,
        out.referralId,
        'OUTCOME_UNKNOWN',
        `referral ${out.referralId} may already be in OSCaR: reconcile by hand`,
      )
      continue
    }
    const createdAt =
      referrals.right.find((r) => r.id === out.referralId)?.created_at ?? ctx.now.toISOString()
    const service = out.payload.services[0]?.name ?? ''
    if (
      ctx.delivered.has(
        deliveredKey(out.payload.external_id, out.payload.organization_name, service),
      )
    ) {
      // OSCaR already holds it (sent before this ledger existed, e.g. by the old jobs).
      if (!ctx.settings.dryRun)
        ctx.state.referrals[out.referralId] = { status: 'sent', createdAt, caseId: kase.id }
      ctx.count(FLOW, 'unchanged')
      continue
    }
    if (!ctx.settings.dryRun) {
      // Write-ahead: if the process dies after the POST, the next run must not resend it.
      ctx.state.referrals[out.referralId] = { status: 'sending', createdAt, caseId: kase.id }
      const saved = await ctx.persist()
      if (E.isLeft(saved)) {
        delete ctx.state.referrals[out.referralId]
        ctx.fail(FLOW, caseRef(kase), saved.left.code, saved.left.message, {
          id: kase.id,
          ...sinceOf(since),
        })
        ok = false
        continue
      }
    }
    const result = await ctx.write(
      {
        flow: FLOW,
        target: 'oscar',
        action: 'upsert-referral',
        recordIds: [caseRef(kase), out.referralId],
        fields: Object.keys(out.payload),
      },
      ctx.oscar.upsertClient(out.payload),
    )
    if (E.isRight(result)) {
      if (!ctx.settings.dryRun)
        ctx.state.referrals[out.referralId] = { status: 'sent', createdAt, caseId: kase.id }
      ctx.count(FLOW, 'created')
    } else if (rejectionCode(result.left) === 'record-found') {
      // OSCaR refused (nothing was created): the NGO holds this child under a global id
      // no read has shown yet. Retried, with backoff, until a read shows it.
      delete ctx.state.referrals[out.referralId]
      ctx.fail(
        FLOW,
        out.referralId,
        'CHILD_AT_NGO_UNSEEN',
        `${out.payload.organization_name} already holds the child of case ${caseRef(kase)} under a global id no OSCaR read has shown; retried after a read shows it`,
        { id: kase.id, ...sinceOf(since) },
      )
      ok = false
    } else if (result.left._tag === 'OutcomeUnknown') {
      ctx.state.referrals[out.referralId] = { status: 'unknown', createdAt, caseId: kase.id }
      ctx.count(FLOW, 'failed')
      ctx.issue(FLOW, out.referralId, 'OUTCOME_UNKNOWN', result.left.message)
    } else {
      // OSCaR answered: the referral was not created, so it may be sent again later.
      // Reported by referral id; the retry re-reads the case.
      delete ctx.state.referrals[out.referralId]
      ctx.fail(FLOW, out.referralId, result.left._tag, result.left.message, {
        id: kase.id,
        ...sinceOf(since),
      })
      ok = false
    }
  }
  return ok
}

/**
 * The upsert addressed so that OSCaR makes the referral: a `global_id` only when an OSCaR
 * read showed that NGO holding the child under it. Sent to another NGO, a known global id
 * makes no referral at all (OSCaR updates the child where it is and answers "Record
 * saved."); without one, OSCaR makes the referral and mints a new global id.
 */
const addressed = (ctx: RunContext, payload: OscarUpsert): OscarUpsert => {
  const { global_id: _mapped, ...rest } = payload
  const held = ctx.holdings.globalIdAt(payload.external_id, payload.organization_name)
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
    ctx.fail(FLOW, caseRef(kase), first.code, first.message, { id: kase.id, ...sinceOf(since) })
    return false
  }
  ctx.warnings(FLOW, caseRef(kase), mapped.right.warnings)
  for (const update of mapped.right.value) {
    const key = decisionKey(update.client_global_id, update.referral_id)
    const orgs = ctx.holdings.orgsOf(update.client_global_id)
    if (orgs.length > 1) {
      // OSCaR looks the referral id up in any one of the child's NGOs, and ids are per
      // NGO: the decision could land on another NGO's referral. A person must send it.
      if (!ctx.isParked(FLOW, key))
        ctx.park(
          FLOW,
          key,
          'DECISION_NGO_AMBIGUOUS',
          `decision on OSCaR referral ${update.referral_id} of case ${caseRef(kase)} not sent: child ${update.client_global_id} is in ${orgs.length} NGOs (${orgs.join(', ')})`,
        )
      else ctx.count(FLOW, 'skipped')
      continue
    }
    // Sent within the overlap (the ledger), or already so in OSCaR's read of this run.
    const known = ctx.state.decisions[key]?.value ?? ctx.oscarReferralStatus.get(key)
    if (known === update.referral_status) {
      ctx.count(FLOW, 'unchanged')
      continue
    }
    const result = await ctx.write(
      {
        flow: FLOW,
        target: 'oscar',
        action: 'update-referral-status',
        recordIds: [caseRef(kase), key],
        fields: ['referral_status'],
      },
      ctx.oscar.updateReferralStatuses([update]),
    )
    if (E.isLeft(result)) {
      ctx.fail(FLOW, caseRef(kase), result.left._tag, result.left.message, {
        id: kase.id,
        ...sinceOf(since),
      })
      return false
    }
    if (!ctx.settings.dryRun)
      ctx.state.decisions[key] = { value: update.referral_status, at: ctx.now.getTime() }
    ctx.count(FLOW, 'updated')
  }
  return true
}

/**
 * Sends the link of a shared case unless the ledger has it. Flow 2 calls it too, for a
 * case it has just created, so the link does not wait for the next run; a failure is
 * retried through this flow either way.
 */
export const sendLink = async (
  ctx: RunContext,
  kase: PrimeroCase,
  since: string | undefined,
): Promise<boolean> => {
  const flow = FLOW
  const mapped = outboundLink(kase, ctx.config)
  if (E.isLeft(mapped)) {
    const [first] = mapped.left.issues
    ctx.fail(flow, caseRef(kase), first.code, first.message, { id: kase.id, ...sinceOf(since) })
    return false
  }
  const link = mapped.right.value
  if (link === undefined) return true
  const key = caseRef(kase)
  if (ctx.state.links[key]?.value === link.global_id) {
    ctx.count(flow, 'unchanged')
    return true
  }
  const result = await ctx.write(
    {
      flow,
      target: 'oscar',
      action: 'update-link',
      recordIds: [key, link.global_id],
      fields: ['external_id', 'external_id_display'],
    },
    ctx.oscar.updateLinks([link]),
  )
  if (E.isLeft(result)) {
    ctx.fail(flow, caseRef(kase), result.left._tag, result.left.message, {
      id: kase.id,
      ...sinceOf(since),
    })
    return false
  }
  ctx.linked.add(link.global_id)
  if (!ctx.settings.dryRun) ctx.state.links[key] = { value: link.global_id, at: ctx.now.getTime() }
  ctx.count(flow, 'updated')
  return true
}
