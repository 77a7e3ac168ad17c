import type { PrimeroCase } from '@primero-interop/primero-client'
import { PrimeroCaseWrite } from '@primero-interop/primero-client'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import {
  cambodia,
  changedFields,
  classifyClient,
  idBackfill,
  inboundCase,
  inboundDecisions,
  pendingDefaults,
  withPendingDefaults,
} from '../src/index.js'
import { arbOscarClient } from './arbitraries/oscar.js'
import { arbPrimeroCase } from './arbitraries/primero.js'
import { arbDecisionScenario } from './arbitraries/scenarios.js'
import {
  blankReferralIds,
  decisionsWithoutIds,
  idlessDecisionFirst,
  negativeReferralId,
  oneReferralTwoServices,
  repeatedReferralId,
  rowOfAnotherReferral,
  sharedReferralId,
  twoOpenReferralsAtOneRow,
  twoRowsOneId,
} from './fixtures/counterexamples.js'
import { primeroCase } from './helpers.js'

const clock = fc.oneof(
  fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2040-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  fc.constantFrom('2025-06-01', '2025-06-01T00:00:00Z'),
)

const uuidV5Pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** Primero's PATCH semantics: fields replace, subform rows merge by unique_id. */
const applyPatch = (current: PrimeroCase, patch: PrimeroCaseWrite): PrimeroCase => {
  const rows = [...(current.services_section ?? [])]
  for (const row of patch.services_section ?? []) {
    const at = rows.findIndex((r) => r.unique_id === row.unique_id)
    if (at >= 0) rows[at] = { ...rows[at], ...row }
    else rows.push(row)
  }
  return primeroCase({ ...current, ...patch, services_section: rows })
}

describe('inboundCase (properties)', () => {
  it('is total; its data passes PrimeroCaseWrite; one row per service, ids unique v5 uuids', () => {
    fc.assert(
      fc.property(arbOscarClient(cambodia), clock, (client, now) => {
        const result = inboundCase(client, cambodia, { now })
        if (E.isLeft(result)) {
          expect(['UNKNOWN_PROVINCE', 'UNKNOWN_AGENCY', 'MISSING_ID']).toContain(
            result.left.issues[0].code,
          )
          return
        }
        const { data, match } = result.right.value
        expect(E.isRight(PrimeroCaseWrite.decode(data))).toBe(true)
        expect(data.oscar_number).toBe(client.global_id)
        expect(Object.keys(match)).toHaveLength(1)
        const rows = data.services_section ?? []
        const ids = rows.map((r) => r.unique_id)
        expect(new Set(ids).size).toBe(ids.length)
        for (const id of ids) expect(id).toMatch(uuidV5Pattern)
        expect(rows.length).toBeLessThanOrEqual((client.services ?? []).length)
        for (const row of rows) {
          expect(row.service_response_type).not.toBe(
            cambodia.primero.serviceResponseTypes.referralToOscar,
          )
        }
      }),
    )
  })

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbOscarClient(cambodia), clock, (client, now) => {
        expect(inboundCase(client, cambodia, { now })).toEqual(
          inboundCase(client, cambodia, { now }),
        )
      }),
    )
  })

  it('writes create-only fields only for a case new to Primero', () => {
    fc.assert(
      fc.property(arbOscarClient(cambodia), clock, (client, now) => {
        const result = inboundCase(client, cambodia, {
          now,
          existing: primeroCase({ id: 'stored' }),
        })
        if (E.isLeft(result)) return
        for (const key of [
          'name_first',
          'name_last',
          'sex',
          'date_of_birth',
          'age',
          'location_current',
          'owned_by',
        ]) {
          expect(result.right.value.data).not.toHaveProperty(key)
        }
      }),
    )
  })

  it('is idempotent: applied once, a second run with the stored case changes nothing', () => {
    fc.assert(
      fc.property(arbOscarClient(cambodia), clock, (client, now) => {
        const first = inboundCase(client, cambodia, { now })
        if (E.isLeft(first)) return
        const stored = applyPatch(primeroCase({ id: 'stored' }), first.right.value.data)
        const second = inboundCase(client, cambodia, { now, existing: stored })
        expect(E.isRight(second)).toBe(true)
        if (E.isLeft(second)) return
        expect(changedFields(stored, second.right.value.data)).toEqual([])
      }),
    )
  })
})

describe("inboundCase and Primero's risk level (properties)", () => {
  it('never writes risk_level for a client that came from Primero', () => {
    fc.assert(
      fc.property(arbOscarClient(cambodia), clock, (client, now) => {
        const fromPrimero = { ...client, resource: 'primero', is_referred: true }
        const result = inboundCase(fromPrimero, cambodia, { now })
        if (E.isRight(result)) expect(result.right.value.data).not.toHaveProperty('risk_level')
      }),
    )
  })
})

