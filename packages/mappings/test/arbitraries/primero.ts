/** Arbitraries for Primero records: service rows, cases, referrals. All decode as the client would. */
import type { PrimeroCase, PrimeroReferral } from '@primero-interop/primero-client'
import fc from 'fast-check'

import type { MappingConfig } from '../../src/index.js'
import { primeroCase, primeroReferral } from '../helpers.js'
import {
  isoDate,
  khmerText,
  latinName,
  lowerUuid,
  messyLocation,
  messyText,
  ngoAgency,
  nullable,
  timestamp,
} from './common.js'

/** A subtype: from the taxonomy, an outbound alias, or not one. */
export const subtype = (config: MappingConfig): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...config.services.taxonomy.map((s) => s.primeroSubtype)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(config.services.outboundAliases)) },
    { weight: 1, arbitrary: messyText },
  )

/** A referral-status option: configured, or not. */
const statusOption = (config: MappingConfig): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...Object.values(config.primero.serviceReferralStatusOptions)),
    },
    { weight: 1, arbitrary: messyText },
  )

/** A raw `services_section` row. */
export const serviceRowRaw = (config: MappingConfig): fc.Arbitrary<Record<string, unknown>> => {
  const f = config.primero.fieldIds
  return fc.record(
    {
      unique_id: fc.oneof(
        { weight: 5, arbitrary: lowerUuid },
        { weight: 1, arbitrary: nullable(messyText) },
      ),
      service_type: nullable(messyText),
      service_subtype: nullable(fc.array(subtype(config), { maxLength: 2 })),
      service_response_type: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom(...Object.values(config.primero.serviceResponseTypes)),
        },
        { weight: 1, arbitrary: nullable(messyText) },
      ),
      service_implementing_agency: fc.oneof(
        { weight: 4, arbitrary: ngoAgency(config) },
        { weight: 1, arbitrary: fc.constantFrom('agency-unicef', 'agency-', '-agency-cif') },
        { weight: 1, arbitrary: nullable(messyText) },
      ),
      service_referral_notes: nullable(messyText),
      [f.serviceReferralStatus]: nullable(statusOption(config)),
      [f.serviceOscarReferralId]: fc.oneof(
        { weight: 4, arbitrary: fc.nat().map(String) },
        { weight: 1, arbitrary: fc.oneof(fc.nat(), fc.double(), nullable(messyText)) },
      ),
    },
    { requiredKeys: [] },
  )
}

/** Consent as cases hold it: mostly given, sometimes not, sometimes unknown. */
const usuallyTrue = fc.oneof(
  { weight: 4, arbitrary: fc.constant(true) },
  { weight: 1, arbitrary: nullable(fc.boolean()) },
)

/** The fields of a raw case other than its rows. */
const caseFieldsRaw = (config: MappingConfig) =>
  fc.record(
    {
      id: fc.oneof(lowerUuid, messyText),
      case_id: fc.oneof(
        { weight: 4, arbitrary: lowerUuid },
        { weight: 1, arbitrary: nullable(messyText) },
      ),
      case_id_display: nullable(messyText),
      oscar_number: nullable(
        fc.oneof(fc.constant(''), messyText, fc.stringMatching(/^[0-9A-Z]{26}$/)),
      ),
      mosvy_number: nullable(messyText),
      name_first: nullable(fc.oneof(khmerText, latinName, messyText)),
      name_last: nullable(fc.oneof(khmerText, latinName, messyText)),
      sex: nullable(fc.oneof(fc.constantFrom('male', 'female', 'other'), messyText)),
      date_of_birth: nullable(
        fc.oneof(
          isoDate,
          isoDate.map((d) => d.replace(/-/g, '/')),
        ),
      ),
      age: nullable(fc.integer({ min: -1, max: 120 })),
      location_current: nullable(messyLocation(config)),
      owned_by: nullable(messyText),
      owned_by_agency_id: nullable(messyText),
      owned_by_phone: nullable(messyText),
      risk_level: nullable(
        fc.oneof(fc.constantFrom(...config.riskLevels.levels.map((l) => l.primero)), messyText),
      ),
      consent_for_services: usuallyTrue,
      disclosure_other_orgs: usuallyTrue,
      consent_overridden: nullable(fc.boolean()),
    },
    { requiredKeys: ['id'] },
  )

