import type { OscarClient } from '@primero-interop/oscar-client'
import type { PrimeroCase, PrimeroReferral } from '@primero-interop/primero-client'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { MappingIssue } from '../src/index.js'
import {
  cambodia,
  idBackfill,
  inboundCase,
  inboundDecisions,
  outboundDecisions,
  outboundLink,
  outboundReferrals,
  pendingDefaults,
} from '../src/index.js'
import { arbCanaries, type Canaries, canaryValues } from './arbitraries/canaries.js'
import { arbFanOut } from './arbitraries/primero.js'
import { arbDecisionScenario } from './arbitraries/scenarios.js'
import { allIssues } from './helpers.js'

/** A Primero case and its referrals carrying the canaries everywhere personal data goes. */
const plantInCase = (c: PrimeroCase, k: Canaries, badDate: boolean): PrimeroCase => ({
  ...c,
  name_first: k.name,
  name_last: k.localName,
  name: `${k.name} ${k.localName}`,
  owned_by_phone: k.phone,
  date_of_birth: badDate ? k.badBirthDate : k.birthDate,
  services_section: (c.services_section ?? []).map((r) => ({
    ...r,
    service_referral_notes: k.notes,
    referral_notes_from_oscar_2e787b8: k.notes,
  })),
})

const plantInReferrals = (rs: ReadonlyArray<PrimeroReferral>, k: Canaries): PrimeroReferral[] =>
  rs.map((r) => ({ ...r, notes: k.notes }))

/** An OSCaR client carrying the canaries in names, phones, birth date, notes, service names. */
const plantInClient = (c: OscarClient, k: Canaries, badDate: boolean): OscarClient => ({
  ...c,
  given_name: k.name,
  family_name: k.name,
  local_given_name: k.localName,
  local_family_name: k.localName,
  case_worker_mobile: k.phone,
  date_of_birth: badDate ? `2${k.badBirthDate}` : `2${k.birthDate}`,
  reason_for_referral: k.notes,
  services: [
    ...(c.services ?? []),
    { name: k.notes, enrollment_date: k.badBirthDate, referral_status: k.name },
  ],
})

const expectNoLeak = (issues: ReadonlyArray<MappingIssue>, k: Canaries): void => {
  for (const issue of issues) {
    for (const value of canaryValues(k)) {
      expect(issue.message).not.toContain(value)
      expect(issue.path).not.toContain(value)
    }
  }
}

describe('privacy (properties)', () => {
  it('no issue of a Primero-side mapper quotes a planted name, phone, birth date or note', () => {
    fc.assert(
      fc.property(
        arbFanOut(cambodia),
        arbCanaries,
        fc.boolean(),
        fc.boolean(),
        ({ input, since }, k, badDate, consent) => {
          const c = { ...plantInCase(input.case, k, badDate), consent_for_services: consent }
          const referrals = plantInReferrals(input.referrals, k)
          const issues = [
            ...allIssues(outboundReferrals({ case: c, referrals }, cambodia, { since })),
            ...allIssues(outboundDecisions(c, cambodia)),
            ...allIssues(outboundLink(c, cambodia)),
            ...allIssues(pendingDefaults(c, cambodia)),
          ]
          if (badDate && consent) expect(issues.map((i) => i.code)).toContain('INVALID_DATE')
          expectNoLeak(issues, k)
        },
      ),
    )
  })

  it('no issue of an OSCaR-side mapper quotes a planted name, phone, birth date or note', () => {
    fc.assert(
      fc.property(
        arbDecisionScenario(cambodia),
        arbCanaries,
        fc.boolean(),
        ({ client, primeroCase, referrals }, k, badDate) => {
          const planted = plantInClient(client, k, badDate)
          const withoutId = { ...planted, external_id: null }
          const issues = [
            ...allIssues(inboundCase(planted, cambodia, { now: '2025-06-01' })),
            ...allIssues(inboundCase(withoutId, cambodia, { now: '2025-06-01' })),
            ...allIssues(
              inboundDecisions(
                planted,
                plantInCase(primeroCase, k, badDate),
                plantInReferrals(referrals, k),
                cambodia,
              ),
            ),
            ...allIssues(idBackfill(planted, cambodia)),
          ]
          expect(issues.map((i) => i.code)).toContain('UNKNOWN_SERVICE')
          expectNoLeak(issues, k)
        },
      ),
    )
  })
})
