import { describe, expect, it } from 'vitest'

import { referredChild } from '../fixtures/cases.js'
import { fakePrimero, manualClock } from '../helpers.js'
import { api } from './raw.js'

const setup = async (child: Record<string, unknown> = referredChild) => {
  const clock = manualClock()
  const fake = await fakePrimero({
    clock: clock.now,
    users: [{ user_name: 'ngo-user', agency_id: 'agency-cif' }],
  })
  fake.seedCases([{ ...child, id: 'e1' }])
  return { fake, clock }
}

const refer = (fake: Awaited<ReturnType<typeof setup>>['fake'], data: Record<string, unknown>) =>
  api(fake, 'POST', '/api/v2/cases/e1/referrals', {
    data: { transitioned_to: 'ngo-user', ...data },
  })

describe('fake: referrals', () => {
  it('creates in_progress with Primero fields and moves the case last_updated_at', async () => {
    const { fake, clock } = await setup()
    clock.advance(100)
    const reply = await refer(fake, { service_record_id: 's1', notes: 'n' })
    expect(reply.status).toBe(200)
    expect(reply.json.data).toMatchObject({
      type: 'Referral',
      status: 'in_progress',
      record_id: 'e1',
      record_type: 'case',
      transitioned_by: fake.username,
      transitioned_to_agency: 'agency-cif',
      service_record_id: 's1',
      created_at: clock.now().toISOString(),
    })
    expect(fake.cases()[0]?.last_updated_at).toBe(clock.now().toISOString())
    expect((await api(fake, 'GET', '/api/v2/cases/e1/referrals')).json.data).toHaveLength(1)
  })

  it('the consent rule: both flags, or consent_overridden on the referral, or a GBV case with consent_for_services', async () => {
    const { fake } = await setup({ ...referredChild, consent_for_services: false })
    const refused = await refer(fake, {})
    expect(refused.status).toBe(422)
    // ActiveRecord::RecordInvalid through ErrorService: detail the attribute, message an array.
    expect(refused.json.errors).toEqual([
      {
        status: 422,
        resource: '/api/v2/cases/e1/referrals',
        detail: 'consent',
        message: ['transition.errors.consent'],
      },
    ])
    const overridden = await refer(fake, { consent_overridden: true })
    expect([overridden.status, overridden.json.data.consent_overridden]).toEqual([200, true])
    const gbv = await setup({ module_id: 'primeromodule-gbv', consent_for_services: true })
    expect((await refer(gbv.fake, {})).status).toBe(200)
    const gbvNone = await setup({ module_id: 'primeromodule-gbv', disclosure_other_orgs: true })
    expect((await refer(gbvNone.fake, {})).status).toBe(422)
  })

  it('refuses an unknown user, or one who may not receive referrals', async () => {
    const { fake } = await setup()
    const reply = await refer(fake, { transitioned_to: 'ghost' })
    expect([reply.status, reply.json.errors[0].detail, reply.json.errors[0].message]).toEqual([
      422,
      'transitioned_to',
      ['transition.errors.to_user_can_receive'],
    ])
    const clock = manualClock()
    const strict = await fakePrimero({
      clock: clock.now,
      users: [{ user_name: 'ngo-user', agency_id: 'agency-cif', can_receive_referrals: false }],
    })
    strict.seedCases([{ ...referredChild, id: 'e1' }])
    expect((await refer(strict, {})).status).toBe(422)
    expect(strict.referrals('e1')).toEqual([])
  })

  it('a remote referral needs no transitioned_to and no receiving user', async () => {
    const { fake } = await setup()
    const local = await api(fake, 'POST', '/api/v2/cases/e1/referrals', { data: {} })
    expect([local.status, local.json.errors[0].detail]).toEqual([422, 'transitioned_to'])
    const remote = await api(fake, 'POST', '/api/v2/cases/e1/referrals', {
      data: { remote: true, transitioned_to_remote: 'OSCaR', service: 'counselling' },
    })
    expect([remote.status, remote.json.data.remote, remote.json.data.status]).toEqual([
      200,
      true,
      'in_progress',
    ])
  })

  it('marks the referred service row service_status_referred (the case moves)', async () => {
    const row = '8b3f5a2e-1c4d-4e6f-9a0b-1c2d3e4f5a6b'
    const { fake, clock } = await setup({
      ...referredChild,
      services_section: [{ unique_id: row, service_type: 'counselling' }],
    })
    const before = fake.cases()[0]?.last_updated_at
    clock.advance(1000)
    expect((await refer(fake, { service_record_id: row })).status).toBe(200)
    const stored = fake.cases()[0] ?? {}
    expect(stored.services_section).toEqual([
      { unique_id: row, service_type: 'counselling', service_status_referred: true },
    ])
    expect(stored.last_updated_at).not.toBe(before)
  })

  it('allowed transitions apply; any other answers 200 and changes nothing', async () => {
    const { fake } = await setup()
    const id = (await refer(fake, {})).json.data.id
    const patch = (status: string) =>
      api(fake, 'PATCH', `/api/v2/cases/e1/referrals/${id}`, { data: { status } })
    expect((await patch('done')).json.data.status).toBe('in_progress') // illegal: no-op, 200
    expect((await patch('accepted')).json.data.status).toBe('accepted')
    const back = await patch('rejected')
    expect([back.status, back.json.data.status]).toEqual([200, 'accepted'])
    expect((await patch('done')).json.data.status).toBe('done')
  })

  it('DELETE revokes', async () => {
    const { fake } = await setup()
    const id = (await refer(fake, {})).json.data.id
    expect((await api(fake, 'DELETE', `/api/v2/cases/e1/referrals/${id}`)).json.data.status).toBe(
      'revoked',
    )
    expect(fake.referrals('e1')[0]?.status).toBe('revoked')
  })

  it('seedReferral stores one directly', async () => {
    const { fake } = await setup()
    const r = fake.seedReferral('e1', { transitioned_to: 'x', status: 'accepted' })
    expect(r).toMatchObject({ record_id: 'e1', status: 'accepted', type: 'Referral' })
    expect(fake.referrals('e1')).toEqual([r])
  })
})
