/**
 * Issue #12, NGO decisions on Primero referrals: what the production jobs wrote and we now
 * write too. Each test fails on the code before the fix.
 */
import type { PrimeroCase } from '@primero-interop/primero-client'
import { PrimeroCaseWrite } from '@primero-interop/primero-client'
import { describe, expect, it } from 'vitest'

import { cambodia, inboundDecisions } from '../src/index.js'
import { decisionAccepted, decisionExited } from './fixtures/oscar.js'
import { caseAwaitingNgo, referralsAwaiting, rowIds } from './fixtures/primero.js'
import { oscarClient, primeroCase, primeroReferral, valueOf, warningsOf } from './helpers.js'

const awaiting = primeroCase(caseAwaitingNgo)
const referrals = referralsAwaiting.map(primeroReferral)

/** cif accepts, with its case worker and notes, as a real accepted referral carries them. */
const acceptedWithWorker = oscarClient({
  ...decisionAccepted,
  case_worker_name: 'Case Worker C',
  case_worker_mobile: '+855 99 000 333',
  reason_for_referral: 'Accepted for kinship assessment',
})

/** Primero's PATCH: fields replace, rows merge by unique_id. */
const apply = (c: PrimeroCase, patch: PrimeroCaseWrite | undefined): PrimeroCase => {
  const { services_section: rows = [], ...fields } = patch ?? {}
  return primeroCase({
    ...c,
    ...fields,
    services_section: (c.services_section ?? []).map((r) => ({
      ...r,
      ...rows.find((p) => p.unique_id === r.unique_id),
    })),
  })
}

describe("item 4: OSCaR's status of a shared case reaches Primero", () => {
  it('writes oscar_status and oscar_reason_for_exiting on an Exited decision', () => {
    const exited = oscarClient({
      ...decisionExited,
      status: 'Exited',
      reason_for_exiting: 'Family moved to another province',
    })
    const { casePatch } = valueOf(inboundDecisions(exited, awaiting, referrals, cambodia))
    expect(casePatch).toMatchObject({
      oscar_status: 'Exited',
      oscar_reason_for_exiting: 'Family moved to another province',
    })
    expect(PrimeroCaseWrite.is(casePatch)).toBe(true)
  })

  it('writes them once per change: not again when the case already holds them', () => {
    const first = valueOf(inboundDecisions(acceptedWithWorker, awaiting, referrals, cambodia))
    expect(first.casePatch?.['oscar_status']).toBe('Accepted')
    const stored = apply(awaiting, first.casePatch)
    expect(
      valueOf(inboundDecisions(acceptedWithWorker, stored, referrals, cambodia)).casePatch,
    ).toBeUndefined()
    const exited = oscarClient({
      ...acceptedWithWorker,
      status: 'Exited',
      reason_for_exiting: 'Left',
    })
    expect(valueOf(inboundDecisions(exited, stored, referrals, cambodia)).casePatch).toEqual({
      oscar_status: 'Exited',
      oscar_reason_for_exiting: 'Left',
    })
  })
})

describe("item 5: the NGO's worker on the accepted row", () => {
  it('writes case worker name and phone, referring organisation, notes and the status', () => {
    const { casePatch } = valueOf(
      inboundDecisions(acceptedWithWorker, awaiting, referrals, cambodia),
    )
    expect(casePatch?.services_section).toEqual([
      {
        unique_id: rowIds.awaitingKinship,
        referral_status_edf41f2: 'accepted_340953',
        oscar_referral_id_a4ac8a5: '88',
        oscar_case_worker_name: 'Case Worker C',
        oscar_case_worker_telephone: '+855 99 000 333',
        oscar_referring_organization: 'agency-cif',
        referral_notes_from_oscar_2e787b8: 'Accepted for kinship assessment',
      },
    ])
  })

  it('writes no worker on a rejected (exited) row', () => {
    const exited = oscarClient({ ...decisionExited, case_worker_name: 'Case Worker C' })
    const row = valueOf(inboundDecisions(exited, awaiting, referrals, cambodia)).casePatch
      ?.services_section?.[0]
    expect(row).toMatchObject({ referral_status_edf41f2: 'rejected_936484' })
    expect(row).not.toHaveProperty('oscar_case_worker_name')
  })

  it('writes a new worker once when OSCaR changes it, and nothing on a re-read', () => {
    const first = valueOf(inboundDecisions(acceptedWithWorker, awaiting, referrals, cambodia))
    const stored = apply(awaiting, first.casePatch)
    const moved = referrals.map((r) =>
      r.id === 'ref-await-1' ? { ...r, status: 'accepted' as const } : r,
    )
    const newWorker = oscarClient({ ...acceptedWithWorker, case_worker_name: 'Case Worker D' })
    expect(valueOf(inboundDecisions(newWorker, stored, moved, cambodia))).toEqual({
      referralUpdates: [],
      casePatch: {
        services_section: [
          { unique_id: rowIds.awaitingKinship, oscar_case_worker_name: 'Case Worker D' },
        ],
      },
    })
  })

  it('never puts the phone in an issue', () => {
    const unmatched = oscarClient({
      ...acceptedWithWorker,
      services: [{ ...decisionAccepted.services[0], name: 'Legal representation', referral_id: 7 }],
    })
    const result = inboundDecisions(
      unmatched,
      primeroCase({ ...caseAwaitingNgo, services_section: [] }),
      referrals,
      cambodia,
    )
    expect(warningsOf(result).length).toBeGreaterThan(0)
    expect(JSON.stringify(warningsOf(result))).not.toMatch(/000 333|Case Worker/)
  })
})
