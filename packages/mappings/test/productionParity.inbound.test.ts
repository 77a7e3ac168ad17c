/**
 * Issue #12, flow 2: what the production jobs got right and we now keep. Each test fails
 * on the code before the fix.
 */
import { describe, expect, it } from 'vitest'

import { cambodia, inboundCase } from '../src/index.js'
import { decisionAccepted, ngoReferral, sharedByHolt } from './fixtures/oscar.js'
import { codes, issuesOf, oscarClient, valueOf, warningsOf } from './helpers.js'

const now = new Date('2025-06-01T00:00:00Z')

/** A referred client as OSCaR sends real referrals: no location, the NGO's address only. */
const noLocation = {
  ...ngoReferral,
  global_id: '01J7RS8TV9WX0YZ1A2B3C4D5E6',
  location_current_village_code: '',
  address_current_village_code: '',
  organization_address_code: '120611',
}

describe("item 3: the province of the NGO's address when the child has none", () => {
  it('owns a referred client without a location by the province of organization_address_code', () => {
    const result = inboundCase(oscarClient(noLocation), cambodia, { now })
    const { data } = valueOf(result)
    expect(data['owned_by']).toBe('mgrpnh')
    expect(data).not.toHaveProperty('location_current')
    expect(warningsOf(result)).toContainEqual({
      code: 'PROVINCE_FROM_NGO_ADDRESS',
      path: 'organization_address_code',
      recordId: noLocation.global_id,
      message: expect.stringMatching(/province 12\b/),
    })
  })

  it("reports which source gave the province: none when it is the child's own", () => {
    const result = inboundCase(oscarClient(ngoReferral), cambodia, { now })
    expect(valueOf(result).data['owned_by']).toBe('mgrbtb')
    expect(codes(warningsOf(result))).not.toContain('PROVINCE_FROM_NGO_ADDRESS')
  })

  it('uses the address code when the location field is not a code', () => {
    const client = oscarClient({ ...ngoReferral, location_current_village_code: 'n/a' })
    const result = inboundCase(client, cambodia, { now })
    expect(valueOf(result).data).toMatchObject({ owned_by: 'mgrbtb', location_current: '2020202' })
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({ code: 'INVALID_LOCATION', path: 'location_current_village_code' }),
    )
  })

  it("never overrides the child's own unconfigured province with the NGO's", () => {
    const client = oscarClient({ ...noLocation, location_current_village_code: '99010203' })
    expect(codes(issuesOf(inboundCase(client, cambodia, { now })))).toEqual(['UNKNOWN_PROVINCE'])
  })

  it('fails only when neither the child nor the NGO names a configured province', () => {
    const client = oscarClient({ ...noLocation, organization_address_code: '' })
    const [problem] = issuesOf(inboundCase(client, cambodia, { now }))
    expect(problem).toMatchObject({ code: 'UNKNOWN_PROVINCE', recordId: noLocation.global_id })
    expect(problem?.message).toMatch(/organization_address_code/)
  })
})

describe("item 6: OSCaR never overwrites Primero's own risk level on a case Primero referred", () => {
  it('writes no risk_level for a Primero-originated client, even a referred one', () => {
    const fromPrimero = oscarClient({
      ...decisionAccepted,
      status: 'Referred',
      level_of_risk: 'low',
      services: [{ ...decisionAccepted.services[0], referral_status: 'Referred' }],
    })
    expect(fromPrimero.is_referred).toBe(true)
    const { data } = valueOf(inboundCase(fromPrimero, cambodia, { now }))
    expect(data).not.toHaveProperty('risk_level')
  })

  it("still writes the NGO's level on an NGO referral", () => {
    const client = oscarClient({ ...ngoReferral, level_of_risk: 'high' })
    expect(valueOf(inboundCase(client, cambodia, { now })).data['risk_level']).toBe('high')
  })
})

describe('item 8: an NGO absent from the agency table', () => {
  it('fails a new non-referral case, saying what the administrator adds', () => {
    const client = oscarClient({ ...sharedByHolt, organization_name: 'demo' })
    const [problem] = issuesOf(inboundCase(client, cambodia, { now }))
    expect(problem?.code).toBe('UNKNOWN_AGENCY')
    expect(problem?.message).toMatch(/adds demo to agencies\.known/)
    expect(problem?.message).toMatch(/agency-demo-user/)
  })

  it('once added to agencies.known, the same client maps, owned by its agency user', () => {
    const client = oscarClient({ ...sharedByHolt, organization_name: 'demo' })
    const added = {
      ...cambodia,
      agencies: { ...cambodia.agencies, known: [...cambodia.agencies.known, 'demo'] },
    }
    expect(valueOf(inboundCase(client, added, { now })).data['owned_by']).toBe('agency-demo-user')
  })

  it('a referral from it is still written (owned by the province), its rows without agency', () => {
    const client = oscarClient({ ...ngoReferral, organization_name: 'demo' })
    const result = inboundCase(client, cambodia, { now })
    const rows = valueOf(result).data.services_section ?? []
    expect(rows.every((r) => !('service_implementing_agency' in r))).toBe(true)
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_AGENCY',
        message: expect.stringMatching(/agencies\.known/),
      }),
    )
  })

  it('a nine-digit location is no location code: left out, reported, the NGO address owns it', () => {
    const client = oscarClient({
      ...noLocation,
      location_current_village_code: '120611001',
      address_current_village_code: '',
    })
    const result = inboundCase(client, cambodia, { now })
    expect(valueOf(result).data).not.toHaveProperty('location_current')
    expect(valueOf(result).data['owned_by']).toBe('mgrpnh')
    expect(codes(warningsOf(result))).toEqual(
      expect.arrayContaining(['INVALID_LOCATION', 'PROVINCE_FROM_NGO_ADDRESS']),
    )
  })
})
