/**
 * Every issue says what its id is (issue 15): a case_id, a Primero record id, a referral
 * id, an OSCaR global id, an OSCaR referral or a place in an answer; one record keeps one
 * id across runs.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './harness.js'

let h: Harness
afterEach(() => h.close())

describe('issue ids', () => {
  it('are labelled by kind, and the same record keeps its id and kind across runs', async () => {
    h = await startHarness()
    const first = await h.run()
    expect(first.issues.length).toBeGreaterThan(0)
    for (const i of first.issues) expect(i.idKind, `${i.code} ${i.recordId}`).toBeDefined()
    const kindOf = (code: string, id: string) =>
      first.issues.find((i) => i.code === code && i.recordId === id)?.idKind
    const noConsent = h.scenario.primero.noConsent[0] as string
    expect(kindOf('NO_CONSENT', noConsent)).toBe('caseId')
    const unknownService = h.primeroCase(h.scenario.primero.unknownService[0] as string)
    const referral = String(h.fakePrimero.referrals(unknownService.id)[0]?.['id'])
    expect(kindOf('UNKNOWN_SERVICE', referral)).toBe('referralId')
    expect(kindOf('UNKNOWN_PROVINCE', h.scenario.oscar.unknownProvince[0] as string)).toBe(
      'globalId',
    )
    const malformed = h.primeroCase(h.scenario.primero.malformed[0] as string)
    expect(kindOf('FIELD_DROPPED', malformed.id)).toBe('recordId')

    // The next run names the failing referral's case the same way.
    const second = await h.run()
    const again = second.issues.filter((i) => i.recordId === noConsent)
    expect(again.every((i) => i.idKind === 'caseId')).toBe(true)
  })
})
