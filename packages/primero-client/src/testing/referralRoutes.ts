/**
 * `/api/v2/cases/:id/referrals`: the consent rule on create, the allowed transitions, and
 * Primero's trap: an illegal transition changes nothing and still answers 200.
 */
import { randomUUID } from 'node:crypto'

import { touchCase } from './store.js'
import type { FakeRecord } from './types.js'
import type { Reply, World } from './world.js'
import { dataOf, failure, notFound } from './world.js'

const allowed: Readonly<Record<string, ReadonlyArray<string>>> = {
  in_progress: ['accepted', 'rejected'],
  accepted: ['done'],
}

const path = (caseId: string): string => `/api/v2/cases/${caseId}/referrals`

/** A referral record with Primero's fields, for a create or a seed. */
export const newReferral = (
  caseId: string,
  data: FakeRecord,
  user: string,
  now: string,
): FakeRecord => ({
  id: randomUUID(),
  type: 'Referral',
  status: 'in_progress',
  record_id: caseId,
  record_type: 'case',
  transitioned_by: user,
  consent_overridden: false,
  remote: false,
  created_at: now,
  ...data,
})

export const referralsOf = (world: World, caseId: string): FakeRecord[] => {
  const existing = world.store.referrals.get(caseId)
  if (existing) return existing
  const created: FakeRecord[] = []
  world.store.referrals.set(caseId, created)
  return created
}

export const listReferrals = (world: World, caseId: string): Reply =>
  world.store.cases.has(caseId)
    ? { status: 200, json: { data: world.store.referrals.get(caseId) ?? [] } }
    : notFound(path(caseId))

export const postReferral = (world: World, caseId: string, body: unknown, user: string): Reply => {
  const record = world.store.cases.get(caseId)
  if (record === undefined) return notFound(path(caseId))
  const data = dataOf(body)
  const to = data?.transitioned_to
  if (data === undefined || typeof to !== 'string' || to === '') {
    return failure(422, path(caseId), [
      { detail: '/transitioned_to', message: 'transitioned_to is required' },
    ])
  }
  const target = world.dir.users?.find((u) => u.user_name === to)
  if (world.dir.users !== undefined && target === undefined) {
    return failure(422, path(caseId), [
      { detail: '/transitioned_to', message: `${JSON.stringify(to)} is not a user` },
    ])
  }
  const gbv = record.module_id === world.gbvModuleId
  const consent = record.disclosure_other_orgs === true && record.consent_for_services === true
  if (!gbv && !consent && data.consent_overridden !== true) {
    return failure(422, path(caseId), [
      {
        detail: '/consent_for_services',
        message: 'The case has no consent to share with other organisations',
      },
    ])
  }
  const now = world.now()
  const agency = target?.agency_id
  const referral = newReferral(
    caseId,
    {
      ...(typeof agency === 'string' ? { transitioned_to_agency: agency } : {}),
      ...data,
      status: 'in_progress',
      created_at: now,
    },
    user,
    now,
  )
  referralsOf(world, caseId).push(referral)
  touchCase(world.store, caseId, now)
  return { status: 200, json: { data: referral } }
}

export const patchReferral = (world: World, caseId: string, id: string, body: unknown): Reply => {
  const referral = world.store.referrals.get(caseId)?.find((r) => r.id === id)
  if (!world.store.cases.has(caseId) || referral === undefined)
    return notFound(`${path(caseId)}/${id}`)
  const data = dataOf(body) ?? {}
  const to = data.status
  if (typeof to === 'string' && (allowed[String(referral.status)] ?? []).includes(to)) {
    const now = world.now()
    referral.status = to
    referral.responded_at = now
    if (to === 'rejected') {
      if (typeof data.rejected_reason === 'string') referral.rejected_reason = data.rejected_reason
      if (typeof data.rejection_note === 'string') referral.rejection_note = data.rejection_note
    }
    touchCase(world.store, caseId, now)
  }
  return { status: 200, json: { data: referral } }
}

export const deleteReferral = (world: World, caseId: string, id: string): Reply => {
  const referral = world.store.referrals.get(caseId)?.find((r) => r.id === id)
  if (referral === undefined) return notFound(`${path(caseId)}/${id}`)
  referral.status = 'revoked'
  touchCase(world.store, caseId, world.now())
  return { status: 200, json: { data: referral } }
}
