import {
  OscarLinkUpdate,
  OscarReferralStatusUpdate,
  OscarUpsert,
} from '@primero-interop/oscar-client'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import {
  cambodia,
  consentHolds,
  outboundDecisions,
  outboundLink,
  outboundReferrals,
} from '../src/index.js'
import { arbCaseWithReferrals, arbFanOut, arbPrimeroCase } from './arbitraries/primero.js'

/** Any case with referrals, and often one with new referrals to NGOs. */
const arbOutbound = fc.oneof(
  arbCaseWithReferrals(cambodia),
  arbFanOut(cambodia).map((f) => f.input),
)

const since = fc.oneof(
  fc.constant(undefined),
  fc.date({
    min: new Date('2019-01-01T00:00:00Z'),
    max: new Date('2031-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  fc.constantFrom('2024-01-01', '2025-03-02T09:00:00Z', '2025/03/02 09:00:00 +0700'),
)

describe('outboundReferrals (properties)', () => {
  it('is total, and every payload passes the OscarUpsert request codec', () => {
    fc.assert(
      fc.property(arbOutbound, since, (input, at) => {
        const result = outboundReferrals(input, cambodia, { since: at })
        if (E.isRight(result)) {
          for (const r of result.right.value) {
            expect(OscarUpsert.is(r.payload)).toBe(true)
            expect(E.isRight(OscarUpsert.decode(r.payload))).toBe(true)
            expect(r.payload.services).toHaveLength(1)
            expect(r.payload.services[0]?.uuid).toBe(r.serviceRowId)
            expect(cambodia.agencies.known).toContain(r.organization)
          }
        } else {
          expect(result.left.issues.length).toBeGreaterThan(0)
        }
      }),
    )
  })

  it('sends each service row and NGO once, and only with consent given or overridden', () => {
    fc.assert(
      fc.property(arbOutbound, since, (input, at) => {
        const result = outboundReferrals(input, cambodia, { since: at })
        if (E.isLeft(result)) return
        const sent = result.right.value
        const keys = sent.map((r) => JSON.stringify([r.serviceRowId, r.organization]))
        expect(new Set(keys).size).toBe(keys.length)
        for (const r of sent) {
          expect(r.referralIds).toContain(r.referralId)
          const overridden = input.referrals.some(
            (x) => r.referralIds.includes(x.id) && x.consent_overridden === true,
          )
          expect(consentHolds(input.case, cambodia.consent) || overridden).toBe(true)
        }
      }),
    )
  })

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbOutbound, since, (input, at) => {
        expect(outboundReferrals(input, cambodia, { since: at })).toEqual(
          outboundReferrals(input, cambodia, { since: at }),
        )
      }),
    )
  })

  it('fans out: k new referrals to NGOs give k payloads, one service each, to their own rows', () => {
    fc.assert(
      fc.property(arbFanOut(cambodia), ({ input, since: at, targets }) => {
        const sent = outboundReferrals(input, cambodia, { since: at })
        expect(E.isRight(sent)).toBe(true)
        if (E.isLeft(sent)) return
        expect(sent.right.value).toHaveLength(targets.length)
        sent.right.value.forEach((r, i) => {
          expect(r.serviceRowId).toBe(targets[i]?.rowId)
          expect(r.organization).toBe(targets[i]?.org)
          expect(r.payload.organization_name).toBe(targets[i]?.org)
          expect(r.payload.services).toEqual([
            { uuid: targets[i]?.rowId, name: expect.any(String) },
          ])
          expect(OscarUpsert.is(r.payload)).toBe(true)
        })
      }),
    )
  })

  it('sends nothing of a case without consent, and says so by id', () => {
    fc.assert(
      fc.property(
        arbFanOut(cambodia),
        fc.constantFrom(false, null),
        ({ input, since: at }, withheld) => {
          const c = { ...input.case, consent_for_services: withheld, consent_overridden: false }
          const result = outboundReferrals({ ...input, case: c }, cambodia, { since: at })
          expect(E.isLeft(result)).toBe(true)
          if (E.isRight(result)) return
          expect(result.left.issues[0]).toMatchObject({ code: 'NO_CONSENT' })
        },
      ),
    )
  })
})

describe('outboundDecisions (properties)', () => {
  it('is total and deterministic; every update passes its request codec and comes from a referral_from_oscar row', () => {
    fc.assert(
      fc.property(arbPrimeroCase(cambodia), (c) => {
        const result = outboundDecisions(c, cambodia)
        expect(result).toEqual(outboundDecisions(c, cambodia))
        if (E.isLeft(result)) return
        const fromOscar = (c.services_section ?? []).filter(
          (r) =>
            r.service_response_type === cambodia.primero.serviceResponseTypes.referralFromOscar,
        )
        expect(result.right.value.length).toBeLessThanOrEqual(fromOscar.length)
        for (const u of result.right.value) {
          expect(OscarReferralStatusUpdate.is(u)).toBe(true)
          expect(['Accepted', 'Exited']).toContain(u.referral_status)
          expect(u.client_global_id).toBe(c.oscar_number)
        }
      }),
    )
  })
})

describe('outboundLink (properties)', () => {
  it('is total and deterministic, and a link passes OscarLinkUpdate', () => {
    fc.assert(
      fc.property(arbPrimeroCase(cambodia), (c) => {
        const result = outboundLink(c, cambodia)
        expect(result).toEqual(outboundLink(c, cambodia))
        if (E.isLeft(result) || result.right.value === undefined) return
        expect(OscarLinkUpdate.is(result.right.value)).toBe(true)
        expect(result.right.value.is_referred).toBe(false)
        expect(result.right.value.global_id).toBe(c.oscar_number)
      }),
    )
  })
})
