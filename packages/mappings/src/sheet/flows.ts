import type { MappingConfig } from '../config/MappingConfig.js'
import { fillPattern } from '../util.js'
import { code, table } from './markdown.js'
import { possessive, type SheetWords, sheetWordsFor } from './words.js'

const agency = (c: MappingConfig): string => code(fillPattern(c.agencies.idPattern, '<org>'))
const agencyUser = (c: MappingConfig): string => code(fillPattern(c.agencies.userPattern, '<org>'))

/** Flow 0: OSCaR ids back to Primero (`idBackfill`). */
export const flow0 = (_c: MappingConfig): string =>
  [
    '## Flow 0: OSCaR ids back to Primero (`idBackfill`)',
    '',
    'For every OSCaR client with a non-empty `external_id`: update the Primero case whose `case_id` is that `external_id`. Clients without one give nothing. Empty OSCaR values are not written.',
    '',
    table(
      ['Primero field', 'from OSCaR'],
      [
        ['match `case_id`', '`external_id`'],
        ['`oscar_number`', '`global_id`'],
        ['`oscar_short_id`', '`slug`'],
        ['`mosvy_number`', '`mosvy_number`'],
      ],
    ),
  ].join('\n')

/** Flow 1: Primero to OSCaR (`outboundReferrals`, `outboundDecisions`, `outboundLink`). */
export const flow1 = (c: MappingConfig, w: SheetWords = sheetWordsFor(c)): string => {
  const p = c.primero
  const toOscar = code(p.serviceResponseTypes.referralToOscar)
  const fromOscar = code(p.serviceResponseTypes.referralFromOscar)
  const consent = c.consent.required
    ? "A row goes only with consent, by Primero's rule for each referral (below): a row none of whose referrals passes is left out and reported (`NO_CONSENT`)"
    : 'The consent policy is off: no consent check'
  return [
    '## Flow 1: Primero to OSCaR',
    '',
    '### Referrals to NGOs (`outboundReferrals`)',
    '',
    `One OSCaR upsert per service row and NGO that new Primero referrals point at: referrals with status \`in_progress\`, created since the cursor, whose service row (\`service_record_id\` = row \`unique_id\`) has response type ${toOscar} and an implementing agency ${agency(c)} where \`<org>\` is a configured NGO. Two referrals at one row (a retried referral) give one upsert: the newest by \`created_at\` stands for the row (an unreadable date counts as oldest; on a tie, the later in Primero's list). Each upsert carries exactly one service; a child referred to two NGOs gives two upserts, each to its own row's NGO. ${consent}. A referral whose row is missing (\`MISSING_SERVICE_ROW\`) or whose agency is not an NGO (\`UNKNOWN_AGENCY\`) is left out and reported; the others still go.`,
    '',
    table(
      ['OSCaR field', 'from Primero', 'rule'],
      [
        ['`external_id`', '`case_id`', 'a case without one is not sent (`MISSING_ID`)'],
        ['`external_id_display`', '`case_id_display`', 'empty string when absent'],
        ['`global_id`', '`oscar_number`', 'only when set'],
        [
          '`level_of_risk`',
          '`risk_level`',
          `risk table below; absent: ${code(c.riskLevels.outboundDefault)}; unknown: the same, reported (\`UNKNOWN_RISK_LEVEL\`)`,
        ],
        ['`mosvy_number`', '`mosvy_number`', 'empty string when absent'],
        ['`given_name`', '`name_first`', 'empty string when absent'],
        ['`family_name`', '`name_last`', 'empty string when absent'],
        ['`gender`', '`sex`', 'as is'],
        [
          '`date_of_birth`',
          '`date_of_birth`',
          '`YYYY-MM-DD`; not a date: empty, reported (`INVALID_DATE`)',
        ],
        [
          '`location_current_village_code`',
          '`location_current`',
          'canonical: zero-padded to an even length (`2040302` gives `02040302`); not a code: empty, reported (`INVALID_LOCATION`)',
        ],
        ['`address_current_village_code`', '`location_current`', 'same as above'],
        [
          '`reason_for_referral`',
          "the referral's `notes`",
          "else the newest referral's notes, else empty",
        ],
        ['`external_case_worker_name`', '`owned_by`', 'empty string when absent'],
        ['`external_case_worker_id`', '`owned_by_id`, else `owned_by`', 'empty string when absent'],
        [
          '`external_case_worker_mobile`',
          '`owned_by_phone`',
          `placeholder ${code(c.placeholders.caseWorkerMobile)} when absent`,
        ],
        ['`is_referred`', '(constant)', '`true`'],
        [
          '`organization_name`',
          "the row's `service_implementing_agency`",
          `${agency(c)} without the pattern: \`<org>\``,
        ],
        ['`organization_id`', '`owned_by_agency_id`', 'only when set'],
        ['`services[0].uuid`', "the row's `unique_id`", 'exactly one service'],
        [
          '`services[0].name`',
          "OSCaR name of the row's `service_subtype[0]`",
          `taxonomy below; missing or unknown subtype: ${code(c.placeholders.unknownServiceName)} (OSCaR rejects it), reported (\`UNKNOWN_SERVICE\`)`,
        ],
      ],
    ),
    '',
    `Returned beside each payload, not sent (OSCaR ignores them): the id of the referral that stands for the row (${w.productionJobs === undefined ? 'the `transaction_id` of OpenFn jobs' : 'the production `transaction_id`'}) and the ids of all the new referrals at it, the case record id, the row id and the NGO (the row id and the NGO are the key of a ledger of what was sent). \`resource\` and \`date_of_referral\` are not sent: OSCaR drops them.`,
    '',
    '### Decisions on NGO referrals (`outboundDecisions`)',
    '',
    `A row with response type ${fromOscar}, an OSCaR referral id in ${code(p.fieldIds.serviceOscarReferralId)} and a referral-status option in ${code(p.fieldIds.serviceReferralStatus)} of ${code(p.serviceReferralStatusOptions.accepted)} or ${code(p.serviceReferralStatusOptions.rejected)} is ${possessive(w.primeroSide)} decision; only such rows${w.productionJobs === undefined ? '' : ' (production defect 1)'}. Sent with \`update_statuses\`; the case needs an \`oscar_number\`.`,
    '',
    table(
      ['OSCaR field', 'from Primero'],
      [
        ['`client_global_id`', '`oscar_number`'],
        ['`referral_id`', `the row's ${code(p.fieldIds.serviceOscarReferralId)}, as an integer`],
        ['`referral_status`', 'the row\'s option, by the map "row option to OSCaR" below'],
        ['`external_id`', '`case_id`'],
        ['`external_id_display`', '`case_id_display`'],
      ],
    ),
    '',
    '### Links for shared cases (`outboundLink`)',
    '',
    `A case with an \`oscar_number\` and no ${toOscar} row was shared by OSCaR for visibility: OSCaR is told its Primero id with \`update_links\`.`,
    '',
    table(
      ['OSCaR field', 'from Primero'],
      [
        ['`global_id`', '`oscar_number`'],
        ['`external_id`', '`case_id`'],
        ['`external_id_display`', '`case_id_display`'],
        ['`is_referred`', '`false`'],
      ],
    ),
  ].join('\n')
}

