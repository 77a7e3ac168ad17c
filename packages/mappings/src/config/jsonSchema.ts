/**
 * The JSON Schema (draft 2020-12) of a mapping configuration file, with a `title` and a
 * `description` on every key, for editors (completion, hover help) and for review.
 * `parseMappingConfig` stays the authority: it also checks what a schema cannot say
 * (maps total over their domain, risk never lowered, …). A test keeps the two in step.
 */

import {
  type JsonSchema,
  map,
  object,
  oscarDecision,
  oscarRisk,
  primeroOutcome,
  strings,
  text,
} from './schemaBuilders.js'

export type { JsonSchema } from './schemaBuilders.js'

const primero = object('Primero', "The Primero instance's own ids: module, form fields, options.", {
  moduleId: text('Module', 'The module every case from OSCaR is created in (`primeromodule-cp`).'),
  fieldIds: object(
    'Service row fields',
    'The instance’s own fields on `services_section` rows (their ids carry a suffix the form builder added).',
    {
      serviceReferralStatus: text(
        'Referral status field',
        'The row field holding the referral-status option.',
      ),
      serviceOscarReferralId: text(
        'OSCaR referral id field',
        'The row field holding the OSCaR referral id.',
      ),
      serviceReferralNotesFromOscar: text(
        'Notes from OSCaR field',
        "The row field for OSCaR's reason for referral.",
      ),
      serviceCaseWorkerName: text(
        'NGO case worker name field',
        "The row field for the NGO case worker's name.",
      ),
      serviceCaseWorkerPhone: text(
        'NGO case worker phone field',
        "The row field for the NGO case worker's phone.",
      ),
      serviceReferringAgency: text(
        'Referring agency field',
        'The row field for the NGO’s Primero agency.',
      ),
    },
  ),
  serviceResponseTypes: object(
    'Service response types',
    'Values of the row field `service_response_type`.',
    {
      referralToOscar: text('Referral to OSCaR', 'A row referred from Primero to an NGO.'),
      referralFromOscar: text('Referral from OSCaR', 'A row an NGO referred to Primero.'),
      providedByOscarPartner: text(
        'Provided by an OSCaR partner',
        'A service an NGO provides (from its enrolments).',
      ),
    },
  ),
  serviceReferralStatusOptions: object(
    'Referral status options',
    'Option ids of the row’s referral-status field.',
    {
      pending: text('Pending', 'The option meaning awaiting a decision.'),
      accepted: text('Accepted', 'The option meaning accepted.'),
      rejected: text('Rejected', 'The option meaning rejected.'),
    },
  ),
  protectionStatusForOscarReferral: text(
    'Protection status of a referral from OSCaR',
    'The `protection_status` written on a new case an NGO referred.',
  ),
  interviewSubjectForOscarReferral: text(
    'Interview subject of a referral from OSCaR',
    'The `interview_subject` written on a new case an NGO referred.',
  ),
})

const agencies = object(
  'Agencies (NGOs)',
  'How OSCaR organisations become Primero agencies and users.',
  {
    idPattern: {
      ...text(
        'Agency id pattern',
        'The Primero agency id of an OSCaR organisation; `{organization}` once.',
      ),
      pattern: '^[^{]*\\{organization\\}[^{]*$',
    },
    userPattern: {
      ...text('Agency user pattern', "The agency's generic Primero user; `{organization}` once."),
      pattern: '^[^{]*\\{organization\\}[^{]*$',
    },
    known: strings(
      'Known NGOs',
      'OSCaR organisation short names a case may be referred to or come from.',
      {
        type: 'string',
        title: 'NGO short name',
        description: "An OSCaR organisation's short name.",
        pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$',
      },
    ),
  },
)

const province = object('Province', 'A province and the Primero user who owns its cases.', {
  code: {
    type: 'string',
    title: 'Province code',
    description: 'The first two digits of a location code.',
    pattern: '^\\d{2}$',
  },
  name: { type: 'string', title: 'Province name', description: 'For people reading the sheet.' },
  primeroUser: text('Primero user', 'The user who owns new cases of this province.'),
})

const service = object(
  'Service',
  'A Primero service type and subtype and their OSCaR service name.',
  {
    primeroType: text('Primero service type', 'A value of `service_type`.'),
    primeroSubtype: text('Primero service subtype', 'A value of `service_subtype`; unique.'),
    oscarName: text('OSCaR service name', 'The name OSCaR knows the service by, exactly.'),
  },
)