/** A raw Primero case (as JSON). */
export const primeroCaseRaw = (config: MappingConfig): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(caseFieldsRaw(config), nullable(fc.array(serviceRowRaw(config), { maxLength: 5 })))
    .map(([fields, rows]) => (rows === null ? fields : { ...fields, services_section: rows }))

/** A Primero case, decoded. */
export const arbPrimeroCase = (config: MappingConfig): fc.Arbitrary<PrimeroCase> =>
  primeroCaseRaw(config).map(primeroCase)

/** A raw referral, pointing at one of `rowIds` most of the time. */
export const referralRaw = (rowIds: ReadonlyArray<string>): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      id: fc.oneof(lowerUuid, messyText),
      status: fc.constantFrom(
        'in_progress',
        'in_progress',
        'accepted',
        'rejected',
        'done',
        'revoked',
      ),
      service_record_id:
        rowIds.length === 0
          ? nullable(messyText)
          : fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom(...rowIds) },
              { weight: 1, arbitrary: nullable(messyText) },
            ),
      notes: nullable(messyText),
      created_at: nullable(fc.oneof(timestamp, messyText)),
      consent_overridden: nullable(fc.boolean()),
    },
    { requiredKeys: ['id', 'status'] },
  )

/** A case with its referrals. */
export const arbCaseWithReferrals = (
  config: MappingConfig,
): fc.Arbitrary<{ case: PrimeroCase; referrals: ReadonlyArray<PrimeroReferral> }> =>
  arbPrimeroCase(config).chain((c) => {
    const ids = (c.services_section ?? []).flatMap((r) =>
      typeof r.unique_id === 'string' ? [r.unique_id] : [],
    )
    return fc
      .array(referralRaw(ids), { maxLength: 5 })
      .map((rs) => ({ case: c, referrals: rs.map(primeroReferral) }))
  })

/**
 * A consenting case with `k` new referrals to NGOs (each with its own row and agency) and
 * some noise that must not be sent: decided referrals and rows of other response types.
 */
export const arbFanOut = (config: MappingConfig) =>
  fc
    .record({
      fields: caseFieldsRaw(config),
      caseId: lowerUuid,
      targets: fc.uniqueArray(
        fc.record({
          rowId: lowerUuid,
          org: fc.constantFrom(...config.agencies.known),
          sub: subtype(config),
        }),
        { minLength: 1, maxLength: 5, selector: (t) => t.rowId },
      ),
      since: fc.date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2025-01-01T00:00:00Z'),
        noInvalidDate: true,
      }),
      lateBy: fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 5, maxLength: 5 }),
      noise: fc.array(
        fc.record({ rowId: lowerUuid, status: fc.constantFrom('accepted', 'rejected', 'done') }),
        {
          maxLength: 3,
        },
      ),
    })
    .map(({ fields, caseId, targets, since, lateBy, noise }) => {
      const rows = [
        ...targets.map((t) => ({
          unique_id: t.rowId,
          service_subtype: [t.sub],
          service_response_type: config.primero.serviceResponseTypes.referralToOscar,
          service_implementing_agency: config.agencies.idPattern.replace('{organization}', t.org),
        })),
        ...noise.map((n) => ({
          unique_id: n.rowId,
          service_response_type: config.primero.serviceResponseTypes.referralFromOscar,
        })),
      ]
      const c = primeroCase({
        ...fields,
        case_id: caseId,
        consent_for_services: true,
        disclosure_other_orgs: true,
        services_section: rows,
      })
      const referrals = [
        ...targets.map((t, i) =>
          primeroReferral({
            id: `ref-${i}`,
            status: 'in_progress',
            service_record_id: t.rowId,
            created_at: new Date(since.getTime() + (lateBy[i] ?? 0)).toISOString(),
          }),
        ),
        ...noise.map((n, i) =>
          primeroReferral({ id: `noise-${i}`, status: n.status, service_record_id: n.rowId }),
        ),
      ]
      return { input: { case: c, referrals }, since, targets }
    })
