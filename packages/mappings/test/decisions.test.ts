import { OscarReferralStatusUpdate } from '@primero-interop/oscar-client'
import { PrimeroCaseWrite } from '@primero-interop/primero-client'
import { describe, expect, it } from 'vitest'

import { cambodia, classifyClient, inboundDecisions, outboundDecisions } from '../src/index.js'
import { rowOfAnotherReferral, twoOpenReferralsAtOneRow } from './fixtures/counterexamples.js'
import {
  decisionAccepted,
  decisionExited,
  decisionMisspelled,
  ngoReferral,
  primeroClientUndecided,
} from './fixtures/oscar.js'
import {
  caseAwaitingNgo,
  caseWithDecisions,
  referralsAwaiting,
  rowIds,
} from './fixtures/primero.js'
import {
  codes,
  issuesOf,
  oscarClient,
  primeroCase,
  primeroReferral,
  valueOf,
  warningsOf,
} from './helpers.js'

const awaiting = primeroCase(caseAwaitingNgo)
const referrals = referralsAwaiting.map(primeroReferral)

describe('outboundDecisions', () => {
  it("sends MoSVY's accepted and rejected decisions, and only those rows", () => {
    const updates = valueOf(outboundDecisions(primeroCase(caseWithDecisions), cambodia))
    expect(updates).toEqual([
      {
        client_global_id: caseWithDecisions.oscar_number,
        referral_id: 1193,
        referral_status: 'Accepted',
        external_id: caseWithDecisions.case_id,
        external_id_display: caseWithDecisions.case_id_display,
      },
      {
        client_global_id: caseWithDecisions.oscar_number,
        referral_id: 1207,
        referral_status: 'Exited',
        external_id: caseWithDecisions.case_id,
        external_id_display: caseWithDecisions.case_id_display,
      },
    ])
    for (const u of updates) expect(OscarReferralStatusUpdate.is(u)).toBe(true)
  })

  it('reports a decided row without an OSCaR referral id', () => {
    const rows = caseWithDecisions.services_section.map((r, i) =>
      i === 0 ? { ...r, oscar_referral_id_a4ac8a5: 'not-a-number' } : r,
    )
    const result = outboundDecisions(
      primeroCase({ ...caseWithDecisions, services_section: rows }),
      cambodia,
    )
    expect(valueOf(result)).toHaveLength(1)
    expect(warningsOf(result)).toEqual([
      expect.objectContaining({ code: 'MISSING_ID', recordId: rowIds.fromOscarAccepted }),
    ])
  })

  it('fails a case with decisions but no oscar_number', () => {
    const { oscar_number: _n, ...rest } = caseWithDecisions
    expect(codes(issuesOf(outboundDecisions(primeroCase(rest), cambodia)))).toEqual(['MISSING_ID'])
  })
})

describe('classifyClient', () => {
  it('is a decision for a Primero client with a decided service, aliases and case included', () => {
    expect(classifyClient(oscarClient(decisionAccepted), cambodia)).toBe('decision')
    expect(classifyClient(oscarClient(decisionExited), cambodia)).toBe('decision')
    expect(classifyClient(oscarClient(decisionMisspelled), cambodia)).toBe('decision')
  })

  it('is a case when every service is still Referred, or the client is not from Primero', () => {
    expect(classifyClient(oscarClient(primeroClientUndecided), cambodia)).toBe('case')
    expect(classifyClient(oscarClient(ngoReferral), cambodia)).toBe('case')
    expect(classifyClient(oscarClient({ ...decisionAccepted, services: [] }), cambodia)).toBe(
      'case',
    )
    expect(classifyClient(oscarClient({ ...decisionAccepted, services: null }), cambodia)).toBe(
      'case',
    )
  })
})

