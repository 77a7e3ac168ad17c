import { CAMBODIA_ORGANIZATIONS, CAMBODIA_SERVICE_TAXONOMY } from '@primero-interop/cambodia-data'

import type { MappingConfig } from './MappingConfig.js'

/**
 * The Cambodia deployment (MoSVY's Primero ⇄ OSCaR), from the facts gathered from the
 * production integration (`cambodia-preset.json` in the specification). Differences from
 * the production jobs, each deliberate:
 * - province 19 (Stung Treng) has its user `mgrstg`; production keyed it under `22`, a
 *   duplicate silently overwritten by Oddar Meanchey;
 * - the two OSCaR names shared by two subtypes are resolved explicitly (production kept
 *   whichever entry came last);
 * - `Referred` is in the status maps' domain (it means pending / in progress), so every
 *   map is total over the statuses OSCaR sends;
 * - consent is required, and recorded inbound only where OSCaR holds a consent form. No
 *   `consent.evidenceField` is set: the instance's form has no field for the count, and
 *   Primero drops a field it does not know silently, so writing one would make every run
 *   see a change. A deployment that adds such a field names it there.
 * - `very_high`, a Primero level OSCaR does not know, goes out as `high` (production sent
 *   it as it is); the risk order says no level is ever sent lower than one below it.
 *
 * @example
 * provinceOf('19010203', cambodia)?.primeroUser // 'mgrstg'
 */
export const cambodia: MappingConfig = {
  name: 'cambodia',
  primero: {
    moduleId: 'primeromodule-cp',
    fieldIds: {
      serviceReferralStatus: 'referral_status_edf41f2',
      serviceOscarReferralId: 'oscar_referral_id_a4ac8a5',
      serviceReferralNotesFromOscar: 'referral_notes_from_oscar_2e787b8',
      serviceCaseWorkerName: 'oscar_case_worker_name',
      serviceCaseWorkerPhone: 'oscar_case_worker_telephone',
      serviceReferringAgency: 'oscar_referring_organization',
    },
    serviceResponseTypes: {
      referralToOscar: 'referral_to_oscar',
      referralFromOscar: 'referral_from_oscar',
      providedByOscarPartner: 'service_being_provided_by_oscar_partner_47618',
    },
    serviceReferralStatusOptions: {
      pending: 'pending_310366',
      accepted: 'accepted_340953',
      rejected: 'rejected_936484',
    },
    protectionStatusForOscarReferral: 'oscar_referral',
    interviewSubjectForOscarReferral: 'other',
  },
  agencies: {
    idPattern: 'agency-{organization}',
    userPattern: 'agency-{organization}-user',
    known: [...CAMBODIA_ORGANIZATIONS],
  },
  provinces: [
    { code: '01', name: 'Banteay Meanchey', primeroUser: 'mgrbmc' },
    { code: '02', name: 'Battambang', primeroUser: 'mgrbtb' },
    { code: '03', name: 'Kampong Cham', primeroUser: 'mgrkcm' },
    { code: '04', name: 'Kampong Chhnang', primeroUser: 'mgrkch' },
    { code: '05', name: 'Kampong Speu', primeroUser: 'mgrksp' },
    { code: '06', name: 'Kampong Thom', primeroUser: 'mgrktm' },
    { code: '07', name: 'Kampot', primeroUser: 'mgrkpt' },
    { code: '08', name: 'Kandal', primeroUser: 'mgrkdl' },
    { code: '09', name: 'Koh Kong', primeroUser: 'mgrkkg' },
    { code: '10', name: 'Kratie', primeroUser: 'mgrkrt' },
    { code: '11', name: 'Mondul Kiri', primeroUser: 'mgrmdk' },
    { code: '12', name: 'Phnom Penh', primeroUser: 'mgrpnh' },
    { code: '13', name: 'Preah Vihear', primeroUser: 'mgrpvh' },
    { code: '14', name: 'Prey Veng', primeroUser: 'mgrpvg' },
    { code: '15', name: 'Pursat', primeroUser: 'mgrpst' },
    { code: '16', name: 'Ratanak Kiri', primeroUser: 'mgrrtk' },
    { code: '17', name: 'Siemreap', primeroUser: 'mgrsrp' },
    { code: '18', name: 'Preah Sihanouk', primeroUser: 'mgrshv' },
    { code: '19', name: 'Stung Treng', primeroUser: 'mgrstg' },
    { code: '20', name: 'Svay Rieng', primeroUser: 'mgrsvg' },
    { code: '21', name: 'Takeo', primeroUser: 'mgrtakeo' },
    { code: '22', name: 'Oddar Meanchey', primeroUser: 'mgromc' },
    { code: '23', name: 'Kep', primeroUser: 'mgrkep' },
    { code: '24', name: 'Pailin', primeroUser: 'mgrpln' },
    { code: '25', name: 'Tboung Khmum', primeroUser: 'mgrtkm' },
  ],
  services: {
    taxonomy: CAMBODIA_SERVICE_TAXONOMY.map((entry) => ({ ...entry })),
    inboundResolutions: {
      'Therapeutic interventions': 'mental_health_support_therapeutic_interventions',
      'Therapeutic training': 'mental_health_support_therapeutic_training',
    },
    outboundAliases: { other: 'Other Service' },
    unknownInboundType: 'Other',
  },
  statuses: {
    oscarStatuses: ['Referred', 'Accepted', 'Active', 'Exited', 'Rejected'],
    oscarUndecided: 'Referred',
    oscarAliases: { Accetped: 'Accepted' },
    primeroServiceStatusToOscar: {
      pending_310366: 'Referred',
      accepted_340953: 'Accepted',
      rejected_936484: 'Exited',
    },
    oscarToPrimeroServiceStatus: {
      Referred: 'pending_310366',
      Accepted: 'accepted_340953',
      Active: 'accepted_340953',
      Exited: 'rejected_936484',
      Rejected: 'rejected_936484',
    },
    oscarToPrimeroReferralStatus: {
      Referred: 'in_progress',
      Accepted: 'accepted',
      Active: 'accepted',
      Exited: 'rejected',
      Rejected: 'rejected',
    },
    primeroServiceStatusToReferralStatus: {
      pending_310366: 'in_progress',
      accepted_340953: 'accepted',
      rejected_936484: 'rejected',
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
    outboundAtLeast: { very_high: 'high' },
    order: ['no_action', 'low', 'medium', 'high', 'very_high'],
  },
  placeholders: {
    caseWorkerMobile: '000000000',
    unknownServiceName: 'Not Specified',
  },
  consent: { required: true },
}
