import type { MappingConfig, ServiceTaxonomyEntry } from './MappingConfig.js'

const entry = (
  primeroType: string,
  primeroSubtype: string,
  oscarName: string,
): ServiceTaxonomyEntry => ({ primeroType, primeroSubtype, oscarName })

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
    known: [
      'gpc',
      'tpo',
      'eao',
      'goh',
      'sk',
      'colt',
      'kt',
      'ea',
      'fsi',
      'oec',
      'cct',
      'cfi',
      'cif',
      'css',
      'cwd',
      'holt',
      'isf',
      'kmr',
      'mho',
      'msl',
      'mtp',
      'tlc',
      'tmw',
      'wmo',
    ],
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
    taxonomy: [
      entry(
        'social_work_case_work',
        'social_work_case_work_generalist',
        'Generalist social work / case work',
      ),
      entry('social_work_case_work', 'social_work_case_work_community', 'Community social work'),
      entry('family_based_care', 'family_based_care_emergency_foster', 'Emergency foster care'),
      entry('family_based_care', 'family_based_care_longterm_foster', 'Long term foster care'),
      entry('family_based_care', 'family_based_care_kinship', 'Kinship care'),
      entry(
        'family_based_care',
        'family_based_care_domestic_adoption',
        'Domestic adoption support',
      ),
      entry('family_based_care', 'family_based_care_family_preservation', 'Family preservation'),
      entry('family_based_care', 'family_based_care_family_reunification', 'Family reunification'),
      entry('family_based_care', 'family_based_care_independent_living', 'Independent Living'),
      entry('drug_alcohol', 'drug_alcohol_counselling', 'Drug and Alcohol Counselling'),
      entry('drug_alcohol', 'drug_alcohol_detox_rehabilitation', 'Detox / rehabilitation services'),
      entry('drug_alcohol', 'drug_alcohol_detox_support', 'Detox support'),
      entry('counselling', 'counselling_generalist', 'Generalist counselling'),
      entry('counselling', 'counselling_abuse_survivors', 'Counselling for abuse survivors'),
      entry('counselling', 'counselling_trauma', 'Trauma counselling'),
      entry('counselling', 'counselling_family', 'Family counselling / mediation'),
      entry(
        'financial_development',
        'financial_development_material_assistance',
        'Direct material assistance',
      ),
      entry(
        'financial_development',
        'financial_development_financial_assistance',
        'Direct financial assistance',
      ),
      entry(
        'financial_development',
        'financial_development_income_generation',
        'Income generation services',
      ),
      entry('financial_development', 'financial_development_day_care', 'Day care services'),
      entry(
        'disability_support',
        'disability_support_therapeutic_interventions',
        'Therapeutic interventions',
      ),
      entry('disability_support', 'disability_support_respite-care', 'Disability respite care'),
      entry(
        'disability_support',
        'disability_support_therapeutic_training',
        'Therapeutic training',
      ),
      entry('disability_support', 'disability_support_aid_provision', 'Disability-aid provision'),
      entry('disability_support', 'disability_support_peripheral', 'Peripheral supports'),
      entry('disability_support', 'disability_support_groups', 'Support groups'),
      entry('medical_support', 'medical_support_access_care', 'Support to access care'),
      entry(
        'medical_support',
        'medical_support_provision_medical_case',
        'Provision of medical care',
      ),
      entry('medical_support', 'medical_support_medical_training', 'Medical training services'),
      entry('medical_support', 'medical_support_healt_education', 'Health education'),
      entry(
        'legal_support',
        'legal_support_access_legal_services',
        'Support to access legal services',
      ),
      entry('legal_support', 'legal_support_advocacy_services', 'Legal advocacy services'),
      entry('legal_support', 'legal_support_representation', 'Legal representation'),
      entry('legal_support', 'legal_support_prision_visitation', 'Prison visitation support'),
      entry(
        'mental_health_support',
        'mental_health_support_therapeutic_interventions',
        'Therapeutic interventions',
      ),
      entry(
        'mental_health_support',
        'mental_health_support_therapeutic_training',
        'Therapeutic training',
      ),
      entry(
        'mental_health_support',
        'mental_health_support_direct_medical_support',
        'Direct medical support',
      ),
      entry('training_education', 'training_education_school_support', 'School support'),
      entry(
        'training_education',
        'training_education_supplementary',
        'Supplementary school education',
      ),
      entry(
        'training_education',
        'training_education_vocational',
        'Vocational education and training',
      ),
      entry(
        'training_education',
        'training_education_material_support',
        'Material support for education (uniforms, etc)',
      ),
      entry(
        'training_education',
        'training_education_scholarships',
        'Scholarships or financial support',
      ),
      entry('training_education', 'training_education_life_skills', 'Life skills'),
      entry('family_support', 'family_support_family_support', 'Family support'),
      entry('anti_trafficking', 'anti_trafficking_rescue', 'Rescue Services'),
      entry(
        'anti_trafficking',
        'anti_trafficking_transitional_accomodation',
        'Transitional Accommodation',
      ),
      entry('anti_trafficking', 'anti_trafficking_post_trafficking', 'Post-Trafficking Counseling'),
      entry(
        'anti_trafficking',
        'anti_trafficking_community_reintegration',
        'Community Reintegration Support',
      ),
      entry('other', 'residential_care_gov_only_other', 'Residential Care Institution'),
      entry('other', 'other_other_service', 'Other Service'),
    ],
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
