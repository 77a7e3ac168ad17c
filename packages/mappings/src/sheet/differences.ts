import type { MappingConfig } from '../config/MappingConfig.js'
import { fillPattern } from '../util.js'
import { code } from './markdown.js'

const item = (title: string, verdict: string, text: string): string =>
  `- **${title}** (${verdict}). ${text}`

/**
 * How this library differs from the production OpenFn jobs, kept or fixed, and why. The
 * words come from the configuration where the difference is specific to it.
 */
export const differencesSection = (c: MappingConfig, jobs: string): string => {
  const f = c.primero.fieldIds
  const org = '<org>'
  const agency = code(fillPattern(c.agencies.idPattern, org))
  const user = code(fillPattern(c.agencies.userPattern, org))
  const atLeast = Object.entries(c.riskLevels.outboundAtLeast ?? {})
  const risk =
    atLeast.length === 0
      ? 'This configuration names no Primero level OSCaR lacks: an unknown level is sent as the default and reported.'
      : `Here ${atLeast.map(([p, o]) => `${code(p)} goes out as ${code(o)}`).join(', ')}, the nearest OSCaR level at least as high; a configuration that would send a level lower than a level below it is refused.`
  return [
    '## Differences from the production jobs',
    '',
    `Compared field by field with the production OpenFn jobs (${jobs}). "Kept": this library does what the jobs did right. "Fixed": it deliberately does otherwise. The eight defects of the jobs listed in the integration specification are fixed, each with a regression test.`,
    '',
    item(
      'One upsert per service row and NGO',
      'kept',
      'The jobs sent one upsert per referred row however many referrals pointed at it; so does this library. The newest `in_progress` referral stands for the row (its id and notes); the ids of all of them come back beside the payload, and the row id and the NGO are the key of the ledger of what was sent.',
    ),
    item(
      'Consent',
      'fixed',
      "The jobs sent referrals without a consent check. Here a referral goes when it passes Primero's own rule, `Transition#consent_given_or_overridden`: the case gives consent, or the referral records `consent_overridden` (Primero lets a user allowed to override consent make such a referral). A case without consent whose referral was overridden is therefore not blocked.",
    ),
    item(
      'Province of a referral without a location',
      'kept',
      "As the jobs did, a referred child without a location is owned by the user of the province of the NGO's address (`organization_address_code`); it is reported (`PROVINCE_FROM_NGO_ADDRESS`) so the source is known, and the NGO's address is never written as the child's location. A child's own code that names an unconfigured province still fails (`UNKNOWN_PROVINCE`): that is a gap in the province table, not a missing location.",
    ),
    item(
      "OSCaR's status of a case Primero referred",
      'kept',
      'The jobs wrote `oscar_status` and `oscar_reason_for_exiting` with every decision that matched a row; here they are written whenever they change, whether or not a row matches. An empty OSCaR value is not written (the stored value stays).',
    ),
    item(
      "The NGO's worker on the accepted row",
      'kept, narrowed',
      `As the jobs did, the row of an accepted referral gets the NGO case worker's name (${code(f.serviceCaseWorkerName)}) and phone (${code(f.serviceCaseWorkerPhone)}), the NGO ${agency} (${code(f.serviceReferringAgency)}) and OSCaR's referral notes (${code(f.serviceReferralNotesFromOscar)}) with its status. The jobs wrote them on rejected rows too; here only on accepted ones, where the NGO holds the child. The phone is never in an issue or a log.`,
    ),
    item(
      'Risk levels',
      'fixed',
      `The jobs sent a Primero level OSCaR does not know as it was, and wrote OSCaR's level over Primero's on every decision about a case Primero referred. ${risk} OSCaR's level is never written on a case Primero referred.`,
    ),
    item(
      'Dates',
      'fixed',
      'The jobs repaired only the five-digit year and passed anything else on. Here a year-first date is repaired (one-digit months and days, `/` or `.` separators, Khmer digits); what is still not a date is left out and reported with its field (`INVALID_DATE`), and the rest of the record still goes. A record is refused only when its ids are unusable.',
    ),
    item(
      'An NGO absent from the agency table',
      'kept as a refusal',
      `The jobs wrote rows with the agency ${agency} and left the case's \`owned_by\` unset. Here a new case from such an NGO that is not a referral is not written (\`UNKNOWN_AGENCY\`: no Primero user could own it); a referral from it is written, owned by its province, its rows without an agency; a referral to it is not sent. To add the NGO, an administrator adds its OSCaR short name to \`agencies.known\` in the configuration and creates the Primero agency ${agency} and user ${user}; the records are picked up when the sync next retries them.`,
    ),
    item(
      'A service row without a service type',
      'fixed',
      `The jobs left rows without \`service_type\` out of the upsert, so such a referral never reached OSCaR and nobody was told. Here the OSCaR name comes from the subtype; with no subtype either, ${code(c.placeholders.unknownServiceName)} is sent (OSCaR refuses it) and reported (\`UNKNOWN_SERVICE\`).`,
    ),
    item(
      'A nine-digit location code',
      'fixed',
      "The jobs sent it to OSCaR as it was and took its first two digits as the province. Location codes have 2, 4, 6 or 8 digits; nine digits are no code of any level, and their province would be a guess (the first two digits, or, zero-padded, another province). Here it is not a location code: sent empty, not written, reported (`INVALID_LOCATION`); a referral's owner then comes from the NGO's address.",
    ),
  ].join('\n')
}
