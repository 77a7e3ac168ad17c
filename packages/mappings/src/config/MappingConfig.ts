import * as t from 'io-ts'

/**
 * OSCaR's levels of risk (fixed by OSCaR, not by a deployment). Mirrors the oscar-client's
 * `OscarRiskLevel`, which this package may only import as a type.
 */
export const OscarRiskLevelValue = t.keyof(
  { high: null, medium: null, low: null, 'no action': null },
  'OscarRiskLevelValue',
)
export type OscarRiskLevelValue = t.TypeOf<typeof OscarRiskLevelValue>

/** OSCaR's levels of risk, lowest first. */
export const oscarRiskOrder: ReadonlyArray<OscarRiskLevelValue> = [
  'no action',
  'low',
  'medium',
  'high',
]

/** The referral statuses OSCaR's `update_statuses` accepts (mirrors `OscarReferralStatus`). */
export const OscarDecisionStatus = t.keyof(
  { Referred: null, Accepted: null, Exited: null, Active: null },
  'OscarDecisionStatus',
)
export type OscarDecisionStatus = t.TypeOf<typeof OscarDecisionStatus>

/** The Primero referral statuses a status map may produce (a decision or still open). */
export const PrimeroReferralOutcome = t.keyof(
  { in_progress: null, accepted: null, rejected: null },
  'PrimeroReferralOutcome',
)
export type PrimeroReferralOutcome = t.TypeOf<typeof PrimeroReferralOutcome>

/** One row of the service taxonomy: a Primero type/subtype and its OSCaR service name. */
export const ServiceTaxonomyEntry = t.type(
  { primeroType: t.string, primeroSubtype: t.string, oscarName: t.string },
  'ServiceTaxonomyEntry',
)
export type ServiceTaxonomyEntry = t.TypeOf<typeof ServiceTaxonomyEntry>

/** A province: its two-digit code (first two digits of a location code) and its user. */
export const Province = t.type(
  { code: t.string, name: t.string, primeroUser: t.string },
  'Province',
)
export type Province = t.TypeOf<typeof Province>

/** A Primero risk level and the OSCaR level it is. */
export const RiskLevelEntry = t.type(
  { primero: t.string, oscar: OscarRiskLevelValue },
  'RiskLevelEntry',
)
export type RiskLevelEntry = t.TypeOf<typeof RiskLevelEntry>

/**
 * The consent policy. `required` (the default): a case leaves Primero only when
 * `consent_for_services` and `disclosure_other_orgs` are both true, or
 * `consent_overridden` is. `evidenceField`: the case field that records, inbound, how
 * many consent forms OSCaR holds for the child (never their URLs).
 */
export const ConsentPolicy = t.intersection(
  [t.type({ required: t.boolean }), t.partial({ evidenceField: t.string })],
  'ConsentPolicy',
)
export type ConsentPolicy = t.TypeOf<typeof ConsentPolicy>

/** The policy when a configuration says nothing: consent required. */
export const defaultConsentPolicy: ConsentPolicy = { required: true }

/** `codec`, or `fallback` when the key is absent: a policy that is on unless switched off. */
const withDefault = <A, O>(codec: t.Type<A, O>, fallback: A): t.Type<A, O | undefined> =>
  new t.Type<A, O | undefined>(
    codec.name,
    codec.is,
    (u, c) => (u === undefined ? t.success(fallback) : codec.validate(u, c)),
    codec.encode,
  )

const strings = t.array(t.string)
const stringMap = t.record(t.string, t.string)

/**
 * Everything deployment-specific, as data: another country office writes this JSON and
 * no code. Decode and validate it with `parseMappingConfig`; `cambodia` is one.
 */
