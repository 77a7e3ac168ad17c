/**
 * Issue #12, flow 1: what the production jobs got right and we now keep. Each test fails
 * on the code before the fix.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { cambodia, consentHolds, outboundReferrals, referralConsentHolds } from '../src/index.js'
import { caseReferredToTwoNgos, referralsToTwoNgos, rowIds } from './fixtures/primero.js'
import { codes, issuesOf, primeroCase, primeroReferral, valueOf, warningsOf } from './helpers.js'

const twoNgos = primeroCase(caseReferredToTwoNgos)

const referral = (raw: Record<string, unknown>) =>
  primeroReferral({ status: 'in_progress', ...raw })

describe('item 1: one upsert per service row and NGO, not per referral', () => {
  const retried = [
    referral({
      id: 'first',
      service_record_id: rowIds.kinshipToCif,
      notes: 'First try',
      created_at: '2025-03-02T08:00:00.000Z',
    }),
    referral({
      id: 'retry',
      service_record_id: rowIds.kinshipToCif,
      notes: 'Second try',
      created_at: '2025-03-02T08:05:00.000Z',
    }),
    referral({
      id: 'holt',
      service_record_id: rowIds.traumaToHolt,
      created_at: '2025-03-02T08:01:00.000Z',
    }),
  ]

  it('two in_progress referrals at one row give one upsert, keyed by row and NGO', () => {
    const sent = valueOf(
      outboundReferrals({ case: twoNgos, referrals: retried }, cambodia, { since: undefined }),
    )
    expect(sent.map((r) => [r.serviceRowId, r.organization])).toEqual([
      [rowIds.kinshipToCif, 'cif'],
      [rowIds.traumaToHolt, 'holt'],
    ])
  })

  it('the newest referral stands for the row (its id and notes); referralIds lists them all', () => {
    for (const order of [retried, [...retried].reverse()]) {
      const [cif] = valueOf(
        outboundReferrals({ case: twoNgos, referrals: order }, cambodia, { since: undefined }),
      ).filter((r) => r.organization === 'cif')
      expect(cif?.referralId).toBe('retry')
      expect(cif?.payload.reason_for_referral).toBe('Second try')
      expect([...(cif?.referralIds ?? [])].sort()).toEqual(['first', 'retry'])
    }
  })

  it('on a tie or unreadable dates, the later referral in Primero’s list stands for the row', () => {
    const tied = retried.slice(0, 2).map((r) => ({ ...r, created_at: null }))
    const [only] = valueOf(
      outboundReferrals({ case: twoNgos, referrals: tied }, cambodia, { since: undefined }),
    )
    expect(only?.referralId).toBe('retry')
  })
})

describe('item 2: consent given or overridden on the referral counts (Transition#consent_given_or_overridden)', () => {
  const noConsent = primeroCase({
    ...caseReferredToTwoNgos,
    consent_for_services: false,
    disclosure_other_orgs: false,
  })

  it('a referral made with consent_overridden goes although the case has no consent', () => {
    const referrals = [referral({ ...referralsToTwoNgos[0], consent_overridden: true })]
    const sent = valueOf(
      outboundReferrals({ case: noConsent, referrals }, cambodia, { since: undefined }),
    )
    expect(sent.map((r) => r.referralId)).toEqual(['ref-cif-1'])
  })

  it('only the rows with an overriding referral go; the others are reported by referral id', () => {
    const referrals = [
      referral({ ...referralsToTwoNgos[0], consent_overridden: true }),
      referral({ ...referralsToTwoNgos[1], consent_overridden: false }),
    ]
    const result = outboundReferrals({ case: noConsent, referrals }, cambodia, { since: undefined })
    expect(valueOf(result).map((r) => r.organization)).toEqual(['cif'])
    expect(warningsOf(result)).toEqual([
      expect.objectContaining({
        code: 'NO_CONSENT',
        recordId: 'ref-holt-1',
        path: 'referrals[1].consent_overridden',
      }),
    ])
  })

  it('of two referrals at a row, the one that passes consent stands for it', () => {
    const referrals = [
      referral({ ...referralsToTwoNgos[0], id: 'overridden', consent_overridden: true }),
      referral({
        ...referralsToTwoNgos[0],
        id: 'later-without',
        created_at: '2025-03-03T00:00:00.000Z',
      }),
    ]
    const [only] = valueOf(
      outboundReferrals({ case: noConsent, referrals }, cambodia, { since: undefined }),
    )
    expect(only?.referralId).toBe('overridden')
    expect(only?.referralIds).toEqual(['overridden', 'later-without'])
  })

  it('without consent or an override anywhere, nothing goes: one NO_CONSENT for the case', () => {
    const referrals = referralsToTwoNgos.map(primeroReferral)
    expect(
      codes(
        issuesOf(outboundReferrals({ case: noConsent, referrals }, cambodia, { since: undefined })),
      ),
    ).toEqual(['NO_CONSENT'])
  })

  it('in the GBV module consent for services alone is consent (Referral#consent_given?)', () => {
    const gbv = primeroCase({
      ...caseReferredToTwoNgos,
      module_id: 'primeromodule-gbv',
      disclosure_other_orgs: false,
    })
    expect(consentHolds(gbv, cambodia.consent)).toBe(true)
    expect(consentHolds({ ...gbv, module_id: 'primeromodule-cp' }, cambodia.consent)).toBe(false)
    const referrals = referralsToTwoNgos.map(primeroReferral)
    expect(
      E.isRight(outboundReferrals({ case: gbv, referrals }, cambodia, { since: undefined })),
    ).toBe(true)
  })

  it('referralConsentHolds is the case rule or the referral override', () => {
    const r = referral({ id: 't1' })
    expect(referralConsentHolds(noConsent, r, cambodia.consent)).toBe(false)
    expect(
      referralConsentHolds(noConsent, { ...r, consent_overridden: true }, cambodia.consent),
    ).toBe(true)
    expect(referralConsentHolds(noConsent, r, { required: false })).toBe(true)
  })
})

describe('item 8: differences decided and documented (flow 1)', () => {
  const one = (rows: ReadonlyArray<Record<string, unknown>>, extra: Record<string, unknown> = {}) =>
    outboundReferrals(
      {
        case: primeroCase({ ...caseReferredToTwoNgos, ...extra, services_section: rows }),
        referrals: [primeroReferral(referralsToTwoNgos[0])],
      },
      cambodia,
      { since: undefined },
    )
  const kinship = { ...caseReferredToTwoNgos.services_section[0] }

  it('a row without a service type still goes, named by its subtype (the jobs dropped it)', () => {
    const result = one([{ ...kinship, service_type: null }])
    expect(valueOf(result)[0]?.payload.services).toEqual([
      { uuid: rowIds.kinshipToCif, name: 'Kinship care' },
    ])
    expect(warningsOf(result)).toEqual([])
  })

  it('a row with neither type nor subtype goes as Not Specified, reported', () => {
    const result = one([{ ...kinship, service_type: null, service_subtype: [] }])
    expect(valueOf(result)[0]?.payload.services[0]?.name).toBe('Not Specified')
    expect(codes(warningsOf(result))).toEqual(['UNKNOWN_SERVICE'])
  })

  it('a nine-digit location is not a code: sent empty and reported, not padded or cut', () => {
    const result = one([kinship], { location_current: '120611001' })
    expect(valueOf(result)[0]?.payload.location_current_village_code).toBe('')
    expect(warningsOf(result)).toEqual([
      expect.objectContaining({ code: 'INVALID_LOCATION', path: 'location_current' }),
    ])
  })

  it('a referral to an NGO absent from the agency table is not sent; the warning says how to add it', () => {
    const result = one([{ ...kinship, service_implementing_agency: 'agency-demo' }])
    expect(valueOf(result)).toEqual([])
    const [warning] = warningsOf(result)
    expect(warning).toMatchObject({ code: 'UNKNOWN_AGENCY', recordId: 'ref-cif-1' })
    expect(warning?.message).toMatch(/adds demo to agencies\.known/)
  })
})
