/**
 * The sync against OSCaR's multi-NGO traps (API-OSCAR.md, "Multi-NGO traps"): a global
 * id sent to an NGO that does not hold the child makes no referral; a decision on a child
 * in two NGOs may land on another NGO's referral; a second global id for one child.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

import { kinship, mosvyCase as aMosvyCase, referralRow } from './fixtures.js'
import { type Harness, startHarness } from './harness.js'

const {
  fieldIds,
  serviceReferralStatusOptions: statusOption,
  serviceResponseTypes,
} = cambodia.primero

let h: Harness
afterEach(() => h.close())

const today = () => new Date().toISOString().slice(0, 10)
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString()

const child = (global_id: string, organization_name: string, extra: Record<string, unknown>) => ({
  global_id,
  organization_name,
  slug: `slug-${global_id.slice(-4).toLowerCase()}`,
  given_name: 'Test',
  family_name: 'Child',
  gender: 'female',
  date_of_birth: '2015-04-02',
  location_current_village_code: '02040302',
  status: 'Active',
  is_referred: true,
  ...extra,
})

const mosvyCase = (id: string, extra: Record<string, unknown> = {}) =>
  aMosvyCase(id, `case-${id}`, extra)

/** A `referral_to_oscar` row and its in-progress referral, to `ngo`. */
const referTo = (caseRecordId: string, rowId: string, ngo: string) => {
  h.fakePrimero.editCase(caseRecordId, { services_section: [referralRow(rowId, ngo)] })
  h.fakePrimero.seedReferral(caseRecordId, {
    service_record_id: rowId,
    transitioned_to: `agency-${ngo}-user`,
    created_at: new Date().toISOString(),
  })
}

const ROW_A = '3f0c4b1e-8a2d-4c6f-9b1e-2d3c4b5a6f70'
const ROW_B = '3f0c4b1e-8a2d-4c6f-9b1e-2d3c4b5a6f71'
const G1 = '01HZZZZZZZZZZZZZZZZZZZZZ01'
const G2 = '01HZZZZZZZZZZZZZZZZZZZZZ02'

describe('referrals to a second NGO', () => {
  it('a child held by one NGO and referred to another reaches the other without its global id', async () => {
    h = await startHarness({ scenario: false })
    const kase = mosvyCase('11111111-1111-4111-8111-111111111111', { oscar_number: G1 })
    h.fakePrimero.seedCases([kase])
    h.fakeOscar.seedClient(child(G1, 'kmr', { external_id: kase.case_id }))
    referTo(kase.id, ROW_A, 'fsi')
    // Flow 0 writes the case first (its OSCaR ids), which moves it to the next window.
    await h.run()
    await h.run()
    const atFsi = h.fakeOscar.referrals().filter((r) => r.organization === 'fsi')
    expect(atFsi).toHaveLength(1)
    expect(atFsi[0]?.externalId).toBe(kase.case_id)
    // A new child at fsi: OSCaR minted another global id; kmr's child is untouched.
    expect(atFsi[0]?.clientGlobalId).not.toBe(G1)
  })

  it('a child held by the NGO it is referred to again is sent with that NGO’s global id', async () => {
    h = await startHarness({ scenario: false })
    const kase = mosvyCase('22222222-2222-4222-8222-222222222222', { oscar_number: G1 })
    h.fakePrimero.seedCases([kase])
    h.fakeOscar.seedClient(child(G2, 'fsi', { external_id: kase.case_id }))
    h.fakeOscar.seedClient(child(G1, 'kmr', { external_id: kase.case_id }))
    referTo(kase.id, ROW_A, 'fsi')
    await h.run()
    await h.run()
    const atFsi = h.fakeOscar.referrals().filter((r) => r.organization === 'fsi')
    expect(atFsi.map((r) => r.clientGlobalId)).toEqual([G2])
  })

  it('an NGO holding the child under an id no read has shown refuses it: retried once a read shows it', async () => {
    h = await startHarness({ scenario: false, sync: { since: today(), retryDelayMs: 0 } })
    const kase = mosvyCase('33333333-3333-4333-8333-333333333333')
    h.fakePrimero.seedCases([kase])
    // Accepted by cif a month ago, untouched since: the incremental read does not show it.
    h.fakeOscar.seedClient(
      child(G1, 'cif', {
        external_id: kase.case_id,
        resource: 'primero',
        updated_at: daysAgo(30),
        created_at: daysAgo(30),
        services: [
          { uuid: null, name: 'Kinship care', referral_id: 7, referral_status: 'Accepted' },
        ],
      }),
    )
    referTo(kase.id, ROW_A, 'cif')
    const first = await h.run()
    expect(first.issues).toContainEqual(expect.objectContaining({ code: 'CHILD_AT_NGO_UNSEEN' }))
    expect(h.fakeOscar.referrals().filter((r) => r.organization === 'cif')).toHaveLength(1)

    h.fakeOscar.updateClient(G1, { case_worker_name: 'Another worker' }, 'cif')
    await h.run()
    const atCif = h.fakeOscar.referrals().filter((r) => r.organization === 'cif')
    expect(atCif).toHaveLength(2)
    expect(atCif.every((r) => r.clientGlobalId === G1)).toBe(true)
  })
})

