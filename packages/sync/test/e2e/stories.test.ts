/**
 * One test per user story of the sync, end to end against both fakes.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

import { writeCount } from '../../src/index.js'
import { type Harness, startHarness } from './harness.js'

const { fieldIds, serviceReferralStatusOptions: options } = cambodia.primero

let h: Harness
afterEach(() => h.close())

const referralsFor = (caseId: string) =>
  h.fakeOscar.referrals().filter((r) => r.externalId === caseId)

describe('sync user stories', () => {
  it('a MoSVY referral reaches the right NGO once, with one service, and its OSCaR id comes back to Primero', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.referral[0] as string
    const row = h.primeroCase(caseId).services_section?.[0]
    await h.run()
    await h.run()
    const sent = referralsFor(caseId)
    expect(sent).toHaveLength(1)
    expect(sent[0]?.organization).toBe(
      String(row?.['service_implementing_agency']).replace(/^agency-/, ''),
    )
    expect(sent[0]?.services).toHaveLength(1)

    h.fakeOscar.decideReferral(sent[0]?.id as number, 'Accepted', sent[0]?.organization)
    await h.run()
    expect(h.primeroCase(caseId)['oscar_number']).toBe(sent[0]?.clientGlobalId)
    expect(referralsFor(caseId)).toHaveLength(1)
  })

  it('a new referral to an NGO that accepted the child before, for the same service, still reaches it', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.referral[0] as string
    await h.run()
    const [first] = referralsFor(caseId)
    h.fakeOscar.decideReferral(first?.id as number, 'Accepted', first?.organization)
    await h.run()
    // Months later MoSVY refers the child again: same NGO, same service, a new row.
    const kase = h.primeroCase(caseId)
    const oldRow = kase.services_section?.[0] ?? {}
    const rowId = '7d3c2b1a-0f9e-4d8c-8b7a-6e5d4c3b2a19'
    h.fakePrimero.editCase(kase.id, {
      services_section: [
        { ...oldRow, unique_id: rowId, [fieldIds.serviceReferralStatus]: options.pending },
      ],
    })
    h.fakePrimero.seedReferral(kase.id, {
      service_record_id: rowId,
      transitioned_to: String(oldRow['service_implementing_agency']) + '-user',
      created_at: new Date().toISOString(),
    })
    await h.run()
    expect(referralsFor(caseId)).toHaveLength(2)
  })

  it("an NGO's decision lands on the right Primero referral and service row", async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.ngoDecision[0] as string
    const kase = h.primeroCase(caseId)
    const [referral] = h.fakePrimero.referrals(kase.id)
    expect(referral?.['status']).toBe('in_progress')
    await h.run()
    expect(h.fakePrimero.referrals(kase.id)[0]?.['status']).toBe('accepted')
    const row = h
      .primeroCase(caseId)
      .services_section?.find((r) => r['unique_id'] === referral?.['service_record_id'])
    expect(row?.[fieldIds.serviceReferralStatus]).toBe(options.accepted)
  })

  it("an NGO referral to MoSVY arrives owned by the province user, marked pending, and MoSVY's decision reaches OSCaR once", async () => {
    h = await startHarness()
    const globalId = h.scenario.oscar.ngoReferral[0] as string
    const client = h.fakeOscar.clients().find((c) => c.global_id === globalId)
    await h.run()
    const created = h.fakePrimero.cases().find((c) => c['oscar_number'] === globalId)
    const province = String(client?.['location_current_village_code']).slice(0, 2)
    expect(created?.['owned_by']).toBe(
      cambodia.provinces.find((p) => p.code === province)?.primeroUser,
    )
    const rows = (created?.['services_section'] ?? []) as Array<Record<string, unknown>>
    expect(rows).toHaveLength(1)
    expect(rows[0]?.[fieldIds.serviceReferralStatus]).toBe(options.pending)

    h.fakePrimero.editCase(String(created?.['id']), {
      services_section: [
        { unique_id: rows[0]?.['unique_id'], [fieldIds.serviceReferralStatus]: options.accepted },
      ],
    })
    const referralId = Number(rows[0]?.[fieldIds.serviceOscarReferralId])
    const statusUpdates = () =>
      h.fakeOscar.requests.filter((r) => r.path.endsWith('/referrals/update_statuses')).length
    await h.run()
    expect(h.fakeOscar.referrals().find((r) => r.id === referralId)?.status).toBe('Accepted')
    const after = statusUpdates()
    await h.run()
    await h.run()
    expect(statusUpdates()).toBe(after)
    expect(h.primeroCase(String(created?.['case_id']))['services_section']).toEqual([
      expect.objectContaining({ [fieldIds.serviceReferralStatus]: options.accepted }),
    ])
  })

  it("MoSVY's decision on an NGO referral is sent once and never overwritten by OSCaR's echo", async () => {
    h = await startHarness()
    for (const caseId of h.scenario.primero.mosvyDecision) {
      const before = h.primeroCase(caseId).services_section?.[0]?.[fieldIds.serviceReferralStatus]
      await h.run()
      await h.run()
      expect(h.primeroCase(caseId).services_section?.[0]?.[fieldIds.serviceReferralStatus]).toBe(
        before,
      )
      const referralId = Number(
        h.primeroCase(caseId).services_section?.[0]?.[fieldIds.serviceOscarReferralId],
      )
      expect(h.fakeOscar.referrals().find((r) => r.id === referralId)?.status).toBe(
        before === options.accepted ? 'Accepted' : 'Exited',
      )
    }
  })

  it('a decision is not resent after its ledger entry is pruned, when OSCaR already shows it', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.mosvyDecision[0] as string
    await h.run()
    const statusUpdates = () =>
      h.fakeOscar.requests.filter((r) => r.path.endsWith('/referrals/update_statuses')).length
    const sent = statusUpdates()
    expect(sent).toBeGreaterThan(0)
    // Weeks later: the ledger no longer holds the decision, and a caseworker edits the case.
    const state = h.store.current()
    if (state === undefined) throw new Error('no state')
    await h.store.save({ ...state, decisions: {} })()
    h.fakePrimero.editCase(h.primeroCase(caseId).id, { risk_level: 'low' })
    const report = await h.run()
    expect(statusUpdates()).toBe(sent)
    expect(report.flows['primero-to-oscar'].updated).toBe(0)
  })

  it('a shared case gets its Primero id in OSCaR', async () => {
    h = await startHarness()
    const globalId = h.scenario.oscar.shared[0] as string
    await h.run()
    const created = h.fakePrimero.cases().find((c) => c['oscar_number'] === globalId)
    expect(created).toBeDefined()
    expect(created?.['owned_by']).toMatch(/^agency-[a-z]+-user$/)
    const client = h.fakeOscar.clients().find((c) => c.global_id === globalId)
    expect(client?.['external_id']).toBe(created?.['case_id'])
  })

  it('a child referred to two NGOs reaches both, one service each', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.twoNgos[0] as string
    const agencies = (h.primeroCase(caseId).services_section ?? []).map((r) =>
      String(r['service_implementing_agency']).replace(/^agency-/, ''),
    )
    await h.run()
    const sent = referralsFor(caseId)
    expect(sent.map((r) => r.organization).sort()).toEqual([...agencies].sort())
    expect(sent.every((r) => r.services.length === 1)).toBe(true)
  })

  it('a second run over the same window makes zero writes', async () => {
    h = await startHarness({ scenario: { cases: 40, seed: 7 } })
    const first = await h.run()
    expect(writeCount(first)).toBeGreaterThan(0)
    const before = h.writes()
    const second = await h.run()
    expect(writeCount(second)).toBe(0)
    expect(h.writes()).toEqual(before)
    expect(second.flows['primero-to-oscar'].read).toBeGreaterThan(0)
  })

  it('a case without consent never leaves Primero and is reported by id', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.noConsent[0] as string
    const report = await h.run()
    expect(referralsFor(caseId)).toHaveLength(0)
    expect(report.issues).toContainEqual(
      expect.objectContaining({ recordId: caseId, code: 'NO_CONSENT' }),
    )
    // Nothing about the child was sent: no OSCaR request carried its case id.
    for (const request of h.fakeOscar.requests)
      expect(JSON.stringify(request)).not.toContain(caseId)
  })

  it('malformed records are reported while the rest of their window syncs', async () => {
    h = await startHarness()
    const report = await h.run()
    const codes = (id: string) => report.issues.filter((i) => i.recordId === id).map((i) => i.code)
    // An impossible birth date is left out and reported by the record's id; the case syncs.
    expect(codes(h.primeroCase(h.scenario.primero.malformed[0] as string).id)).toContain(
      'FIELD_DROPPED',
    )
    expect(codes(h.scenario.oscar.unknownProvince[0] as string)).toContain('UNKNOWN_PROVINCE')
    const unknownService = h.primeroCase(h.scenario.primero.unknownService[0] as string)
    const referral = h.fakePrimero.referrals(unknownService.id)[0]
    expect(codes(String(referral?.['id']))).toContain('UNKNOWN_SERVICE')
    expect(report.flows['primero-to-oscar'].failed).toBeGreaterThan(0)
    expect(report.flows['primero-to-oscar'].created).toBe(h.scenario.expectedReferrals)
  })
})
