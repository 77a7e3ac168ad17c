/**
 * A referral whose upsert outcome is unknown is never resent, is in every report until
 * it is resolved (whether or not its case is still in the window), and is resolved by
 * evidence (OSCaR's read shows the child at that NGO) or by a person's confirmation.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { confirmReferral } from '../../src/index.js'
import { type Harness, startHarness } from './harness.js'

let h: Harness
afterEach(() => h.close())

const upserts = () => h.fakeOscar.requests.filter((r) => r.path.endsWith('/clients/upsert')).length
const unknownIn = (report: { issues: ReadonlyArray<{ code: string; recordId: string }> }) =>
  report.issues.filter((i) => i.code === 'OUTCOME_UNKNOWN').map((i) => i.recordId)

/** Moves the Primero cursor past every seeded case: the next window reads none of them. */
const leaveWindow = async () => {
  const state = h.store.current()
  if (state === undefined) throw new Error('no state')
  await h.store.save({
    ...state,
    cursors: { ...state.cursors, primero: new Date().toISOString() },
  })()
}

describe('a referral whose outcome is unknown', () => {
  it('is reported by every run, even once its case has left the window, and closes when OSCaR shows the child', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.referral[0] as string
    const referralId = String(h.fakePrimero.referrals(h.primeroCase(caseId).id)[0]?.['id'])
    h.fakeOscar.setFaults({ dropAfterProcessing: true, path: 'clients/upsert' })
    const first = await h.run()
    h.fakeOscar.setFaults({})
    expect(unknownIn(first)).toContain(referralId)
    const sent = upserts()

    await leaveWindow()
    const later = await h.run()
    expect(later.flows['primero-to-oscar'].read).toBe(0)
    expect(unknownIn(later)).toContain(referralId)
    expect(upserts()).toBe(sent)

    // The NGO accepts it: OSCaR's read now shows the child with that case at that NGO.
    const [referral] = h.fakeOscar.referrals().filter((r) => r.externalId === caseId)
    h.fakeOscar.decideReferral(referral?.id as number, 'Accepted', referral?.organization)
    const closed = await h.run()
    expect(closed.issues).toContainEqual(
      expect.objectContaining({ recordId: referralId, code: 'OUTCOME_CONFIRMED' }),
    )
    expect(unknownIn(closed)).not.toContain(referralId)
    expect(unknownIn(await h.run())).not.toContain(referralId)
    expect(upserts()).toBe(sent)
  })

  it('a person who finds it missing in OSCaR confirms so, and the next run sends it once', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.referral[0] as string
    const referralId = String(h.fakePrimero.referrals(h.primeroCase(caseId).id)[0]?.['id'])
    // A gateway's 502 page to every upsert: OSCaR may or may not have saved them (it did not).
    h.fakeOscar.setFaults({
      failNext: { status: 502, count: 1_000, html: true },
      path: 'clients/upsert',
    })
    const first = await h.run()
    h.fakeOscar.setFaults({})
    expect(unknownIn(first)).toContain(referralId)
    expect(h.fakeOscar.referrals().filter((r) => r.externalId === caseId)).toHaveLength(0)
    await leaveWindow()
    expect(unknownIn(await h.run())).toContain(referralId)

    const confirmed = await confirmReferral(h.store, referralId, 'not-in-oscar')()
    expect(confirmed).toEqual(expect.objectContaining({ right: 'not-in-oscar' }))
    const resent = await h.run()
    expect(unknownIn(resent)).not.toContain(referralId)
    await h.run()
    expect(h.fakeOscar.referrals().filter((r) => r.externalId === caseId)).toHaveLength(1)
  })

  it('a person who finds it in OSCaR confirms so: it is sent, never again', async () => {
    h = await startHarness()
    const caseId = h.scenario.primero.referral[0] as string
    const referralId = String(h.fakePrimero.referrals(h.primeroCase(caseId).id)[0]?.['id'])
    h.fakeOscar.setFaults({ dropAfterProcessing: true, path: 'clients/upsert' })
    await h.run()
    h.fakeOscar.setFaults({})
    expect(await confirmReferral(h.store, referralId, 'in-oscar')()).toEqual(
      expect.objectContaining({ right: 'in-oscar' }),
    )
    const after = await h.run()
    expect(unknownIn(after)).not.toContain(referralId)
    expect(h.fakeOscar.referrals().filter((r) => r.externalId === caseId)).toHaveLength(1)
    expect(await confirmReferral(h.store, referralId, 'in-oscar')()).toEqual(
      expect.objectContaining({ left: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    )
  })
})