export const MappingConfig = t.type(
  {
    /** A short name for reports and the mapping sheet (`cambodia`). */
    name: t.string,
    primero: t.type({
      /** The module every case from OSCaR is created in (`primeromodule-cp`). */
      moduleId: t.string,
      /** The instance's own form fields on `services_section` rows. */
      fieldIds: t.type({
        serviceReferralStatus: t.string,
        serviceOscarReferralId: t.string,
        serviceReferralNotesFromOscar: t.string,
        serviceCaseWorkerName: t.string,
        serviceCaseWorkerPhone: t.string,
        serviceReferringAgency: t.string,
      }),
      /** Values of `service_response_type`. */
      serviceResponseTypes: t.type({
        referralToOscar: t.string,
        referralFromOscar: t.string,
        providedByOscarPartner: t.string,
      }),
      /** Option ids of the row's referral-status field. */
      serviceReferralStatusOptions: t.type({
        pending: t.string,
        accepted: t.string,
        rejected: t.string,
      }),
      protectionStatusForOscarReferral: t.string,
      interviewSubjectForOscarReferral: t.string,
    }),
    agencies: t.type({
      /** Primero agency id of an OSCaR organisation: `agency-{organization}`. */
      idPattern: t.string,
      /** The agency's generic Primero user: `agency-{organization}-user`. */
      userPattern: t.string,
      /** OSCaR organisation short names (NGOs) a case may be referred to or come from. */
      known: strings,
    }),
    provinces: t.array(Province),
    services: t.type({
      taxonomy: t.array(ServiceTaxonomyEntry),
      /** OSCaR name shared by several subtypes → the subtype it means inbound. */
      inboundResolutions: stringMap,
      /** Extra Primero subtypes (not in the taxonomy) → OSCaR name, outbound only. */
      outboundAliases: stringMap,
      /** `service_type` for an OSCaR name the taxonomy does not know. */
      unknownInboundType: t.string,
    }),
    statuses: t.type({
      /** Every referral status OSCaR may send: the domain of the inbound maps. */
      oscarStatuses: strings,
      /** The status that means "no decision yet" (`Referred`). */
      oscarUndecided: t.string,
      /** Misspellings seen in OSCaR data → the status meant (`Accetped` → `Accepted`). */
      oscarAliases: stringMap,
      /** Row referral-status option → OSCaR referral status (total over the options). */
      primeroServiceStatusToOscar: t.record(t.string, OscarDecisionStatus),
      /** OSCaR status → row referral-status option (total over `oscarStatuses`). */
      oscarToPrimeroServiceStatus: stringMap,
      /** OSCaR status → Primero referral status (total over `oscarStatuses`). */
      oscarToPrimeroReferralStatus: t.record(t.string, PrimeroReferralOutcome),
      /** Row referral-status option → Primero referral status (total over the options). */
      primeroServiceStatusToReferralStatus: t.record(t.string, PrimeroReferralOutcome),
    }),
    riskLevels: t.intersection([
      t.type({
        /** Primero levels and the OSCaR level each is, both directions. */
        levels: t.array(RiskLevelEntry),
        /** Primero risk level written for a referral without one (`no_action`). */
        inboundDefault: t.string,
        /** OSCaR level sent for a case without one (`no action`); OSCaR requires a level. */
        outboundDefault: OscarRiskLevelValue,
      }),
      t.partial({
        /**
         * Primero levels OSCaR does not know → the nearest OSCaR level at least as high
         * (`very_high` → `high`), outbound only. Optional: none when absent.
         */
        outboundAtLeast: t.record(t.string, OscarRiskLevelValue),
        /**
         * Every Primero level, lowest first. Required with `outboundAtLeast` (it says where
         * the extra levels lie); when given, no level may map to a lower OSCaR level than a
         * level below it: a child's risk is never lowered.
         */
        order: strings,
      }),
    ]),
    placeholders: t.type({
      /** Sent as `external_case_worker_mobile` when the owner has no phone. */
      caseWorkerMobile: t.string,
      /** Sent as the service name when the subtype is missing or unknown. */
      unknownServiceName: t.string,
    }),
    consent: withDefault(ConsentPolicy, defaultConsentPolicy),
  },
  'MappingConfig',
)
export type MappingConfig = t.TypeOf<typeof MappingConfig>
