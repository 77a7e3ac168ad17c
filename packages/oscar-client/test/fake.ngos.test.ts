import { isRejected } from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient, anUpsert, aStatusUpdate, OTHER_GLOBAL_ID } from './fixtures/records.js'
import { closeAll, harness, left, right } from './helpers.js'

afterEach(closeAll)

const NGOS = ['gpc', 'tpo', 'cif']

/** A service row of a referral, as a seed carries it. */
const referral = (id: number, name = 'Family support') => ({
  name,
  referral_id: id,
  referral_status: 'Referred',
})

describe('referral ids are numbered per NGO (item 10)', () => {
  it('restart at 1 in each NGO; referrals() carries the organisation', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    await right(oscar.upsertClient(anUpsert({ organization_name: 'cif' })))
    await right(oscar.upsertClient(anUpsert({ organization_name: 'tpo' })))
    await right(oscar.upsertClient(anUpsert({ organization_name: 'cif', external_id: 'c-2' })))
    expect(fake.referrals().map((r) => [r.organization, r.id])).toEqual([
      ['cif', 1],
      ['tpo', 1],
      ['cif', 2],
    ])
  })

  it('decideReferral needs the organisation only when the id is ambiguous', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    await right(oscar.upsertClient(anUpsert({ organization_name: 'cif' })))
    await right(oscar.upsertClient(anUpsert({ organization_name: 'tpo' })))
    await right(oscar.upsertClient(anUpsert({ organization_name: 'cif', external_id: 'c-2' })))
    expect(() => fake.decideReferral(1, 'Accepted')).toThrow(/several NGOs/)
    expect(fake.decideReferral(1, 'Accepted', 'tpo')).toMatchObject({
      id: 1,
      organization: 'tpo',
      status: 'Accepted',
    })
    // Unique ids keep working without the organisation.
    expect(fake.decideReferral(2, 'Exited')).toMatchObject({ organization: 'cif' })
    expect(() => fake.decideReferral(2, 'Exited', 'tpo')).toThrow(/no referral 2 in tpo/)
    expect(fake.clients().map((c) => c['organization_name'])).toEqual(['tpo'])
  })

  it('seeds may reuse an id in another NGO, never in the same one for another child', async () => {
    const { fake } = await harness({ organizations: NGOS })
    fake.seedClient(aClient({ organization_name: 'cif', services: [referral(5)] }))
    fake.seedClient(
      aClient({ organization_name: 'tpo', global_id: OTHER_GLOBAL_ID, services: [referral(5)] }),
    )
    expect(() =>
      fake.seedClient(
        aClient({ organization_name: 'cif', global_id: OTHER_GLOBAL_ID, services: [referral(5)] }),
      ),
    ).toThrow(/referral 5 of cif/)
  })
})

describe('update_statuses picks one of the child’s NGOs, then the id there (item 10)', () => {
  /**
   * The child joined tpo first, then cif. Referral 1 of cif is the child's; referral 1 of
   * tpo is ANOTHER child's; referral 2 exists only in cif.
   */
  const twoNgos = async (options: Parameters<typeof harness>[0] = {}) => {
    const h = await harness({ organizations: NGOS, ...options })
    h.fake.seedClient(aClient({ organization_name: 'tpo', services: [] }))
    h.fake.seedClient(
      aClient({ organization_name: 'tpo', global_id: OTHER_GLOBAL_ID, services: [referral(1)] }),
    )
    h.fake.seedClient(aClient({ organization_name: 'cif', services: [referral(1), referral(2)] }))
    return h
  }
  const statusOf = (
    referrals: ReadonlyArray<{ organization: string; id: number; status: string }>,
    organization: string,
    id: number,
  ) => referrals.find((r) => r.organization === organization && r.id === id)?.status

  it('by default the NGO the child joined first: a decision lands on another child’s referral', async () => {
    const { fake, oscar } = await twoNgos()
    await right(
      oscar.updateReferralStatuses([
        aStatusUpdate({ referral_id: 1, referral_status: 'Accepted' }),
      ]),
    )
    expect(statusOf(fake.referrals(), 'tpo', 1)).toBe('Accepted') // the other child's
    expect(statusOf(fake.referrals(), 'cif', 1)).toBe('Referred') // the one meant
    const error = await left(oscar.updateReferralStatuses([aStatusUpdate({ referral_id: 2 })]))
    expect(isRejected(error) && error.code).toBe('referral-not-found')
  })

  it("with statusesOrganization 'last-joined', the other NGO", async () => {
    const { fake, oscar } = await twoNgos({ statusesOrganization: 'last-joined' })
    await right(
      oscar.updateReferralStatuses([
        aStatusUpdate({ referral_id: 1, referral_status: 'Exited' }),
        aStatusUpdate({ referral_id: 2, referral_status: 'Accepted' }),
      ]),
    )
    expect(fake.referrals().map((r) => [r.organization, r.id, r.status])).toEqual([
      ['tpo', 1, 'Referred'],
      ['cif', 1, 'Exited'],
      ['cif', 2, 'Accepted'],
    ])
  })

  it('a global id no NGO holds is a bare RecordNotFound → client-not-found', async () => {
    const { fake, oscar } = await twoNgos()
    const error = await left(
      oscar.updateReferralStatuses([
        aStatusUpdate({ client_global_id: '01J00000000000000000000ZZZ' }),
      ]),
    )
    expect(isRejected(error) && error.code).toBe('client-not-found')
    expect(fake.requests.at(-1)?.status).toBe(422)
  })
})
