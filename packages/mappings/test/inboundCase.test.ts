import { PrimeroCaseWrite } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { cambodia, caseMatchOf, inboundCase, serviceRowId } from '../src/index.js'
import { ngoReferral, sharedByHolt, stungTrengReferral, taxonomyUuids } from './fixtures/oscar.js'
import { codes, issuesOf, oscarClient, primeroCase, valueOf, warningsOf } from './helpers.js'

const now = new Date('2025-06-01T00:00:00Z')
const referral = oscarClient(ngoReferral)

describe('inboundCase', () => {
  it('maps a new NGO referral: ids, names in both scripts, owner by province, one row per service', () => {
    const result = inboundCase(referral, cambodia, { now })
    const { match, data } = valueOf(result)
    expect(match).toEqual({ oscar_number: ngoReferral.global_id })
    expect(data).toMatchObject({
      oscar_number: ngoReferral.global_id,
      oscar_short_id: 'cif-1042',
      oscar_status: 'Active',
      module_id: 'primeromodule-cp',
      risk_level: 'no_action',
      consent_for_services: true,
      disclosure_other_orgs: true,
      name_first: 'ស្រីនាង (Sreyneang)',
      name_last: 'គីម (Kim)',
      sex: 'female',
      date_of_birth: '2014-09-08',
      age: 10,
      location_current: '2020202',
      owned_by: 'mgrbtb',
      protection_status: 'oscar_referral',
      interview_subject: 'other',
    })
    expect(data).not.toHaveProperty('mosvy_number')
    expect(PrimeroCaseWrite.is(data)).toBe(true)
    expect(E.isRight(PrimeroCaseWrite.decode(data))).toBe(true)
    expect(data.services_section).toHaveLength(4)
  })

  it('writes each service as its own row, typed from the taxonomy', () => {
    const rows = valueOf(inboundCase(referral, cambodia, { now })).data.services_section ?? []
    const [kinship, therapeutic, trauma, circus] = rows
    expect(kinship).toEqual({
      unique_id: serviceRowId(ngoReferral.global_id, referral.services?.[0] ?? { name: '' }),
      service_type: 'family_based_care',
      service_subtype: ['family_based_care_kinship'],
      service_response_type: 'service_being_provided_by_oscar_partner_47618',
      service_response_day_time: '2025-02-10T00:00:00.000Z',
      oscar_case_worker_name: 'Case Worker A',
      oscar_case_worker_telephone: '012 345 678',
      oscar_referring_organization: 'agency-cif',
      service_implementing_agency: 'agency-cif',
    })
    // The ambiguous name resolves as the configuration says.
    expect(therapeutic?.service_subtype).toEqual([
      'mental_health_support_therapeutic_interventions',
    ])
    expect(therapeutic?.service_type).toBe('mental_health_support')
    // A referral from OSCaR: response type, referral id as a string, status option, notes.
    expect(trauma).toMatchObject({
      service_response_type: 'referral_from_oscar',
      oscar_referral_id_a4ac8a5: '5012',
      referral_notes_from_oscar_2e787b8: 'Family needs support after a flood',
    })
    // Referred → pending is left to pendingDefaults: a decision is never turned back.
    expect(trauma).not.toHaveProperty('referral_status_edf41f2')
    expect(trauma).not.toHaveProperty('service_response_day_time')
    // An unknown name: type Other, the name as details, reported.
    expect(circus).toMatchObject({
      service_type: 'Other',
      service_type_details_text: 'Circus therapy',
    })
    expect(circus).not.toHaveProperty('service_subtype')
  })

  it('derives lowercase row ids, distinct per service and per child, stable across runs', () => {
    const ids = (valueOf(inboundCase(referral, cambodia, { now })).data.services_section ?? []).map(
      (r) => r.unique_id,
    )
    expect(new Set(ids).size).toBe(4)
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(ids).not.toContain(taxonomyUuids.kinship)
    const other = valueOf(inboundCase(oscarClient(stungTrengReferral), cambodia, { now }))
    const otherIds = (other.data.services_section ?? []).map((r) => r.unique_id)
    expect(otherIds.some((id) => ids.includes(id))).toBe(false)
    const again = (
      valueOf(inboundCase(referral, cambodia, { now })).data.services_section ?? []
    ).map((r) => r.unique_id)
    expect(again).toEqual(ids)
  })

  it('reports the unknown service name by index, never by name', () => {
    const unknown = warningsOf(inboundCase(referral, cambodia, { now })).filter(
      (w) => w.code === 'UNKNOWN_SERVICE',
    )
    expect(unknown).toEqual([
      expect.objectContaining({ path: 'services[3].name', recordId: ngoReferral.global_id }),
    ])
    expect(unknown[0]?.message).not.toMatch(/Circus/)
  })

  it('writes only the always-set fields for a case Primero already has (external_id)', () => {
    const known = oscarClient({ ...ngoReferral, external_id: 'case-uuid-1', mosvy_number: 'M-9' })
    const { match, data } = valueOf(inboundCase(known, cambodia, { now }))
    expect(match).toEqual({ case_id: 'case-uuid-1' })
    expect(data['mosvy_number']).toBe('M-9')
    for (const key of [
      'name_first',
      'name_last',
      'sex',
      'date_of_birth',
      'age',
      'location_current',
      'owned_by',
      'protection_status',
      'interview_subject',
    ]) {
      expect(data).not.toHaveProperty(key)
    }
  })

  it('never sets the owner of a stored case', () => {
    const existing = primeroCase({
      id: 'rec-1',
      oscar_number: ngoReferral.global_id,
      owned_by: 'someone',
    })
    const { data } = valueOf(inboundCase(referral, cambodia, { now, existing }))
    expect(data).not.toHaveProperty('owned_by')
    expect(data).not.toHaveProperty('name_first')
  })

  it('owns a new non-referral case by the agency user of its NGO', () => {
    const { data } = valueOf(inboundCase(oscarClient(sharedByHolt), cambodia, { now }))
    expect(data['owned_by']).toBe('agency-holt-user')
    expect(data).not.toHaveProperty('risk_level')
    expect(data).not.toHaveProperty('protection_status')
    expect(data['sex']).toBe('other')
    expect(data['name_first']).toBe('Rithy')
  })

  it('repairs a five-digit birth year and computes age from the given clock', () => {
    const { data } = valueOf(inboundCase(oscarClient(sharedByHolt), cambodia, { now }))
    expect(data['date_of_birth']).toBe('2012-01-01')
    expect(data['age']).toBe(13)
    const later = valueOf(inboundCase(oscarClient(sharedByHolt), cambodia, { now: '2030-06-01' }))
    expect(later.data['age']).toBe(18)
  })

  it('leaves out an invalid birth date, with INVALID_DATE', () => {
    const client = oscarClient({ ...sharedByHolt, date_of_birth: '2012-13-45' })
    const result = inboundCase(client, cambodia, { now })
    expect(valueOf(result).data).not.toHaveProperty('date_of_birth')
    expect(valueOf(result).data).not.toHaveProperty('age')
    expect(codes(warningsOf(result))).toContain('INVALID_DATE')
  })

  it('asserts consent only with evidence, and records the count of forms, not their URLs', () => {
    // The Cambodia form has no field for the count; a deployment that adds one names it.
    const withEvidence = {
      ...cambodia,
      consent: { required: true, evidenceField: 'oscar_consent_form_count' },
    }
    const result = inboundCase(oscarClient(sharedByHolt), withEvidence, { now })
    const { data } = valueOf(result)
    expect(data).not.toHaveProperty('consent_for_services')
    expect(data).not.toHaveProperty('disclosure_other_orgs')
    expect(data['oscar_consent_form_count']).toBe(0)
    expect(
      valueOf(inboundCase(oscarClient(sharedByHolt), cambodia, { now })).data,
    ).not.toHaveProperty('oscar_consent_form_count')
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({ code: 'NO_CONSENT_EVIDENCE', recordId: sharedByHolt.global_id }),
    )
    expect(JSON.stringify(valueOf(inboundCase(referral, cambodia, { now })))).not.toMatch(
      /consent-1042/,
    )
  })

  it('fails a referral from an unknown province, naming the province code', () => {
    const client = oscarClient({ ...ngoReferral, location_current_village_code: '99010203' })
    const [problem] = issuesOf(inboundCase(client, cambodia, { now }))
    expect(problem).toMatchObject({ code: 'UNKNOWN_PROVINCE', recordId: ngoReferral.global_id })
    expect(problem?.message).toMatch(/province code 99 /)
    expect(problem?.message).not.toMatch(/99010203/)
  })

  it('fails a non-referral case from an unknown NGO, naming it', () => {
    const client = oscarClient({ ...sharedByHolt, organization_name: 'demo' })
    const [problem] = issuesOf(inboundCase(client, cambodia, { now }))
    expect(problem).toMatchObject({ code: 'UNKNOWN_AGENCY' })
    expect(problem?.message).toMatch(/demo/)
  })

  it('updates in place a row the production jobs wrote under the bare OSCaR uuid', () => {
    const existing = primeroCase({
      id: 'rec-2',
      oscar_number: ngoReferral.global_id,
      services_section: [{ unique_id: taxonomyUuids.kinship, service_type: 'family_based_care' }],
    })
    const rows =
      valueOf(inboundCase(referral, cambodia, { now, existing })).data.services_section ?? []
    expect(rows.map((r) => r.unique_id).filter((id) => id === taxonomyUuids.kinship)).toHaveLength(
      1,
    )
    expect(rows[0]?.unique_id).toBe(taxonomyUuids.kinship)
    expect(rows).toHaveLength(4)
  })

  it('does not write back echoes of Primero referrals, but does write enrolments', () => {
    const client = oscarClient({
      ...ngoReferral,
      external_id: 'case-9',
      resource: 'primero',
      services: ngoReferral.services.filter((s) => s.name !== 'Circus therapy'),
    })
    const rows = valueOf(inboundCase(client, cambodia, { now })).data.services_section ?? []
    expect(rows.map((r) => r.service_response_type)).toEqual([
      'service_being_provided_by_oscar_partner_47618',
      'service_being_provided_by_oscar_partner_47618',
    ])
  })

  it('reports a service repeated under the same programme, keeping the first', () => {
    const first = ngoReferral.services[0]
    const client = oscarClient({ ...ngoReferral, services: [first, first] })
    const result = inboundCase(client, cambodia, { now })
    expect(valueOf(result).data.services_section).toHaveLength(1)
    expect(codes(warningsOf(result))).toContain('DUPLICATE_SERVICE')
  })

  it('maps OSCaR risk levels for referrals, defaulting to no_action', () => {
    const risk = (level_of_risk: string | null): unknown =>
      valueOf(inboundCase(oscarClient({ ...ngoReferral, level_of_risk }), cambodia, { now })).data[
        'risk_level'
      ]
    expect(risk('no action')).toBe('no_action')
    expect(risk('high')).toBe('high')
    expect(risk('')).toBe('no_action')
    expect(risk(null)).toBe('no_action')
    expect(risk('urgent')).toBe('no_action')
  })
})