const services = object('Services', 'The service taxonomy, both directions.', {
  taxonomy: {
    type: 'array',
    title: 'Taxonomy',
    description: 'One row per Primero subtype.',
    items: service,
  },
  inboundResolutions: map(
    'Inbound resolutions',
    'For each OSCaR name shared by several subtypes, the subtype it means inbound.',
    text('Subtype', 'One of the subtypes sharing the name.'),
  ),
  outboundAliases: map(
    'Outbound aliases',
    'Extra Primero subtypes (not in the taxonomy) and the OSCaR name each is sent as.',
    text('OSCaR name', 'A name of the taxonomy.'),
  ),
  unknownInboundType: text(
    'Type of an unknown OSCaR service',
    '`service_type` for an OSCaR name the taxonomy lacks.',
  ),
})

const statuses = object(
  'Statuses',
  'Referral statuses both ways; every map is total over its domain.',
  {
    oscarStatuses: strings(
      'OSCaR statuses',
      'Every referral status OSCaR may send.',
      text('Status', 'An OSCaR status.'),
    ),
    oscarUndecided: text(
      'Undecided status',
      'The OSCaR status meaning no decision yet (`Referred`).',
    ),
    oscarAliases: map(
      'Status aliases',
      'Misspellings seen in OSCaR data and the status meant.',
      text('Status', 'A declared status.'),
    ),
    primeroServiceStatusToOscar: map(
      'Row option to OSCaR',
      'Each referral-status option and the OSCaR status it is sent as.',
      oscarDecision,
    ),
    oscarToPrimeroServiceStatus: map(
      'OSCaR to row option',
      'Each OSCaR status and the row option it is written as.',
      text('Option', 'A referral-status option.'),
    ),
    oscarToPrimeroReferralStatus: map(
      'OSCaR to referral status',
      'Each OSCaR status and the Primero referral status it means.',
      primeroOutcome,
    ),
    primeroServiceStatusToReferralStatus: map(
      'Row option to referral status',
      'Each referral-status option and the Primero referral status it means.',
      primeroOutcome,
    ),
  },
)

const riskLevels = object(
  'Risk levels',
  'Primero risk levels and OSCaR’s; a child’s risk is never lowered.',
  {
    levels: {
      type: 'array',
      title: 'Levels',
      description: 'Primero levels and the OSCaR level each is, both directions.',
      items: object('Level', 'A Primero level and its OSCaR level.', {
        primero: text('Primero level', 'A value of `risk_level`.'),
        oscar: oscarRisk,
      }),
    },
    inboundDefault: text(
      'Inbound default',
      'The Primero level written for a referral without one.',
    ),
    outboundDefault: {
      ...oscarRisk,
      title: 'Outbound default',
      description: 'The OSCaR level sent for a case without one.',
    },
    outboundAtLeast: map(
      'Outbound at least',
      'Primero levels OSCaR lacks and the nearest OSCaR level at least as high.',
      oscarRisk,
    ),
    order: strings(
      'Order',
      'Every Primero level, lowest first; required with `outboundAtLeast`.',
      text('Level', 'A Primero level.'),
    ),
  },
  ['outboundAtLeast', 'order'],
)

const placeholders = object('Placeholders', 'Values sent when the real one is missing.', {
  caseWorkerMobile: text(
    'Case worker mobile',
    'Sent as `external_case_worker_mobile` when the owner has no phone.',
  ),
  unknownServiceName: text(
    'Unknown service name',
    'Sent as the service name when the subtype is missing or unknown.',
  ),
})

const consent = object(
  'Consent',
  'When a case may leave Primero; absent means required.',
  {
    required: {
      type: 'boolean',
      title: 'Required',
      description: 'A case leaves Primero only with consent.',
    },
    evidenceField: text(
      'Evidence field',
      'The case field recording how many OSCaR consent forms there are.',
    ),
  },
  ['evidenceField'],
)

/** The JSON Schema of a mapping configuration file. */
export const mappingJsonSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/primero-interop/primero-interop/mapping-config.schema.json',
  ...object(
    'Mapping configuration',
    'Everything deployment-specific about a Primero ⇄ OSCaR integration, as data. Check a file with `primero-interop mapping validate FILE`.',
    {
      $schema: {
        type: 'string',
        title: 'Schema',
        description: 'This schema’s address, for editors.',
      },
      name: text('Name', 'A short name for reports and the mapping sheet.'),
      primero,
      agencies,
      provinces: {
        type: 'array',
        title: 'Provinces',
        description: 'One entry per two-digit code.',
        items: province,
      },
      services,
      statuses,
      riskLevels,
      placeholders,
      consent,
    },
    ['$schema', 'consent'],
  ),
}