describe('inboundDecisions', () => {
  it('accepts: moves the in_progress referral and sets the row option (matched by subtype)', () => {
    const value = valueOf(
      inboundDecisions(oscarClient(decisionAccepted), awaiting, referrals, cambodia),
    )
    expect(value.referralUpdates).toEqual([{ referralId: 'ref-await-1', status: 'accepted' }])
    expect(value.casePatch).toEqual({
      oscar_status: 'Accepted',
      services_section: [
        {
          unique_id: rowIds.awaitingKinship,
          referral_status_edf41f2: 'accepted_340953',
          oscar_referral_id_a4ac8a5: '88',
          oscar_referring_organization: 'agency-cif',
        },
      ],
    })
    expect(PrimeroCaseWrite.is(value.casePatch)).toBe(true)
  })

  it('exits: falls back to the row with an empty subtype', () => {
    const value = valueOf(
      inboundDecisions(oscarClient(decisionExited), awaiting, referrals, cambodia),
    )
    expect(value.referralUpdates).toEqual([{ referralId: 'ref-await-2', status: 'rejected' }])
    expect(value.casePatch?.services_section?.[0]).toMatchObject({
      unique_id: rowIds.awaitingNoSubtype,
      referral_status_edf41f2: 'rejected_936484',
    })
  })

  it('matches by OSCaR referral id first', () => {
    const rows = caseAwaitingNgo.services_section.map((r, i) =>
      i === 1 ? { ...r, oscar_referral_id_a4ac8a5: '88' } : r,
    )
    const c = primeroCase({ ...caseAwaitingNgo, services_section: rows })
    const value = valueOf(inboundDecisions(oscarClient(decisionAccepted), c, referrals, cambodia))
    expect(value.referralUpdates).toEqual([{ referralId: 'ref-await-2', status: 'accepted' }])
  })

  it('only moves referrals that are still in_progress; applying twice changes nothing', () => {
    const first = valueOf(
      inboundDecisions(oscarClient(decisionAccepted), awaiting, referrals, cambodia),
    )
    const { services_section: _rows, ...caseFields } = first.casePatch ?? {}
    const applied = primeroCase({
      ...caseAwaitingNgo,
      ...caseFields,
      services_section: caseAwaitingNgo.services_section.map((r) =>
        r.unique_id === rowIds.awaitingKinship
          ? { ...r, ...first.casePatch?.services_section?.[0] }
          : r,
      ),
    })
    const moved = referrals.map((r) =>
      r.id === 'ref-await-1' ? { ...r, status: 'accepted' as const } : r,
    )
    const again = inboundDecisions(oscarClient(decisionAccepted), applied, moved, cambodia)
    expect(valueOf(again)).toEqual({ referralUpdates: [], casePatch: undefined })
    expect(warningsOf(again)).toEqual([])
  })

  it('reports a decision that matches no row, with the global id', () => {
    const client = oscarClient({
      ...decisionAccepted,
      services: [
        { ...decisionAccepted.services[0], name: 'Legal representation', referral_id: 90 },
      ],
    })
    const noEmpty = primeroCase({
      ...caseAwaitingNgo,
      services_section: [caseAwaitingNgo.services_section[0]],
    })
    const result = inboundDecisions(client, noEmpty, referrals, cambodia)
    // OSCaR's status of the child still reaches the case.
    expect(valueOf(result)).toEqual({
      referralUpdates: [],
      casePatch: { oscar_status: 'Accepted' },
    })
    expect(warningsOf(result)).toEqual([
      expect.objectContaining({
        code: 'UNMATCHED_DECISION',
        recordId: decisionAccepted.global_id,
        path: 'services[0]',
      }),
    ])
  })

  it('refuses a case that is not the one the client names', () => {
    const other = primeroCase({ ...caseAwaitingNgo, case_id: 'someone-else' })
    expect(
      codes(issuesOf(inboundDecisions(oscarClient(decisionAccepted), other, referrals, cambodia))),
    ).toEqual(['CASE_MISMATCH'])
  })

  it('reads the misspelled Accetped as Accepted', () => {
    const value = valueOf(
      inboundDecisions(oscarClient(decisionMisspelled), awaiting, referrals, cambodia),
    )
    expect(value.referralUpdates).toEqual([{ referralId: 'ref-await-1', status: 'accepted' }])
  })

  it('reports a status the maps do not know', () => {
    const client = oscarClient({
      ...decisionAccepted,
      services: [{ ...decisionAccepted.services[0], referral_status: 'Paused' }],
    })
    const result = inboundDecisions(client, awaiting, referrals, cambodia)
    expect(valueOf(result).referralUpdates).toEqual([])
    expect(codes(warningsOf(result))).toEqual(['UNKNOWN_STATUS'])
  })
})

describe('inboundDecisions with a child referred to two NGOs', () => {
  it("never takes another NGO's row, even with the same subtype or referral id", () => {
    const rows = [
      {
        ...caseAwaitingNgo.services_section[0],
        service_implementing_agency: 'agency-holt',
        oscar_referral_id_a4ac8a5: '88',
      },
      { ...caseAwaitingNgo.services_section[0], unique_id: rowIds.awaitingNoSubtype },
    ]
    const c = primeroCase({ ...caseAwaitingNgo, services_section: rows })
    const refs = [
      primeroReferral({
        id: 'to-holt',
        status: 'in_progress',
        service_record_id: rowIds.awaitingKinship,
      }),
      primeroReferral({
        id: 'to-cif',
        status: 'in_progress',
        service_record_id: rowIds.awaitingNoSubtype,
      }),
    ]
    const value = valueOf(inboundDecisions(oscarClient(decisionAccepted), c, refs, cambodia))
    expect(value.referralUpdates).toEqual([{ referralId: 'to-cif', status: 'accepted' }])
  })
})

describe('inboundDecisions with a retried referral', () => {
  it('moves every in_progress referral at the decided row', () => {
    const { client, primeroCase: c, referrals: refs } = twoOpenReferralsAtOneRow
    expect(valueOf(inboundDecisions(client, c, refs, cambodia)).referralUpdates).toEqual([
      { referralId: 'open-0', status: 'accepted' },
      { referralId: 'open-retry', status: 'accepted' },
    ])
  })
})

describe('inboundDecisions and rows of other OSCaR referrals', () => {
  it('does not take a row linked to another OSCaR referral id', () => {
    const { client, primeroCase: c, referrals: refs } = rowOfAnotherReferral
    const value = valueOf(inboundDecisions(client, c, refs, cambodia))
    expect(value.referralUpdates).toEqual([{ referralId: 'open-2', status: 'accepted' }])
    expect(value.casePatch?.services_section?.[0]?.unique_id).toBe(
      '00000000-0000-4000-8000-0000000000b2',
    )
  })
})
