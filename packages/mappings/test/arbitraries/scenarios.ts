/** Arbitraries that tie records of both systems together: an NGO's decisions on a case. */
import type { OscarClient } from '@primero-interop/oscar-client'
import type { PrimeroCase, PrimeroReferral } from '@primero-interop/primero-client'
import fc from 'fast-check'

import type { MappingConfig } from '../../src/index.js'
import { oscarClient, primeroCase, primeroReferral } from '../helpers.js'
import { lowerUuid, ulid } from './common.js'
import { oscarClientRaw, oscarServiceRaw, oscarStatus } from './oscar.js'
import { primeroCaseRaw, referralRaw, serviceRowRaw } from './primero.js'

/** An NGO's decisions about a Primero case, with the case and its referrals. */
export interface DecisionScenario {
  readonly client: OscarClient
  readonly primeroCase: PrimeroCase
  readonly referrals: ReadonlyArray<PrimeroReferral>
}

/** A service of the client about one of the case's rows referred to OSCaR. */
const decisionAbout = (row: Record<string, unknown>, config: MappingConfig) => {
  const sub = Array.isArray(row['service_subtype'])
    ? (row['service_subtype'][0] as unknown)
    : undefined
  const name =
    config.services.taxonomy.find((s) => s.primeroSubtype === sub)?.oscarName ?? 'Unknown name'
  const rowReferralId = Number(row[config.primero.fieldIds.serviceOscarReferralId])
  return fc.record({
    name: fc.constant(name),
    enrollment_date: fc.constant(null),
    referral_id: fc.oneof(
      fc.constant(Number.isSafeInteger(rowReferralId) ? rowReferralId : null),
      fc.nat(),
    ),
    referral_status: oscarStatus(config),
  })
}

/**
 * A Primero case awaiting NGO decisions and an OSCaR client naming it (by `external_id`,
 * or now and then a different case): rows referred to OSCaR, decisions about most of
 * them, in_progress referrals at most of them, and unrelated services and referrals.
 */
export const arbDecisionScenario = (config: MappingConfig): fc.Arbitrary<DecisionScenario> =>
  fc
    .record({
      caseRaw: primeroCaseRaw(config),
      caseId: lowerUuid,
      gid: ulid,
      referredRows: fc.array(
        serviceRowRaw(config).map((r): Record<string, unknown> => ({
          ...r,
          service_response_type: config.primero.serviceResponseTypes.referralToOscar,
        })),
        { maxLength: 4 },
      ),
      clientRaw: oscarClientRaw(config),
      unrelated: fc.array(oscarServiceRaw(config), { maxLength: 2 }),
      sameCase: fc.oneof(
        { weight: 6, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      resource: fc.constantFrom('primero', 'Primero'),
    })
    .chain(({ caseRaw, caseId, gid, referredRows, clientRaw, unrelated, sameCase, resource }) => {
      const otherRows = Array.isArray(caseRaw['services_section'])
        ? (caseRaw['services_section'] as unknown[])
        : []
      const c = primeroCase({
        ...caseRaw,
        case_id: caseId,
        oscar_number: gid,
        services_section: [...otherRows, ...referredRows],
      })
      const rowIds = (c.services_section ?? []).flatMap((r) =>
        typeof r.unique_id === 'string' ? [r.unique_id] : [],
      )
      const openReferrals = referredRows.flatMap((r, i) =>
        typeof r['unique_id'] === 'string'
          ? [{ id: `open-${i}`, status: 'in_progress', service_record_id: r['unique_id'] }]
          : [],
      )
      return fc
        .record({
          decisions: fc.tuple(...referredRows.map((r) => decisionAbout(r, config))),
          keep: fc.array(fc.boolean(), {
            minLength: referredRows.length,
            maxLength: referredRows.length,
          }),
          others: fc.array(referralRaw(rowIds), { maxLength: 3 }),
        })
        .map(({ decisions, keep, others }) => ({
          client: oscarClient({
            ...clientRaw,
            global_id: gid,
            external_id: sameCase ? caseId : clientRaw['external_id'],
            resource,
            services: [...decisions.filter((_, i) => keep[i] !== false), ...unrelated],
          }),
          primeroCase: c,
          referrals: [...openReferrals, ...others].map(primeroReferral),
        }))
    })
