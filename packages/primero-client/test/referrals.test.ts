import { describe, expect, it } from 'vitest'

import type { FetchFn } from '../src/index.js'
import { isConsentRefused, isHttpError, isNotFound, isTransitionRejected } from '../src/index.js'
import { referredChild, rowId } from './fixtures/cases.js'
import { calls, clientFor, fails, fakePrimero, ok, withClient } from './helpers.js'

const refer = { transitioned_to: 'agency-cif-user', service_record_id: rowId(1), notes: 'n' }

describe('createReferral and listReferrals', () => {
  it('creates an in_progress referral on a consenting case and lists it', async () => {
    const { fake, primero } = await withClient()
    const [c] = fake.seedCases([referredChild])
    const id = String(c?.id)
    const created = await ok(primero.createReferral(id, refer))
    expect(created).toMatchObject({
      status: 'in_progress',
      record_id: id,
      service_record_id: rowId(1),
    })
    const listed = await ok(primero.listReferrals(id))
    expect(listed.map((r) => r.id)).toEqual([created.id])
    expect(fake.referrals(id)).toHaveLength(1)
  })

  it('refuses a non-GBV case without consent (422), unless consent is overridden', async () => {
    const { fake, primero } = await withClient()
    const [c] = fake.seedCases([{ ...referredChild, disclosure_other_orgs: false }])
    const id = String(c?.id)
    const error = await fails(primero.createReferral(id, refer))
    // Primero answers `detail: "consent"` and `message: [...]`: recognisable, never quoted.
    expect(isHttpError(error) && [error.status, error.fields, error.reason]).toEqual([
      422,
      ['/consent'],
      'consent',
    ])
    expect(isConsentRefused(error)).toBe(true)
    expect(error.message).toContain('consent')
    expect(calls(fake, 'POST', `/api/v2/cases/${id}/referrals`)).toBe(1)
    await ok(primero.createReferral(id, { ...refer, consent_overridden: true }))
  })

  it('a GBV case needs consent_for_services only', async () => {
    const { fake, primero } = await withClient()
    const [c] = fake.seedCases([{ module_id: 'primeromodule-gbv', consent_for_services: true }])
    await ok(primero.createReferral(String(c?.id), refer))
    const [none] = fake.seedCases([{ module_id: 'primeromodule-gbv' }])
    expect(isConsentRefused(await fails(primero.createReferral(String(none?.id), refer)))).toBe(
      true,
    )
  })

  it('refuses a referral to an unknown user when the fake knows its users', async () => {
    const { fake, primero } = await withClient({ users: ['agency-cif-user'] })
    const [c] = fake.seedCases([referredChild])
    await ok(primero.createReferral(String(c?.id), refer))
    const error = await fails(primero.createReferral(String(c?.id), { transitioned_to: 'nobody' }))
    expect(isHttpError(error) && error.fields).toEqual(['/transitioned_to'])
  })

  it('NotFound for an unknown case', async () => {
    const { primero } = await withClient()
    expect(isNotFound(await fails(primero.listReferrals('missing')))).toBe(true)
    expect(isNotFound(await fails(primero.createReferral('missing', refer)))).toBe(true)
  })

  it('listReferralsMany: one result per case, a failure does not hide the others', async () => {
    const { fake, primero } = await withClient()
    const [a, b] = fake.seedCases([referredChild, referredChild])
    fake.seedReferral(String(a?.id), { transitioned_to: 'u' })
    const results = await primero.listReferralsMany([String(a?.id), 'missing', String(b?.id)])()
    expect(results.map((r) => [r.caseId, r.referrals._tag])).toEqual([
      [a?.id, 'Right'],
      ['missing', 'Left'],
      [b?.id, 'Right'],
    ])
    expect(results[0]?.referrals._tag === 'Right' && results[0].referrals.right).toHaveLength(1)
  })
})

describe('updateReferral', () => {
  const seeded = async (status: string) => {
    const { fake, primero } = await withClient()
    const [c] = fake.seedCases([referredChild])
    const caseId = String(c?.id)
    const referral = fake.seedReferral(caseId, { transitioned_to: 'u', status })
    return { fake, primero, caseId, referralId: String(referral.id) }
  }

  it('moves in_progress → accepted, and accepted → done', async () => {
    const { fake, primero, caseId, referralId } = await seeded('in_progress')
    expect(
      (await ok(primero.updateReferral(caseId, referralId, { status: 'accepted' }))).status,
    ).toBe('accepted')
    expect((await ok(primero.updateReferral(caseId, referralId, { status: 'done' }))).status).toBe(
      'done',
    )
    expect(fake.referrals(caseId)[0]?.status).toBe('done')
  })

  it('moves in_progress → rejected with a reason', async () => {
    const { fake, primero, caseId, referralId } = await seeded('in_progress')
    await ok(
      primero.updateReferral(caseId, referralId, { status: 'rejected', rejected_reason: 'other' }),
    )
    expect(fake.referrals(caseId)[0]).toMatchObject({
      status: 'rejected',
      rejected_reason: 'other',
    })
  })

  it('an illegal transition (Primero answers 200 and does nothing) is TransitionRejected', async () => {
    const { fake, primero, caseId, referralId } = await seeded('rejected')
    const error = await fails(primero.updateReferral(caseId, referralId, { status: 'accepted' }))
    expect(isTransitionRejected(error)).toBe(true)
    expect(error).toMatchObject({ caseId, referralId, from: 'rejected', to: 'accepted' })
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PATCH', status: 200 })
    expect(fake.referrals(caseId)[0]?.status).toBe('rejected')
  })

  it('asking for the status it already has succeeds (a retried decision is harmless)', async () => {
    const { primero, caseId, referralId } = await seeded('accepted')
    expect(
      (await ok(primero.updateReferral(caseId, referralId, { status: 'accepted' }))).status,
    ).toBe('accepted')
  })

  it('reads the referral back when the answer does not carry it', async () => {
    const fake = await fakePrimero()
    const [c] = fake.seedCases([referredChild])
    const caseId = String(c?.id)
    const referralId = String(
      fake.seedReferral(caseId, { transitioned_to: 'u', status: 'done' }).id,
    )
    const emptyPatch: FetchFn = async (input, init) => {
      const request = new Request(input, init)
      const response = await globalThis.fetch(request)
      return request.method === 'PATCH'
        ? new Response('{"data":{}}', {
            status: 200,
            headers: { 'content-type': 'application/json' },
          })
        : response
    }
    const primero = clientFor(fake, { fetch: emptyPatch })
    const error = await fails(primero.updateReferral(caseId, referralId, { status: 'accepted' }))
    expect(error).toMatchObject({ _tag: 'TransitionRejected', from: 'done' })
    expect(fake.requests.map((r) => r.method)).toEqual(['PATCH', 'GET'])
  })

  it('NotFound for an unknown referral', async () => {
    const { primero, caseId } = await seeded('in_progress')
    expect(
      isNotFound(await fails(primero.updateReferral(caseId, 'nope', { status: 'accepted' }))),
    ).toBe(true)
  })
})