describe("inboundCase and MoSVY's decisions", () => {
  it('writes a decided OSCaR status on a new row, but never over a decision stored in Primero', () => {
    const accepted = oscarClient({
      ...ngoReferral,
      services: [{ ...ngoReferral.services[2], referral_status: 'Accepted' }],
    })
    const first = valueOf(inboundCase(accepted, cambodia, { now })).data.services_section ?? []
    expect(first[0]?.['referral_status_edf41f2']).toBe('accepted_340953')
    const existing = primeroCase({
      id: 'rec-3',
      oscar_number: ngoReferral.global_id,
      services_section: [{ ...first[0], referral_status_edf41f2: 'rejected_936484' }],
    })
    const again =
      valueOf(inboundCase(accepted, cambodia, { now, existing })).data.services_section ?? []
    expect(again[0]).not.toHaveProperty('referral_status_edf41f2')
  })
})

describe('caseMatchOf', () => {
  it('gives the keys inboundCase matches on, before any mapping', () => {
    expect(caseMatchOf(referral)).toEqual({ oscar_number: ngoReferral.global_id })
    expect(caseMatchOf(oscarClient({ ...ngoReferral, external_id: 'c-1' }))).toEqual({
      case_id: 'c-1',
    })
    expect(caseMatchOf(oscarClient({ global_id: ' ' }))).toBeUndefined()
    expect(valueOf(inboundCase(referral, cambodia, { now })).match).toEqual(caseMatchOf(referral))
  })

  it('lets a stored case from an unknown province be updated (no owner needed)', () => {
    const client = oscarClient({ ...ngoReferral, location_current_village_code: '99010203' })
    const existing = primeroCase({ id: 'rec-9', oscar_number: ngoReferral.global_id })
    expect(valueOf(inboundCase(client, cambodia, { now, existing })).data).not.toHaveProperty(
      'owned_by',
    )
  })
})
