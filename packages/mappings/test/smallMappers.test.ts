import { OscarLinkUpdate } from '@primero-interop/oscar-client'
import { PrimeroCaseWrite } from '@primero-interop/primero-client'
import { describe, expect, it } from 'vitest'

import { cambodia, idBackfill, outboundLink, pendingDefaults } from '../src/index.js'
import { acceptedFromPrimero, ngoReferral } from './fixtures/oscar.js'
import {
  caseReferredToTwoNgos,
  caseSharedForVisibility,
  caseWithDecisions,
  rowIds,
} from './fixtures/primero.js'
import { codes, issuesOf, oscarClient, primeroCase, valueOf, warningsOf } from './helpers.js'

describe('outboundLink', () => {
  it('links a case OSCaR shared for visibility', () => {
    const link = valueOf(outboundLink(primeroCase(caseSharedForVisibility), cambodia))
    expect(link).toEqual({
      global_id: caseSharedForVisibility.oscar_number,
      external_id: caseSharedForVisibility.case_id,
      external_id_display: caseSharedForVisibility.case_id_display,
      is_referred: false,
    })
    expect(OscarLinkUpdate.is(link)).toBe(true)
  })

  it('gives nothing for a case without oscar_number, or with a referral to OSCaR', () => {
    expect(valueOf(outboundLink(primeroCase(caseReferredToTwoNgos), cambodia))).toBeUndefined()
    const referred = { ...caseReferredToTwoNgos, oscar_number: 'G-1' }
    expect(valueOf(outboundLink(primeroCase(referred), cambodia))).toBeUndefined()
  })

  it('fails a case without case_id', () => {
    const { case_id: _c, ...rest } = caseSharedForVisibility
    expect(codes(issuesOf(outboundLink(primeroCase(rest), cambodia)))).toEqual(['MISSING_ID'])
  })
})

describe('pendingDefaults', () => {
  it('marks referral_from_oscar rows without an option as pending, and only those', () => {
    const patch = valueOf(pendingDefaults(primeroCase(caseWithDecisions), cambodia))
    expect(patch).toEqual({
      services_section: [
        { unique_id: rowIds.fromOscarUnset, referral_status_edf41f2: 'pending_310366' },
      ],
    })
    expect(PrimeroCaseWrite.is(patch)).toBe(true)
  })

  it('is idempotent: once applied, there is nothing to do', () => {
    const c = primeroCase(caseWithDecisions)
    const patch = valueOf(pendingDefaults(c, cambodia))
    const applied = {
      ...c,
      services_section: (c.services_section ?? []).map((r) => ({
        ...r,
        ...patch?.services_section?.find((p) => p.unique_id === r.unique_id),
      })),
    }
    expect(valueOf(pendingDefaults(applied, cambodia))).toBeUndefined()
  })

  it('reports a row whose unique_id Primero would refuse', () => {
    const c = primeroCase({
      id: 'r',
      services_section: [{ unique_id: 'LEGACY-ID', service_response_type: 'referral_from_oscar' }],
    })
    const result = pendingDefaults(c, cambodia)
    expect(valueOf(result)).toBeUndefined()
    expect(codes(warningsOf(result))).toEqual(['INVALID_ROW_ID'])
  })
})

describe('idBackfill', () => {
  it("brings OSCaR's ids back to the Primero case named by external_id", () => {
    expect(valueOf(idBackfill(oscarClient(acceptedFromPrimero), cambodia))).toEqual({
      match: { case_id: acceptedFromPrimero.external_id },
      data: {
        oscar_number: acceptedFromPrimero.global_id,
        oscar_short_id: 'kmr-300',
        mosvy_number: 'MOSVY-0077',
      },
    })
  })

  it('works without a configuration, and gives nothing for a client without external_id', () => {
    expect(valueOf(idBackfill(oscarClient({ ...acceptedFromPrimero, mosvy_number: '' })))).toEqual({
      match: { case_id: acceptedFromPrimero.external_id },
      data: { oscar_number: acceptedFromPrimero.global_id, oscar_short_id: 'kmr-300' },
    })
    expect(valueOf(idBackfill(oscarClient(ngoReferral)))).toBeUndefined()
  })
})
