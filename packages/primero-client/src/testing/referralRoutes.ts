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

/** Whether the case allows a referral (`Referral#consent_given?`, `Transition#consent_given_or_overridden`). */
const consentGiven = (world: World, record: FakeRecord, data: FakeRecord): boolean =>
  data.consent_overridden === true ||
  (record.module_id === world.gbvModuleId
    ? record.consent_for_services === true
    : record.disclosure_other_orgs === true && record.consent_for_services === true)

/** `UserTransitionService#can_receive?`: known, enabled, allowed to receive, not oneself. */
const canReceive = (world: World, to: string, by: string): boolean => {
  if (world.dir.users === undefined) return to !== by
  const user = world.dir.users.find((u) => u.user_name === to)
  return (
    user !== undefined &&
    user.disabled !== true &&
    user.can_receive_referrals !== false &&
    to !== by
  )
}

/**
 * The validation errors of a new referral, as `ActiveRecord::RecordInvalid` renders them
 * through `ErrorService`: one item per attribute, `detail` the attribute, `message` the
 * array of its messages (`{"detail":"consent","message":["transition.errors.consent"]}`).
 */
const referralErrors = (
  world: World,
  record: FakeRecord,
  data: FakeRecord,
  by: string,
): ReadonlyArray<{ readonly detail: string; readonly message: string[] }> => {
  const errors = new Map<string, string[]>()
  const add = (field: string, message: string): void => {
    errors.set(field, [...(errors.get(field) ?? []), message])
  }
  const remote = data.remote === true
  const to = typeof data.transitioned_to === 'string' ? data.transitioned_to : ''
  if (!remote && to === '') add('transitioned_to', "can't be blank")
  if (!consentGiven(world, record, data)) add('consent', 'transition.errors.consent')
  if (!remote && !canReceive(world, to, by)) {
    add('transitioned_to', 'transition.errors.to_user_can_receive')
  }
  return [...errors].map(([detail, message]) => ({ detail, message }))
}

/** `Referral#mark_service_referred`: the referred service row says so. */
const markServiceReferred = (world: World, caseId: string, serviceRecordId: unknown): void => {
  const record = world.store.cases.get(caseId)
  const rows = record?.services_section
  if (record === undefined || typeof serviceRecordId !== 'string' || !Array.isArray(rows)) return
  world.store.cases.set(caseId, {
    ...record,
    services_section: rows.map((row: unknown) =>
      typeof row === 'object' && row !== null && (row as FakeRecord).unique_id === serviceRecordId
        ? { ...(row as FakeRecord), service_status_referred: true }
        : row,
    ),
  })
}

/**
 * `POST …/referrals` (`ReferralsController#refer`): a remote referral needs no
 * `transitioned_to` and no receiving user; consent is the case's, or `consent_overridden`
 * on the referral itself; the service row is marked referred and the case is saved.
 */
export const postReferral = (world: World, caseId: string, body: unknown, user: string): Reply => {
  const record = world.store.cases.get(caseId)
  if (record === undefined) return notFound(path(caseId))
  const data = dataOf(body)
  if (data === undefined) {
    return failure(422, path(caseId), [{ message: 'param is missing or the value is empty: data' }])
  }
  const errors = referralErrors(world, record, data, user)
  if (errors.length > 0) return failure(422, path(caseId), errors)
  const now = world.now()
  const to = typeof data.transitioned_to === 'string' ? data.transitioned_to : undefined
  const agency = world.dir.users?.find((u) => u.user_name === to)?.agency_id
  const referral = newReferral(
    caseId,
    {
      ...(typeof agency === 'string' ? { transitioned_to_agency: agency } : {}),
      ...data,
      remote: data.remote === true,
      consent_overridden: data.consent_overridden === true,
      status: 'in_progress',
      created_at: now,
    },
    user,
    now,
  )
  referralsOf(world, caseId).push(referral)
  markServiceReferred(world, caseId, data.service_record_id)
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
