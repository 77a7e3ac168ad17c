/**
 * Issue #14 (writes at the floor): MoSVY's decisions go to OSCaR together, not one
 * `update_statuses` PUT per decision: the endpoint takes many per request and the client
 * sends 100 at a time. OSCaR's 422 does not say which item it refused, so a refused
 * request is resent item by item: the refusal fails its case alone, and every other
 * decision still reaches OSCaR.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

const STATUSES = '/api/v1/organizations/referrals/update_statuses'
const { fieldIds, serviceReferralStatusOptions: option } = cambodia.primero

const puts = (h: Harness) =>
  h.fakeOscar.requests.filter((r) => r.method === 'PUT' && r.path === STATUSES)

/** Each MoSVY decision of the scenario: its case, OSCaR referral id and expected status. */
const decisions = (h: Harness) =>
  h.scenario.primero.mosvyDecision.map((caseId) => {
    const row = h.primeroCase(caseId).services_section?.[0]
    return {
      caseId,
      referralId: Number(row?.[fieldIds.serviceOscarReferralId]),
      status: row?.[fieldIds.serviceReferralStatus] === option.accepted ? 'Accepted' : 'Exited',
    }
  })

describe('decisions', () => {
  it("a run's decisions take one request per 100", async () => {
    h = await startHarness({ scenario: { cases: 300, seed: 6 } })
    const wanted = decisions(h)
    expect(wanted.length).toBeGreaterThan(50)
    await h.run()
    expect(puts(h).length).toBe(Math.ceil(wanted.length / 100))
    for (const d of wanted)
      expect(h.fakeOscar.referrals().find((r) => r.id === d.referralId)?.status).toBe(d.status)
    expect(Object.keys(h.store.current()?.decisions ?? {})).toHaveLength(wanted.length)
  })

  it('a decision OSCaR refuses fails its case alone; the others are sent', async () => {
    h = await startHarness({ scenario: { cases: 100, seed: 6 } })
    const [refused, ...others] = decisions(h)
    if (refused === undefined) throw new Error('no decision in the scenario')
    // A referral id OSCaR does not have: `update_statuses` answers 422.
    const kase = h.primeroCase(refused.caseId)
    const row = kase.services_section?.[0]
    h.fakePrimero.editCase(kase.id, {
      services_section: [{ unique_id: row?.unique_id, [fieldIds.serviceOscarReferralId]: '99999' }],
    })
    const report = await h.run()
    const failed = report.issues.filter(
      (i) => i.code === 'Rejected' && i.message.includes('update_statuses'),
    )
    expect(failed.map((i) => i.recordId)).toEqual([refused.caseId])
    for (const d of others)
      expect(h.fakeOscar.referrals().find((r) => r.id === d.referralId)?.status).toBe(d.status)
    expect(Object.keys(h.store.current()?.decisions ?? {})).toHaveLength(others.length)
    // The refused request, then its items one by one up to the refused one.
    expect(puts(h).filter((r) => r.status === 422).length).toBe(2)
  })
})
