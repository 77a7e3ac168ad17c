import { OscarUpsert } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { cambodia, outboundReferrals } from '../src/index.js'
import {
  caseReferredToTwoNgos,
  caseSecondReferral,
  referralsSecond,
  referralsToTwoNgos,
  rowIds,
} from './fixtures/primero.js'
import { codes, issuesOf, primeroCase, primeroReferral, valueOf, warningsOf } from './helpers.js'

const twoNgos = {
  case: primeroCase(caseReferredToTwoNgos),
  referrals: referralsToTwoNgos.map(primeroReferral),
}

describe('outboundReferrals', () => {
  it('maps a referral to the OSCaR upsert of the field table', () => {
    const [cif] = valueOf(outboundReferrals(twoNgos, cambodia, { since: undefined }))
    expect(cif).toEqual({
      referralId: 'ref-cif-1',
      referralIds: ['ref-cif-1'],
      caseId: caseReferredToTwoNgos.id,
      serviceRowId: rowIds.kinshipToCif,
      organization: 'cif',
      payload: {
        external_id: caseReferredToTwoNgos.case_id,
        external_id_display: '3a4b5c',
        level_of_risk: 'no action',
        mosvy_number: 'MOSVY-0042',
        given_name: 'Sokha',
        family_name: 'Chan',
        gender: 'female',
        date_of_birth: '2013-04-21',
        location_current_village_code: '02040302',
        address_current_village_code: '02040302',
        reason_for_referral: 'Kinship placement with grandmother needs assessment',
        external_case_worker_name: 'mgrbtb',
        external_case_worker_id: 'mgrbtb',
        external_case_worker_mobile: '000000000',
        is_referred: true,
        organization_name: 'cif',
        organization_id: 'agency-mosvy-btb',
        services: [{ uuid: rowIds.kinshipToCif, name: 'Kinship care' }],
      },
    })
    expect(OscarUpsert.is(cif?.payload)).toBe(true)
  })

  it('sends global_id only when the case has an oscar_number', () => {
    const [first] = valueOf(outboundReferrals(twoNgos, cambodia, { since: undefined }))
    expect(first?.payload).not.toHaveProperty('global_id')
    const second = {
      case: primeroCase(caseSecondReferral),
      referrals: referralsSecond.map(primeroReferral),
    }
    const [kmr] = valueOf(outboundReferrals(second, cambodia, { since: undefined }))
    expect(kmr?.payload.global_id).toBe('01HZX5K8W2M3N4P5Q6R7S8T9V0')
    expect(kmr?.payload.level_of_risk).toBe('high')
    expect(kmr?.payload.external_case_worker_mobile).toBe('+855 12 000 111')
    expect(kmr?.payload.location_current_village_code).toBe('12010203')
  })

  it("falls back to the newest referral's notes for the reason", () => {
    const [, holt] = valueOf(outboundReferrals(twoNgos, cambodia, { since: undefined }))
    // ref-holt-1 has no notes and is itself the newest referral: its (empty) notes.
    expect(holt?.payload.reason_for_referral).toBe('')
    const second = {
      case: primeroCase(caseSecondReferral),
      referrals: [
        ...referralsSecond.map(primeroReferral),
        primeroReferral({
          id: 'r-newest',
          status: 'done',
          notes: 'Latest note',
          created_at: '2025-04-01',
        }),
      ],
    }
    const [kmr] = valueOf(outboundReferrals(second, cambodia, { since: undefined }))
    expect(kmr?.payload.reason_for_referral).toBe('Latest note')
  })

  it('keeps only referrals created at or after `since` (string or Date)', () => {
    const since = '2025-03-02T09:00:00Z'
    expect(
      valueOf(outboundReferrals(twoNgos, cambodia, { since })).map((r) => r.referralId),
    ).toEqual(['ref-holt-1'])
    const at = new Date('2025-03-02T09:30:00.000Z')
    expect(valueOf(outboundReferrals(twoNgos, cambodia, { since: at }))).toHaveLength(1)
    expect(valueOf(outboundReferrals(twoNgos, cambodia, { since: '2026-01-01' }))).toEqual([])
  })

  it('rejects an unreadable `since` rather than guessing', () => {
    expect(codes(issuesOf(outboundReferrals(twoNgos, cambodia, { since: 'yesterday' })))).toEqual([
      'INVALID_DATE',
    ])
  })

  it('sends only in_progress referrals', () => {
    const second = {
      case: primeroCase(caseSecondReferral),
      referrals: referralsSecond.map(primeroReferral),
    }
    const sent = valueOf(outboundReferrals(second, cambodia, { since: undefined }))
    expect(sent.map((r) => r.referralId)).toEqual(['ref-kmr-2'])
  })

  it('sends Not Specified for a missing or unknown subtype, with an UNKNOWN_SERVICE warning', () => {
    const rows = caseReferredToTwoNgos.services_section.map((r, i) =>
      i === 0 ? { ...r, service_subtype: null } : { ...r, service_subtype: ['made_up_subtype'] },
    )
    const input = {
      ...twoNgos,
      case: primeroCase({ ...caseReferredToTwoNgos, services_section: rows }),
    }
    const result = outboundReferrals(input, cambodia, { since: undefined })
    expect(valueOf(result).map((r) => r.payload.services[0]?.name)).toEqual([
      'Not Specified',
      'Not Specified',
    ])
    expect(
      warningsOf(result)
        .filter((w) => w.code === 'UNKNOWN_SERVICE')
        .map((w) => w.recordId),
    ).toEqual(['ref-cif-1', 'ref-holt-1'])
  })

  it('maps the outbound alias `other` to Other Service', () => {
    const rows = [{ ...caseReferredToTwoNgos.services_section[0], service_subtype: ['other'] }]
    const input = {
      case: primeroCase({ ...caseReferredToTwoNgos, services_section: rows }),
      referrals: [primeroReferral(referralsToTwoNgos[0])],
    }
    expect(
      valueOf(outboundReferrals(input, cambodia, { since: undefined }))[0]?.payload.services,
    ).toEqual([{ uuid: rowIds.kinshipToCif, name: 'Other Service' }])
  })

  it('omits, with a warning, a referral whose row is missing; the others still go', () => {
    const input = {
      ...twoNgos,
      referrals: [
        ...twoNgos.referrals,
        primeroReferral({ id: 'ref-lost', status: 'in_progress', service_record_id: 'nope' }),
      ],
    }
    const result = outboundReferrals(input, cambodia, { since: undefined })
    expect(valueOf(result)).toHaveLength(2)
    expect(warningsOf(result)).toEqual([
      expect.objectContaining({ code: 'MISSING_SERVICE_ROW', recordId: 'ref-lost' }),
    ])
  })

  it('omits, with a warning, a referral to an agency that is not a configured NGO', () => {
    const rows = caseReferredToTwoNgos.services_section.map((r, i) =>
      i === 1 ? { ...r, service_implementing_agency: 'agency-unicef' } : r,
    )
    const input = {
      ...twoNgos,
      case: primeroCase({ ...caseReferredToTwoNgos, services_section: rows }),
    }
    const result = outboundReferrals(input, cambodia, { since: undefined })
    expect(valueOf(result).map((r) => r.organization)).toEqual(['cif'])
    expect(warningsOf(result)).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_AGENCY', recordId: 'ref-holt-1' }),
    ])
  })

  it('ignores referrals of rows that are not referrals to OSCaR, silently', () => {
    const rows = caseReferredToTwoNgos.services_section.map((r) => ({
      ...r,
      service_response_type: 'care_plan',
    }))
    const input = {
      ...twoNgos,
      case: primeroCase({ ...caseReferredToTwoNgos, services_section: rows }),
    }
    expect(outboundReferrals(input, cambodia, { since: undefined })).toEqual(
      E.right({ value: [], warnings: [] }),
    )
  })

  it('sends nothing of a case without consent: NO_CONSENT with the case id', () => {
    const input = {
      ...twoNgos,
      case: primeroCase({ ...caseReferredToTwoNgos, disclosure_other_orgs: null }),
    }
    expect(issuesOf(outboundReferrals(input, cambodia, { since: undefined }))).toEqual([
      expect.objectContaining({ code: 'NO_CONSENT', recordId: caseReferredToTwoNgos.case_id }),
    ])
  })

  it('sends a case whose consent is overridden, and any case when the policy is off', () => {
    const second = {
      case: primeroCase(caseSecondReferral),
      referrals: referralsSecond.map(primeroReferral),
    }
    expect(valueOf(outboundReferrals(second, cambodia, { since: undefined }))).toHaveLength(1)
    const noConsent = {
      ...twoNgos,
      case: primeroCase({ ...caseReferredToTwoNgos, consent_for_services: false }),
    }
    const relaxed = { ...cambodia, consent: { required: false } }
    expect(valueOf(outboundReferrals(noConsent, relaxed, { since: undefined }))).toHaveLength(2)
  })

  it('sends empty strings, not nulls, for absent text, and reports a bad birth date or location', () => {
    const bare = primeroCase({
      id: 'rec-9',
      case_id: 'c-9',
      location_current: 'Battambang',
      consent_for_services: true,
      disclosure_other_orgs: true,
      risk_level: 'severe',
      services_section: [caseReferredToTwoNgos.services_section[0]],
    })
    const result = outboundReferrals(
      {
        case: { ...bare, date_of_birth: '2013-02-30' },
        referrals: [primeroReferral(referralsToTwoNgos[0])],
      },
      cambodia,
      { since: undefined },
    )
    const [only] = valueOf(result)
    expect(only?.payload).toMatchObject({
      external_id_display: '',
      given_name: '',
      family_name: '',
      gender: '',
      date_of_birth: '',
      location_current_village_code: '',
      level_of_risk: 'no action',
      mosvy_number: '',
    })
    expect(codes(warningsOf(result))).toEqual([
      'UNKNOWN_RISK_LEVEL',
      'INVALID_DATE',
      'INVALID_LOCATION',
    ])
    expect(OscarUpsert.is(only?.payload)).toBe(true)
  })

  it('treats a blank case_id as missing (found by the fan-out property): MISSING_ID, nothing sent', () => {
    const input = { ...twoNgos, case: primeroCase({ ...caseReferredToTwoNgos, case_id: '   ' }) }
    expect(issuesOf(outboundReferrals(input, cambodia, { since: undefined }))).toEqual([
      expect.objectContaining({ code: 'MISSING_ID', path: 'case_id' }),
    ])
  })
})
