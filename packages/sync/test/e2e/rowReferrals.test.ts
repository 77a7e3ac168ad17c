/**
 * One referral per service row and NGO (issue 12, item 1): a row referred twice reaches
 * OSCaR once; a row referred again after OSCaR's refusal came back is a new referral.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { mosvyCase, referralRow } from './fixtures.js'
import { type Harness, startHarness } from './harness.js'

let h: Harness
afterEach(() => h.close())

const ROW = '5a0c4b1e-8a2d-4c6f-9b1e-2d3c4b5a6f70'

const seedReferredCase = () => {
  const [kase] = h.fakePrimero.seedCases([
    mosvyCase('a9f1e2d3-0000-4000-8000-000000000001', 'c9f1e2d3-0000-4000-8000-000000000001', {
      services_section: [referralRow(ROW, 'cif')],
    }),
  ])
  return kase as Record<string, unknown> & { id: string; case_id: string }
}

const referRow = (caseId: string) =>
  h.fakePrimero.seedReferral(caseId, {
    service_record_id: ROW,
    transitioned_to: 'agency-cif-user',
    created_at: new Date().toISOString(),
  })

const upserts = () => h.fakeOscar.requests.filter((r) => r.path.endsWith('/clients/upsert')).length

describe('one referral per service row and NGO', () => {
  it('a row referred twice in one window is sent once', async () => {
    h = await startHarness({ scenario: false })
    const kase = seedReferredCase()
    referRow(kase.id)
    referRow(kase.id)
    await h.run()
    expect(upserts()).toBe(1)
    expect(h.fakeOscar.referrals()).toHaveLength(1)
  })

  it('a second referral of a row already sent is unchanged in the next run', async () => {
    h = await startHarness({ scenario: false })
    const kase = seedReferredCase()
    referRow(kase.id)
    await h.run()
    referRow(kase.id)
    h.fakePrimero.editCase(kase.id, { risk_level: 'medium' })
    const second = await h.run()
    expect(upserts()).toBe(1)
    expect(second.flows['primero-to-oscar'].unchanged).toBeGreaterThan(0)
  })

  it('a row referred again after the NGO refused it is a new referral, sent once', async () => {
    h = await startHarness({ scenario: false })
    const kase = seedReferredCase()
    const [first] = [referRow(kase.id)]
    await h.run()
    // The NGO refused: the refusal came back, and Primero's referral is rejected.
    await h.primero.updateReferral(kase.id, String(first['id']), { status: 'rejected' })()
    referRow(kase.id)
    await h.run()
    await h.run()
    expect(upserts()).toBe(2)
  })
})