/** Flow 2: OSCaR to Primero (`classifyClient`, `inboundDecisions`, `inboundCase`, `pendingDefaults`). */
export const flow2 = (c: MappingConfig, w: SheetWords = sheetWordsFor(c)): string => {
  const p = c.primero
  const f = p.fieldIds
  const evidence = c.consent.evidenceField
  return [
    '## Flow 2: OSCaR to Primero',
    '',
    '### Decisions on government referrals (`classifyClient`, `inboundDecisions`)',
    '',
    `A client is a decision when its \`resource\` is \`primero\` (any case) and some service carries a \`referral_status\` other than ${code(c.statuses.oscarUndecided)} after aliases${w.productionJobs === undefined ? '' : ' (production defect 2)'}. For each decided service (those with an OSCaR referral id first), the row of the Primero case: by OSCaR referral id (${code(f.serviceOscarReferralId)}); else the same subtype, awaiting a decision and with response type ${code(p.serviceResponseTypes.referralToOscar)}; else an empty subtype with the same two conditions. "Awaiting a decision": a pending or unset option, or this same decision already applied (so a re-read, as OSCaR's windows overlap, changes nothing). Never a row referred to another NGO, nor, past the id step, a row carrying another OSCaR referral id. Every referral pointing at the row that is still \`in_progress\` moves to \`accepted\`/\`rejected\` (map "OSCaR to referral status"), and the row gets the option (map "OSCaR to row option") and the OSCaR referral id; an accepted row also gets the NGO's case worker (\`case_worker_name\` in ${code(f.serviceCaseWorkerName)}, \`case_worker_mobile\` in ${code(f.serviceCaseWorkerPhone)}), the NGO ${agency(c)} in ${code(f.serviceReferringAgency)} and OSCaR's \`reason_for_referral\` in ${code(f.serviceReferralNotesFromOscar)}. The case gets OSCaR's \`status\` in \`oscar_status\` and \`reason_for_exiting\` in \`oscar_reason_for_exiting\`. Only values OSCaR has and that differ from the case are in the patch, so each change is written once. A decision matching no row is reported (\`UNMATCHED_DECISION\`).`,
    '',
    '### Cases and NGO referrals (`inboundCase`)',
    '',
    'Match on `case_id` = `external_id` when set, else on `oscar_number` = `global_id`. "New" means no `external_id` and no stored case. Empty OSCaR values are not written.',
    '',
    table(
      ['Primero field', 'from OSCaR', 'when'],
      [
        ['`oscar_number`', '`global_id`', 'always'],
        ['`oscar_short_id`', '`slug`', 'always'],
        ['`mosvy_number`', '`mosvy_number`', 'always'],
        ['`oscar_status`', '`status`', 'always'],
        ['`oscar_reason_for_exiting`', '`reason_for_exiting`', 'always'],
        ['`module_id`', `${code(p.moduleId)}`, 'always'],
        [
          '`risk_level`',
          '`level_of_risk`, risk table below',
          `referrals (\`is_referred\`) not from Primero (a case Primero referred keeps its own); absent: ${code(c.riskLevels.inboundDefault)}`,
        ],
        [
          '`consent_for_services`, `disclosure_other_orgs`',
          '`true`',
          'only with a consent form in `referral_consent_form`; otherwise unset and reported (`NO_CONSENT_EVIDENCE`)',
        ],
        ...(evidence === undefined
          ? []
          : [[code(evidence), 'the number of consent forms (never their URLs)', 'always']]),
        ['`name_first`', '`local_given_name (given_name)`, or whichever exists', 'new'],
        ['`name_last`', '`local_family_name (family_name)`, or whichever exists', 'new'],
        ['`sex`', '`gender`: `male`/`female` in any case, else `other`', 'new'],
        [
          '`date_of_birth`',
          '`date_of_birth` as `YYYY-MM-DD`; a five-digit year loses its first digit',
          'new; still invalid: left out, reported (`INVALID_DATE`)',
        ],
        ['`age`', 'whole years at the sync clock; outside 1..30: 0', 'new, with a date of birth'],
        [
          '`location_current`',
          'the first of `location_current_village_code`, `address_current_village_code` that is a location code, without leading zeros; a field read before it that is not a code is reported (`INVALID_LOCATION`)',
          'new',
        ],
        [
          '`owned_by`',
          "referral: the province user (table below) of the first two canonical digits of the child's location code (as above), or, when the child has none, of the NGO's `organization_address_code`, reported (`PROVINCE_FROM_NGO_ADDRESS`); else the agency user " +
            agencyUser(c),
          'new and not from Primero; unknown province or NGO: the case is not written (`UNKNOWN_PROVINCE`, `UNKNOWN_AGENCY`)',
        ],
        ['`protection_status`', code(p.protectionStatusForOscarReferral), 'new referrals'],
        ['`interview_subject`', code(p.interviewSubjectForOscarReferral), 'new referrals'],
        ['`services_section`', 'one row per OSCaR service (below)', 'always'],
      ],
    ),
    '',
    `Service rows: one per OSCaR service, never grouped. Row id: the name-based (v5) uuid of \`global_id\` and the OSCaR referral id, or of \`global_id\`, programme name and service name; a row ${w.productionJobs === undefined ? 'earlier jobs wrote' : 'the production jobs wrote'} under the bare OSCaR service \`uuid\` is updated in place. For a client from Primero, services without an enrolment are echoes of Primero's own referrals and are not written back.`,
    '',
    table(
      ['row field', 'from OSCaR'],
      [
        ['`unique_id`', 'derived as above'],
        [
          '`service_type`, `service_subtype`',
          'taxonomy below (ambiguous names resolved); unknown name: type ' +
            code(c.services.unknownInboundType) +
            ', reported (`UNKNOWN_SERVICE`)',
        ],
        ['`service_type_details_text`', 'the OSCaR name, for an unknown name'],
        [
          '`service_response_type`',
          `${code(p.serviceResponseTypes.providedByOscarPartner)} when enrolled (\`enrollment_date\`), else ${code(p.serviceResponseTypes.referralFromOscar)}`,
        ],
        ['`service_response_day_time`', '`enrollment_date` at midnight UTC'],
        [code(f.serviceCaseWorkerName), '`case_worker_name`'],
        [code(f.serviceCaseWorkerPhone), '`case_worker_mobile`'],
        [
          `${code(f.serviceReferringAgency)}, \`service_implementing_agency\``,
          `${agency(c)} of \`organization_name\` (configured NGOs only)`,
        ],
        [code(f.serviceOscarReferralId), '`referral_id` as a string'],
        [code(f.serviceReferralNotesFromOscar), '`reason_for_referral`, on rows not enrolled'],
        [
          code(f.serviceReferralStatus),
          `\`referral_status\` by the map "OSCaR to row option"; pending is left to \`pendingDefaults\`, and a decision already stored in Primero (${possessive(w.primeroSide)}) is never overwritten`,
        ],
      ],
    ),
    '',
    '### Pending by default (`pendingDefaults`)',
    '',
    `Every ${code(p.serviceResponseTypes.referralFromOscar)} row without an option in ${code(f.serviceReferralStatus)} gets ${code(p.serviceReferralStatusOptions.pending)}, so ${w.primeroSide} sees it awaiting a decision.`,
  ].join('\n')
}