describe('inboundDecisions (properties)', () => {
  it('is total and deterministic; its patch passes PrimeroCaseWrite; only in_progress referrals move', () => {
    fc.assert(
      fc.property(arbDecisionScenario(cambodia), ({ client, primeroCase: c, referrals }) => {
        const result = inboundDecisions(client, c, referrals, cambodia)
        expect(result).toEqual(inboundDecisions(client, c, referrals, cambodia))
        if (E.isLeft(result)) {
          expect(result.left.issues[0].code).toBe('CASE_MISMATCH')
          return
        }
        const { referralUpdates, casePatch } = result.right.value
        if (casePatch !== undefined)
          expect(E.isRight(PrimeroCaseWrite.decode(casePatch))).toBe(true)
        // Every update names an in-progress referral (the arbitraries may repeat an id).
        for (const u of referralUpdates) {
          const named = referrals.filter((r) => r.id === u.referralId)
          expect(named.map((r) => r.status)).toContain('in_progress')
        }
        expect(new Set(referralUpdates.map((u) => u.referralId)).size).toBe(referralUpdates.length)
      }),
      { examples: [[repeatedReferralId], [blankReferralIds], [sharedReferralId]] },
    )
  })

  it('never drops a decision silently: each is matched or reported', () => {
    fc.assert(
      fc.property(arbDecisionScenario(cambodia), ({ client, primeroCase: c, referrals }) => {
        const result = inboundDecisions(client, c, referrals, cambodia)
        if (E.isLeft(result)) return
        const decided = (client.services ?? []).filter(
          (s) =>
            classifyClient({ ...client, resource: 'primero', services: [s] }, cambodia) ===
            'decision',
        )
        const reported = result.right.warnings.filter(
          (w) => w.code === 'UNMATCHED_DECISION' || w.code === 'UNKNOWN_STATUS',
        )
        const rowsTouched = new Set(
          (result.right.value.casePatch?.services_section ?? []).map((r) => r.unique_id),
        )
        expect(reported.length + rowsTouched.size).toBeLessThanOrEqual(decided.length)
        if (decided.length > 0 && (c.services_section ?? []).length === 0) {
          expect(reported).toHaveLength(decided.length)
        }
      }),
    )
  })
  it('is idempotent: once its updates are applied, a re-read of the same client changes nothing', () => {
    fc.assert(
      fc.property(arbDecisionScenario(cambodia), ({ client, primeroCase: c, referrals }) => {
        const first = inboundDecisions(client, c, referrals, cambodia)
        if (E.isLeft(first)) return
        const { referralUpdates, casePatch } = first.right.value
        const applied = casePatch === undefined ? c : applyPatch(c, casePatch)
        const moved = referrals.map((r) => {
          const u = referralUpdates.find((x) => x.referralId === r.id)
          return u === undefined ? r : { ...r, status: u.status }
        })
        const second = inboundDecisions(client, applied, moved, cambodia)
        expect(E.isRight(second)).toBe(true)
        if (E.isLeft(second)) return
        expect(second.right.value).toEqual({ referralUpdates: [], casePatch: undefined })
        const unmatched = (w: ReadonlyArray<{ code: string }>): number =>
          w.filter((x) => x.code === 'UNMATCHED_DECISION').length
        expect(unmatched(second.right.warnings)).toBeLessThanOrEqual(
          unmatched(first.right.warnings),
        )
      }),
      {
        examples: [
          [twoOpenReferralsAtOneRow],
          [twoRowsOneId],
          [rowOfAnotherReferral],
          [negativeReferralId],
          [decisionsWithoutIds],
          [idlessDecisionFirst],
          [oneReferralTwoServices],
        ],
      },
    )
  })
})

describe('pendingDefaults (properties)', () => {
  it('is total, valid and idempotent: applying its patch leaves nothing to do', () => {
    fc.assert(
      fc.property(arbPrimeroCase(cambodia), (c) => {
        const result = pendingDefaults(c, cambodia)
        expect(E.isRight(result)).toBe(true)
        if (E.isLeft(result) || result.right.value === undefined) return
        expect(E.isRight(PrimeroCaseWrite.decode(result.right.value))).toBe(true)
        const again = pendingDefaults(applyPatch(c, result.right.value), cambodia)
        expect(E.isRight(again) && again.right.value).toBeUndefined()
      }),
    )
  })
})

describe('withPendingDefaults (properties)', () => {
  it('a create carrying it stores what a create and then the pending PATCH store', () => {
    fc.assert(
      fc.property(arbOscarClient(cambodia), clock, (client, now) => {
        const mapped = inboundCase(client, cambodia, { now })
        if (E.isLeft(mapped)) return
        const data = mapped.right.value.data
        const created = withPendingDefaults(data, cambodia)
        expect(E.isRight(PrimeroCaseWrite.decode(created))).toBe(true)
        const stored = applyPatch(primeroCase({ id: 'new' }), created)
        // Nothing left for the pending-defaults flow to write...
        const after = pendingDefaults(stored, cambodia)
        expect(E.isRight(after) && after.right.value).toBeUndefined()
        // ...and the case is the one the create and the PATCH would have left.
        const plain = applyPatch(primeroCase({ id: 'new' }), data)
        const patch = pendingDefaults(plain, cambodia)
        const patched =
          E.isRight(patch) && patch.right.value !== undefined
            ? applyPatch(plain, patch.right.value)
            : plain
        expect(stored).toEqual(patched)
      }),
    )
  })
})

describe('idBackfill and classifyClient (properties)', () => {
  it('are total and deterministic; a backfill matches on case_id and passes PrimeroCaseWrite', () => {
    fc.assert(
      fc.property(arbOscarClient(cambodia), (client) => {
        expect(['decision', 'case']).toContain(classifyClient(client, cambodia))
        const result = idBackfill(client, cambodia)
        expect(result).toEqual(idBackfill(client))
        if (E.isLeft(result) || result.right.value === undefined) return
        expect(result.right.value.match.case_id).toBe(client.external_id)
        expect(E.isRight(PrimeroCaseWrite.decode(result.right.value.data))).toBe(true)
      }),
    )
  })
})
