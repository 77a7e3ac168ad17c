import {
  caseMatchOf,
  classifyClient,
  inboundCase,
  inboundDecisions,
} from '@primero-interop/mappings'
import type { OscarClient } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import { findOne } from './findOne.js'
import { sendLink } from './primeroToOscar.js'

const FLOW = 'oscar-to-primero'

/** Flow 2 for one client: an NGO decision on a Primero referral, or a case to upsert. */
export const oscarClientToPrimero = async (
  ctx: RunContext,
  client: OscarClient,
  day: string,
): Promise<void> => {
  ctx.count(FLOW, 'read')
  if (ctx.waitingForRetry(FLOW, client.global_id, client.global_id)) return
  const ok =
    classifyClient(client, ctx.config) === 'decision'
      ? await applyDecision(ctx, client, day)
      : await upsertCase(ctx, client, day)
  if (ok) ctx.succeed(FLOW, client.global_id)
}

const applyDecision = async (
  ctx: RunContext,
  client: OscarClient,
  day: string,
): Promise<boolean> => {
  const id = client.global_id
  const retry = { id, day }
  const caseId = client.external_id ?? ''
  if (caseId === '') {
    ctx.fail(FLOW, id, 'MISSING_ID', 'decision on a Primero referral without external_id', retry)
    return false
  }
  const kase = await findOne(ctx, FLOW, id, { case_id: caseId }, retry)
  if (kase === 'failed') return false
  if (kase === undefined) {
    ctx.skip(FLOW, id, 'NOT_FOUND', `no Primero case ${caseId} for this decision`)
    return true
  }
  const referrals = await ctx.primero.listReferrals(kase.id)()
  if (E.isLeft(referrals)) {
    ctx.fail(FLOW, id, referrals.left._tag, referrals.left.message, retry)
    return false
  }
  const mapped = inboundDecisions(client, kase, referrals.right, ctx.config)
  if (E.isLeft(mapped)) {
    const [first] = mapped.left.issues
    ctx.fail(FLOW, id, first.code, first.message, retry)
    return false
  }
  ctx.warnings(FLOW, id, mapped.right.warnings)
  const { referralUpdates, casePatch } = mapped.right.value
  for (const update of referralUpdates) {
    const result = await ctx.write(
      {
        flow: FLOW,
        target: 'primero',
        action: 'update-referral',
        recordIds: [caseId, update.referralId],
        fields: ['status'],
      },
      ctx.primero.updateReferral(kase.id, update.referralId, { status: update.status }),
    )
    if (E.isLeft(result)) {
      ctx.fail(FLOW, id, result.left._tag, result.left.message, retry)
      return false
    }
    ctx.count(FLOW, 'updated')
  }
  const { patch, fields } = ctx.casePatch(kase, casePatch ?? {})
  if (fields.length === 0) {
    if (referralUpdates.length === 0) ctx.count(FLOW, 'unchanged')
    return true
  }
  const result = await ctx.write(
    { flow: FLOW, target: 'primero', action: 'update-case', recordIds: [caseId, id], fields },
    ctx.primero.updateCase(kase.id, patch),
  )
  if (E.isLeft(result)) {
    ctx.fail(FLOW, id, result.left._tag, result.left.message, retry)
    return false
  }
  ctx.checkStored(FLOW, id, patch, result.right)
  ctx.count(FLOW, 'updated')
  return true
}

const upsertCase = async (ctx: RunContext, client: OscarClient, day: string): Promise<boolean> => {
  const id = client.global_id
  const retry = { id, day }
  const match = caseMatchOf(client)
  if (match === undefined) {
    ctx.fail(FLOW, id, 'MISSING_ID', 'client has neither external_id nor global_id', retry)
    return false
  }
  // Look the case up first: a stored case needs no owner, so its province cannot fail it.
  const existing = await findOne(ctx, FLOW, id, match, retry)
  if (existing === 'failed') return false
  if (existing === undefined && match.case_id !== undefined) {
    // The client names a Primero case that is not there (deleted, or a wrong id): creating
    // one would make a nameless stub and point OSCaR's link at it. A person must look.
    ctx.skip(FLOW, id, 'CASE_NOT_FOUND', `no Primero case ${match.case_id}; nothing created`)
    return true
  }
  const mapped = inboundCase(
    client,
    ctx.config,
    existing === undefined ? { now: ctx.now } : { now: ctx.now, existing },
  )
  if (E.isLeft(mapped)) {
    const [issue] = mapped.left.issues
    for (const i of mapped.left.issues.slice(1))
      ctx.issue(FLOW, i.recordId ?? id, i.code, i.message)
    ctx.fail(FLOW, id, issue.code, issue.message, retry)
    return false
  }
  ctx.warnings(FLOW, id, mapped.right.warnings)
  if (existing !== undefined) {
    const { patch: data, fields } = ctx.casePatch(existing, mapped.right.value.data)
    if (fields.length === 0) {
      ctx.count(FLOW, 'unchanged')
      return true
    }
    const result = await ctx.write(
      {
        flow: FLOW,
        target: 'primero',
        action: 'update-case',
        recordIds: [existing.case_id ?? existing.id, id],
        fields,
      },
      ctx.primero.updateCase(existing.id, data),
    )
    if (E.isLeft(result)) {
      ctx.fail(FLOW, id, result.left._tag, result.left.message, retry)
      return false
    }
    ctx.checkStored(FLOW, id, data, result.right)
    ctx.count(FLOW, 'updated')
    ctx.pendingQueue.add(existing.id)
    return true
  }
  const { patch: data } = ctx.casePatch({}, mapped.right.value.data)
  const created = await ctx.write(
    {
      flow: FLOW,
      target: 'primero',
      action: 'create-case',
      recordIds: [id],
      fields: Object.keys(data),
    },
    ctx.primero.createCase(data),
  )
  if (E.isLeft(created)) {
    ctx.fail(FLOW, id, created.left._tag, created.left.message, retry)
    return false
  }
  ctx.checkStored(FLOW, id, data, created.right)
  ctx.count(FLOW, 'created')
  if (created.right !== undefined) {
    ctx.pendingQueue.add(created.right.id)
    await sendLink(ctx, created.right, ctx.now.toISOString())
  }
  return true
}
