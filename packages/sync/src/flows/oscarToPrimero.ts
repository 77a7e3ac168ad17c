import {
  caseMatchOf,
  classifyClient,
  inboundCase,
  inboundDecisions,
  ROW_ID_NAMESPACE,
  uuidV5,
  withPendingDefaults,
} from '@primero-interop/mappings'
import type { OscarClient } from '@primero-interop/oscar-client'
import type { CaseMatch, PrimeroCase, PrimeroError } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import { sayId } from '../ids.js'
import { findOne, readBackCreated } from './findOne.js'
import { sendLink } from './primeroToOscar.js'
import { forgetReferrals, readReferrals } from './referrals.js'

const FLOW = 'oscar-to-primero'

/** The lookup flow 2 makes for `client`, if any (for `prefetchLookup`). */
export const oscarClientLookup = (ctx: RunContext, client: OscarClient): CaseMatch | undefined => {
  if (classifyClient(client, ctx.config) !== 'decision') return caseMatchOf(client)
  const caseId = client.external_id ?? ''
  return caseId === '' ? undefined : { case_id: caseId }
}

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
    ctx.skip(FLOW, id, 'NOT_FOUND', `no Primero case ${sayId(caseId)} for this decision`)
    return true
  }
  const { primero } = ctx.ports(FLOW)
  const referrals = await readReferrals(ctx, FLOW, kase.id)
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
    const { referralId, status } = update
    forgetReferrals(ctx, kase.id)
    const result = await primero.updateReferral(kase.id, referralId, { status })()
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
  const result = await primero.updateCase(kase.id, patch, kase)()
  if (E.isLeft(result)) {
    ctx.fail(FLOW, id, result.left._tag, result.left.message, retry)
    return false
  }
  ctx.checkStored(FLOW, id, patch, result.right)
  ctx.refreshHeld(result.right)
  ctx.count(FLOW, 'updated')
  return true
}

/**
 * The Primero record id of the case made for OSCaR child `globalId`: name-based, so a
 * create is safe to resend and a second create (after a crash lost the first answer)
 * meets the first (409) instead of making a second child.
 */
export const inboundCaseRecordId = (globalId: string): string =>
  uuidV5(`oscar-client:${globalId}`, INBOUND_CASE_NAMESPACE)

/** The namespace of `inboundCaseRecordId` (a v5 uuid of "primero-interop inbound cases"). */
const INBOUND_CASE_NAMESPACE = uuidV5('primero-interop inbound cases', ROW_ID_NAMESPACE)

type Retry = { readonly id: string; readonly day: string }

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
  if (existing !== undefined) return updateCase(ctx, client, existing, retry)
  if (match.case_id !== undefined) {
    // The client names a Primero case that is not there (deleted, or a wrong id): creating
    // one would make a nameless stub and point OSCaR's link at it. A person must look.
    ctx.skip(FLOW, id, 'CASE_NOT_FOUND', `no Primero case ${sayId(match.case_id)}; nothing created`)
    return true
  }
  return createCase(ctx, client, retry)
}

/** Maps `client`; on failure reports it (the first issue fails the record) and gives undefined. */
const mapClient = (
  ctx: RunContext,
  client: OscarClient,
  existing: PrimeroCase | undefined,
  retry: Retry,
) => {
  const id = client.global_id
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
    return undefined
  }
  ctx.warnings(FLOW, id, mapped.right.warnings)
  return mapped.right.value.data
}

const updateCase = async (
  ctx: RunContext,
  client: OscarClient,
  existing: PrimeroCase,
  retry: Retry,
): Promise<boolean> => {
  const id = client.global_id
  const mapped = mapClient(ctx, client, existing, retry)
  if (mapped === undefined) return false
  const { patch: data, fields } = ctx.casePatch(existing, keepOldestGlobalId(existing, mapped, id))
  if (fields.length === 0) {
    ctx.count(FLOW, 'unchanged')
    return true
  }
  const result = await ctx.ports(FLOW).primero.updateCase(existing.id, data, existing)()
  if (E.isLeft(result)) {
    ctx.fail(FLOW, id, result.left._tag, result.left.message, retry)
    return false
  }
  ctx.checkStored(FLOW, id, data, result.right)
  ctx.count(FLOW, 'updated')
  ctx.queuePending(result.right)
  return true
}

/**
 * A case whose `oscar_number` is an older (smaller) global id keeps it, and its slug, as
 * flow 0 keeps it: a child OSCaR holds under two ids would otherwise flip between them.
 */
const keepOldestGlobalId = (
  existing: PrimeroCase,
  mapped: Record<string, unknown>,
  globalId: string,
): Record<string, unknown> => {
  const current = existing.oscar_number
  if (typeof current !== 'string' || current === '' || !(current < globalId)) return mapped
  const { oscar_number: _number, oscar_short_id: _slug, ...rest } = mapped
  return rest
}

const isConflict = (e: PrimeroError): boolean => e._tag === 'HttpError' && e.status === 409

const createCase = async (ctx: RunContext, client: OscarClient, retry: Retry): Promise<boolean> => {
  const id = client.global_id
  const mapped = mapClient(ctx, client, undefined, retry)
  if (mapped === undefined) return false
  const recordId = inboundCaseRecordId(id)
  // Its NGO referrals go in already pending: no decision to guard yet, so no PATCH after.
  const { patch: data } = ctx.casePatch(
    {},
    withPendingDefaults({ ...mapped, id: recordId }, ctx.config),
  )
  const { primero } = ctx.ports(FLOW)
  const readBack = readBackCreated(ctx, FLOW, data['oscar_number'])
  const created = await primero.createCase(data, { readBack })()
  if (E.isLeft(created) && isConflict(created.left)) {
    // An earlier create of this child landed (its answer was lost): update that case.
    const stored = await primero.getCase(recordId)()
    if (E.isRight(stored)) return updateCase(ctx, client, stored.right, retry)
    ctx.fail(FLOW, id, stored.left._tag, stored.left.message, retry)
    return false
  }
  if (E.isLeft(created)) {
    ctx.fail(FLOW, id, created.left._tag, created.left.message, retry)
    return false
  }
  ctx.checkStored(FLOW, id, data, created.right)
  ctx.count(FLOW, 'created')
  ctx.queuePending(created.right)
  await sendLink(ctx, created.right, ctx.now.toISOString())
  return true
}