describe('decisions on a child in two NGOs', () => {
  it('are parked with a code that says why, and never sent', async () => {
    h = await startHarness({ scenario: false })
    const kase = mosvyCase('44444444-4444-4444-8444-444444444444', {
      oscar_number: G1,
      services_section: [
        {
          unique_id: ROW_B,
          service_type: kinship.primeroType,
          service_subtype: [kinship.primeroSubtype],
          service_response_type: serviceResponseTypes.referralFromOscar,
          service_implementing_agency: 'agency-cif',
          [fieldIds.serviceReferringAgency]: 'agency-cif',
          [fieldIds.serviceOscarReferralId]: '1',
          [fieldIds.serviceReferralStatus]: statusOption.accepted,
        },
      ],
    })
    h.fakePrimero.seedCases([kase])
    const service = { uuid: null, name: 'Kinship care', referral_status: 'Referred' }
    h.fakeOscar.seedClient(
      child(G1, 'cif', { external_id: kase.case_id, services: [{ ...service, referral_id: 1 }] }),
    )
    h.fakeOscar.seedClient(
      child(G1, 'tpo', { external_id: kase.case_id, services: [{ ...service, referral_id: 1 }] }),
    )
    const statusUpdates = () =>
      h.fakeOscar.requests.filter((r) => r.path.endsWith('/referrals/update_statuses')).length
    await h.run() // flow 0 writes the case's OSCaR short id: it moves to the next window
    const first = await h.run()
    expect(statusUpdates()).toBe(0)
    expect(first.parked).toContainEqual({
      flow: 'primero-to-oscar',
      id: `${G1}/1`,
      code: 'DECISION_NGO_AMBIGUOUS',
    })
    h.fakePrimero.editCase(kase.id, { risk_level: 'medium' })
    const second = await h.run()
    expect(statusUpdates()).toBe(0)
    expect(second.parked).toHaveLength(1)
    expect(h.fakeOscar.referrals().every((r) => r.status === 'Referred')).toBe(true)
  })
})

describe('two OSCaR global ids for one Primero case', () => {
  it('oscar_number settles on the smallest (oldest) id and never flips', async () => {
    h = await startHarness({ scenario: false })
    const kase = mosvyCase('55555555-5555-4555-8555-555555555555', { oscar_number: G2 })
    h.fakePrimero.seedCases([kase])
    h.fakeOscar.seedClient(child(G2, 'fsi', { external_id: kase.case_id }))
    h.fakeOscar.seedClient(child(G1, 'kmr', { external_id: kase.case_id }))
    const first = await h.run()
    expect(h.primeroCase(kase.case_id)['oscar_number']).toBe(G1)
    expect(first.flows['oscar-ids'].updated).toBe(1)

    const writes = h.writes().primero
    h.fakeOscar.updateClient(G2, { case_worker_name: 'Another worker' }, 'fsi')
    h.fakeOscar.updateClient(G1, { case_worker_name: 'Another worker' }, 'kmr')
    const second = await h.run()
    expect(h.primeroCase(kase.case_id)['oscar_number']).toBe(G1)
    expect(second.flows['oscar-ids'].updated).toBe(0)
    expect(second.issues).toContainEqual(
      expect.objectContaining({ recordId: G2, code: 'SECOND_GLOBAL_ID' }),
    )
    expect(h.writes().primero).toBe(writes)
  })
})
