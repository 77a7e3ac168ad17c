/**
 * Windows larger than Primero's 1,000-record page, and the size of the saved state.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './harness.js'

const { serviceResponseTypes, fieldIds, serviceReferralStatusOptions } = cambodia.primero

let h: Harness
afterEach(() => h.close())

const uuid = (prefix: number, i: number) =>
  `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`

/**
 * `n` cases; every `everyNth` one referred to an NGO. Timestamps from `ageMs` in the past,
 * 200 a second, as a busy import writes them (more than a page in one second cannot be
 * paged reliably on Primero: the client refuses such a window rather than lose cases).
 */
const seedCases = (n: number, everyNth: number, ageMs: number) => {
  const start = Date.now() - ageMs
  const cases = Array.from({ length: n }, (_, i) => {
    const referred = i % everyNth === 0
    const at = new Date(start + i * 5).toISOString()
    return {
      id: uuid(1, i),
      case_id: uuid(2, i),
      case_id_display: String(i),
      name_first: 'Test',
      name_last: `Child ${i}`,
      sex: i % 2 === 0 ? 'female' : 'male',
      date_of_birth: '2015-06-01',
      location_current: '2040302',
      owned_by: 'mgrbtb',
      risk_level: 'medium',
      consent_for_services: true,
      disclosure_other_orgs: true,
      created_at: at,
      last_updated_at: at,
      services_section: referred
        ? [
            {
              unique_id: uuid(3, i),
              service_type: 'family_support',
              service_subtype: ['family_support_family_support'],
              service_response_type: serviceResponseTypes.referralToOscar,
              service_implementing_agency: 'agency-cif',
              [fieldIds.serviceReferralStatus]: serviceReferralStatusOptions.pending,
            },
          ]
        : [],
    }
  })
  h.fakePrimero.seedCases(cases)
  cases.forEach((c, i) => {
    if (i % everyNth !== 0) return
    const at = c.created_at
    h.fakePrimero.seedReferral(c.id, {
      id: uuid(4, i),
      status: 'in_progress',
      transitioned_to: 'agency-cif-user',
      service_record_id: uuid(3, i),
      notes: 'Needs family support.',
      created_at: at,
    })
  })
}

describe('scale', () => {
  it("2,500 changed cases in one window (over Primero's page cap) all arrive in OSCaR", async () => {
    h = await startHarness({ scenario: false })
    seedCases(2_500, 1, 60_000)
    const report = await h.run()
    expect(report.flows['primero-to-oscar'].read).toBe(2_500)
    expect(report.flows['primero-to-oscar'].created).toBe(2_500)
    const externalIds = new Set(h.fakeOscar.referrals().map((r) => r.externalId))
    expect(externalIds.size).toBe(2_500)
    const pages = h.fakePrimero.requests.filter(
      (r) => r.method === 'GET' && r.path === '/api/v2/cases',
    )
    expect(pages.length).toBeGreaterThanOrEqual(3)
    expect(h.fakePrimero.maxConcurrentRequests).toBeLessThanOrEqual(4 + 1)
  }, 120_000)

  it('the state after a 10,000-case run is under 50 KB', async () => {
    h = await startHarness({ scenario: false })
    seedCases(10_000, 10, 2 * 3_600_000)
    const report = await h.run()
    expect(report.flows['primero-to-oscar'].read).toBe(10_000)
    expect(report.flows['primero-to-oscar'].created).toBe(1_000)
    const size = Buffer.byteLength(JSON.stringify(h.store.current()))
    console.info(`state after a 10,000-case run: ${size} bytes`)
    expect(size).toBeLessThan(50_000)
    // The next run of the same window sends nothing again, from that small state.
    const again = await h.run()
    expect(again.flows['primero-to-oscar'].created).toBe(0)
    expect(h.fakeOscar.referrals()).toHaveLength(1_000)
  }, 180_000)
})
