/**
 * Issue #14 (writes at the floor): a case created for an NGO referral carries its rows
 * already pending. Before, each was created, read again before a conditional PATCH (not
 * to overwrite a decision made meanwhile) and patched: two requests more per new child,
 * to guard a case no one could have decided on yet.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

import { inboundCaseRecordId } from '../../src/flows/oscarToPrimero.js'
import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

const { fieldIds, serviceReferralStatusOptions: option } = cambodia.primero

describe('pending by default, on a create', () => {
  it('a new NGO referral is created pending: no read and no PATCH after its create', async () => {
    h = await startHarness({ scenario: { cases: 60, seed: 3 } })
    const report = await h.run()
    const created = h.scenario.oscar.ngoReferral.map(inboundCaseRecordId)
    expect(created.length).toBeGreaterThan(10)
    for (const id of created) {
      const kase = h.fakePrimero.cases().find((c) => c['id'] === id)
      const rows = kase?.['services_section'] as ReadonlyArray<Record<string, unknown>>
      expect(rows.map((r) => r[fieldIds.serviceReferralStatus])).toContain(option.pending)
    }
    const patched = h.fakePrimero.requests.filter(
      (r) => r.method === 'PATCH' && created.some((id) => r.path === `/api/v2/cases/${id}`),
    )
    expect(patched).toEqual([])
    expect(report.flows['pending-defaults'].updated).toBe(0)
  })
})
