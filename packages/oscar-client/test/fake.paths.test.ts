import { isNonJsonResponse, isOutcomeUnknown, isRejected } from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient, anUpsert, CASE_ID, GLOBAL_ID, OTHER_GLOBAL_ID } from './fixtures/records.js'
import { closeAll, harness, left, manualClock, rawSession, right } from './helpers.js'

afterEach(closeAll)

const UPSERT = '/api/v1/organizations/clients/upsert'
const NGOS = ['gpc', 'tpo', 'cif'] // organisation ids 1, 2, 3

/** A raw upsert: to send what the client never sends (absent keys). */
const rawUpsert = async (
  fake: { readonly url: string },
  headers: Record<string, string>,
  organization: Record<string, unknown>,
) => {
  const answer = await fetch(`${fake.url}${UPSERT}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ organization }),
  })
  const type = answer.headers.get('content-type') ?? ''
  return { status: answer.status, body: type.includes('json') ? await answer.json() : null }
}

const copyIn = (clients: ReadonlyArray<Record<string, unknown>>, ngo: string) =>
  clients.find((c) => c['organization_name'] === ngo)

describe('path 1: a known child sent to an NGO that does not hold it (item 8)', () => {
  it('makes no referral and updates the child in the NGO with the lowest organisation id', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    // The child joined cif first, gpc later: "first" is by organisation id, not by joining.
    fake.seedClient(aClient({ organization_name: 'cif', mosvy_number: 'cif-1' }))
    fake.seedClient(aClient({ organization_name: 'gpc', mosvy_number: 'gpc-1' }))
    const saved = await right(
      oscar.upsertClient(
        anUpsert({ global_id: GLOBAL_ID, organization_name: 'tpo', mosvy_number: 'M-2' }),
      ),
    )
    expect(saved).toEqual({ externalId: CASE_ID, message: 'Record saved.' })
    expect(fake.referrals()).toEqual([])
    expect(copyIn(fake.clients(), 'gpc')).toMatchObject({ mosvy_number: 'M-2' })
    expect(copyIn(fake.clients(), 'cif')).toMatchObject({ mosvy_number: 'cif-1' })
    expect(copyIn(fake.clients(), 'tpo')).toBeUndefined()
  })

  it('to an NGO that holds it: opens the referral there, yet updates the first NGO’s copy', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    fake.seedClient(aClient({ organization_name: 'cif', mosvy_number: 'cif-1' }))
    fake.seedClient(aClient({ organization_name: 'gpc', mosvy_number: 'gpc-1' }))
    await right(
      oscar.upsertClient(
        anUpsert({ global_id: GLOBAL_ID, organization_name: 'cif', mosvy_number: 'M-3' }),
      ),
    )
    expect(fake.referrals()).toMatchObject([
      { id: 1, organization: 'cif', clientGlobalId: GLOBAL_ID, status: 'Referred' },
    ])
    expect(copyIn(fake.clients(), 'gpc')).toMatchObject({ mosvy_number: 'M-3' })
    expect(copyIn(fake.clients(), 'cif')).toMatchObject({ mosvy_number: 'cif-1' })
  })

  it('without a global_id, the same child is referred with a newly minted global id', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    fake.seedClient(aClient({ organization_name: 'gpc' }))
    await right(oscar.upsertClient(anUpsert({ organization_name: 'tpo' })))
    const [referral] = fake.referrals()
    expect(referral).toMatchObject({ organization: 'tpo', status: 'Referred' })
    expect(referral?.clientGlobalId).not.toBe(GLOBAL_ID)
    expect(referral?.clientGlobalId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
  })

  it('a global id OSCaR minted for a referral no NGO accepted yet goes down path 2', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    await right(oscar.upsertClient(anUpsert({ organization_name: 'tpo' })))
    const minted = fake.referrals()[0]?.clientGlobalId ?? ''
    await right(
      oscar.upsertClient(
        anUpsert({ global_id: minted, organization_name: 'cif', external_id: 'other-case' }),
      ),
    )
    expect(fake.referrals().map((r) => [r.organization, r.id, r.clientGlobalId])).toEqual([
      ['tpo', 1, minted],
      ['cif', 1, minted],
    ])
  })

  it('a global id OSCaR never minted: the referral is saved, then a 500 page → OutcomeUnknown', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    const headers = await rawSession(fake)
    const page = await rawUpsert(fake, headers, { ...anUpsert(), global_id: OTHER_GLOBAL_ID })
    expect(page.status).toBe(500)
    expect(fake.referrals()).toHaveLength(1)
    // The client cannot tell this 500 from one before any write: the outcome is unknown.
    const error = await left(
      oscar.upsertClient(anUpsert({ global_id: OTHER_GLOBAL_ID, external_id: 'other-case' })),
    )
    expect(isOutcomeUnknown(error) && error.reason).toBe('server-error')
    expect(fake.referrals()).toHaveLength(2)
    expect(fake.referrals()).toMatchObject([
      { organization: 'cif', clientGlobalId: OTHER_GLOBAL_ID, status: 'Referred' },
      { organization: 'cif', clientGlobalId: OTHER_GLOBAL_ID, status: 'Referred' },
    ])
  })

  it('an unknown organisation: a 500 page, nothing written (unknown outcome with a global_id)', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    fake.seedClient(aClient({ organization_name: 'gpc', mosvy_number: 'gpc-1' }))
    const known = await left(
      oscar.upsertClient(anUpsert({ global_id: GLOBAL_ID, organization_name: 'nope' })),
    )
    expect(isOutcomeUnknown(known) && known.reason).toBe('server-error')
    const fresh = await left(oscar.upsertClient(anUpsert({ organization_name: 'nope' })))
    expect(isNonJsonResponse(fresh) && fresh.status).toBe(500)
    expect(fake.clients()[0]).toMatchObject({ mosvy_number: 'gpc-1' })
    expect(fake.referrals()).toEqual([])
  })
})

describe('path 1 overwrites a fixed set of fields (item 9)', () => {
  it('wipes the Khmer names and reason_for_referral; what is not sent becomes nil', async () => {
    const time = manualClock('2024-08-01T00:00:00Z')
    const { fake } = await harness({ organizations: NGOS, clock: time.clock })
    fake.seedClient(
      aClient({
        organization_name: 'gpc',
        external_id: 'old-case',
        external_id_display: 'old',
        mosvy_number: 'M-1',
        external_case_worker_name: 'someone',
        external_case_worker_id: 'w-1',
        level_of_risk: 'medium',
        status: 'Active',
      }),
    )
    time.set('2024-08-02T00:00:00Z')
    const headers = await rawSession(fake)
    const answer = await rawUpsert(fake, headers, {
      global_id: GLOBAL_ID,
      organization_name: 'gpc',
      given_name: 'New',
      gender: 'male',
      local_given_name: 'not permitted',
      reason_for_referral: 'never read',
    })
    expect(answer).toEqual({
      status: 200,
      body: { external_id: 'old-case', message: 'Record saved.' },
    })
    expect(fake.clients()[0]).toMatchObject({
      given_name: 'New',
      family_name: null,
      local_given_name: null,
      local_family_name: null,
      gender: 'male',
      date_of_birth: null,
      mosvy_number: null,
      reason_for_referral: null,
      external_case_worker_name: null,
      external_case_worker_id: null,
      location_current_village_code: null,
      address_current_village_code: null,
      // Not in the set: kept.
      external_id: 'old-case',
      external_id_display: 'old',
      level_of_risk: 'medium',
      status: 'Active',
      updated_at: '2024-08-02T00:00:00.000Z',
    })
  })

  it('writes the Primero ids only with an external_id, the display nil when absent', async () => {
    const { fake } = await harness({ organizations: NGOS })
    fake.seedClient(aClient({ organization_name: 'gpc', external_id_display: 'old' }))
    const headers = await rawSession(fake)
    await rawUpsert(fake, headers, {
      global_id: GLOBAL_ID,
      organization_name: 'gpc',
      gender: 'female',
      external_id: CASE_ID,
    })
    expect(fake.clients()[0]).toMatchObject({ external_id: CASE_ID, external_id_display: null })
  })

  it('reads the address code as Ruby does: a blank address code hides the location code', async () => {
    const { fake } = await harness({ organizations: NGOS })
    fake.seedClient(aClient({ organization_name: 'gpc' }))
    const headers = await rawSession(fake)
    const send = (codes: Record<string, unknown>) =>
      rawUpsert(fake, headers, {
        global_id: GLOBAL_ID,
        organization_name: 'gpc',
        gender: 'female',
        ...codes,
      })
    const code = () => fake.clients()[0]?.['location_current_village_code']
    await send({ location_current_village_code: '2040302' })
    expect(code()).toBe('02040302')
    await send({ address_current_village_code: '', location_current_village_code: '02040302' })
    expect(code()).toBeNull()
    await send({ address_current_village_code: '204' })
    expect(code()).toBe('0204')
  })

  it('a blank or unknown gender fails the update (422), after the referral was opened', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    fake.seedClient(aClient({ organization_name: 'gpc', mosvy_number: 'M-1' }))
    const error = await left(
      oscar.upsertClient(
        anUpsert({ global_id: GLOBAL_ID, organization_name: 'gpc', gender: '', mosvy_number: 'x' }),
      ),
    )
    // Not transactional: the referral stays, so the client cannot call it refused.
    expect(isOutcomeUnknown(error) && error.reason).toBe('rejected-after-save')
    expect(fake.clients()[0]).toMatchObject({ mosvy_number: 'M-1', gender: 'female' })
    expect(fake.referrals()).toHaveLength(1)
    const unknown = await left(
      oscar.upsertClient(
        anUpsert({
          global_id: GLOBAL_ID,
          organization_name: 'gpc',
          gender: 'f',
          is_referred: false,
        }),
      ),
    )
    // No referral asked for: the 422 proves nothing was written.
    expect(isRejected(unknown) && unknown.fields).toEqual(['gender'])
  })

  it('applies referral_status to the child’s last Primero referral; an unknown one is a 422', async () => {
    const { fake } = await harness({ organizations: NGOS })
    fake.seedClient(
      aClient({
        organization_name: 'gpc',
        external_id: CASE_ID,
        services: [{ name: 'Kinship care', referral_id: 4, referral_status: 'Referred' }],
      }),
    )
    const headers = await rawSession(fake)
    const base = { global_id: GLOBAL_ID, organization_name: 'gpc', gender: 'female' }
    expect(await rawUpsert(fake, headers, { ...base, referral_status: 'Exited' })).toMatchObject({
      status: 200,
    })
    expect(fake.referrals()).toMatchObject([{ id: 4, status: 'Exited' }])
    const refused = await rawUpsert(fake, headers, { ...base, referral_status: '' })
    expect(refused.status).toBe(422)
  })
})

describe('a resent upsert (item 12)', () => {
  it('reuses the first referral’s global id while no child holds it; then "Record was found."', async () => {
    const { fake, oscar } = await harness({ organizations: NGOS })
    await right(oscar.upsertClient(anUpsert()))
    fake.decideReferral(1, 'Exited')
    await right(oscar.upsertClient(anUpsert()))
    const [first, second] = fake.referrals()
    expect(second).toMatchObject({ id: 2, organization: 'cif', status: 'Referred' })
    expect(second?.clientGlobalId).toBe(first?.clientGlobalId)
    fake.decideReferral(2, 'Accepted')
    const found = await left(oscar.upsertClient(anUpsert()))
    expect(isRejected(found) && found.code).toBe('record-found')
    // The same external id in another NGO is another story: a new referral there.
    await right(oscar.upsertClient(anUpsert({ organization_name: 'tpo' })))
    expect(fake.referrals().at(-1)?.clientGlobalId).not.toBe(first?.clientGlobalId)
  })

  it('mints the same global ids for the same seed and clock', async () => {
    const clock = manualClock('2024-01-01T00:00:00Z').clock
    const minted = async (seed: number) => {
      const { fake, oscar } = await harness({ organizations: NGOS, clock, seed })
      await right(oscar.upsertClient(anUpsert()))
      return fake.referrals()[0]?.clientGlobalId
    }
    const [a, b, c] = [await minted(7), await minted(7), await minted(8)]
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })
})
