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

  it('the consent rule: both flags, or consent_overridden, or a GBV case', async () => {
    const { fake } = await setup({ ...referredChild, consent_for_services: false })
    expect((await refer(fake, {})).status).toBe(422)
    expect((await refer(fake, { consent_overridden: true })).status).toBe(200)
    const gbv = await setup({ module_id: 'primeromodule-gbv' })
    expect((await refer(gbv.fake, {})).status).toBe(200)
  })

  it('refuses an unknown user', async () => {
    const { fake } = await setup()
    const reply = await refer(fake, { transitioned_to: 'ghost' })
    expect([reply.status, reply.json.errors[0].detail]).toEqual([422, '/transitioned_to'])
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
