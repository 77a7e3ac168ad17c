import type { MappingConfig } from './MappingConfig.js'

/**
 * A starting point for a new deployment: every key of a mapping configuration, filled
 * with OSCaR's own values (statuses, risk levels) and plain placeholders for the
 * deployment's own (one province, one NGO, one service). It is valid as it is, so a
 * country office can validate, export and run it before changing anything, then replace
 * the names, ids and tables with its own. Print it with `primero-interop mapping template`.
 */
export const mappingTemplate: MappingConfig = {
  name: 'my-country',
  primero: {
    moduleId: 'primeromodule-cp',
    fieldIds: {
      serviceReferralStatus: 'referral_status',
      serviceOscarReferralId: 'oscar_referral_id',
      serviceReferralNotesFromOscar: 'referral_notes_from_oscar',
      serviceCaseWorkerName: 'oscar_case_worker_name',
      serviceCaseWorkerPhone: 'oscar_case_worker_telephone',
      serviceReferringAgency: 'oscar_referring_organization',
    },
    serviceResponseTypes: {
      referralToOscar: 'referral_to_oscar',
      referralFromOscar: 'referral_from_oscar',
      providedByOscarPartner: 'service_provided_by_oscar_partner',
    },
    serviceReferralStatusOptions: {
      pending: 'pending',
      accepted: 'accepted',
      rejected: 'rejected',
    },
    protectionStatusForOscarReferral: 'oscar_referral',
    interviewSubjectForOscarReferral: 'other',
  },
  agencies: {
    idPattern: 'agency-{organization}',
    userPattern: 'agency-{organization}-user',
    known: ['example-ngo'],
  },
  provinces: [{ code: '01', name: 'First province', primeroUser: 'province01-manager' }],
  services: {
    taxonomy: [
      {
        primeroType: 'family_support',
        primeroSubtype: 'family_support_counselling',
        oscarName: 'Family Counselling',
      },
    ],
    inboundResolutions: {},
    outboundAliases: {},
    unknownInboundType: 'other',
  },
  statuses: {
    oscarStatuses: ['Referred', 'Accepted', 'Active', 'Exited', 'Rejected'],
    oscarUndecided: 'Referred',
    oscarAliases: {},
    primeroServiceStatusToOscar: { pending: 'Referred', accepted: 'Accepted', rejected: 'Exited' },
    oscarToPrimeroServiceStatus: {
      Referred: 'pending',
      Accepted: 'accepted',
      Active: 'accepted',
      Exited: 'rejected',
      Rejected: 'rejected',
    },
    oscarToPrimeroReferralStatus: {
      Referred: 'in_progress',
      Accepted: 'accepted',
      Active: 'accepted',
      Exited: 'rejected',
      Rejected: 'rejected',
    },
    primeroServiceStatusToReferralStatus: {
      pending: 'in_progress',
      accepted: 'accepted',
      rejected: 'rejected',
    },
  },
  riskLevels: {
    levels: [
      { primero: 'no_action', oscar: 'no action' },
      { primero: 'low', oscar: 'low' },
      { primero: 'medium', oscar: 'medium' },
      { primero: 'high', oscar: 'high' },
    ],
    inboundDefault: 'no_action',
    outboundDefault: 'no action',
  },
  placeholders: { caseWorkerMobile: '000000000', unknownServiceName: 'Not Specified' },
  consent: { required: true },
}
