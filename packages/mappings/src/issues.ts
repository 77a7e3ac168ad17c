import * as E from 'fp-ts/lib/Either.js'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'
import * as t from 'io-ts'

/**
 * What went wrong with one record, as a machine code. A `MappingIssue` carries one.
 *
 * @example
 * MappingIssueCode.is('UNKNOWN_PROVINCE') // true
 */
export const MappingIssueCode = t.keyof(
  {
    UNKNOWN_PROVINCE: null,
    PROVINCE_FROM_NGO_ADDRESS: null,
    UNKNOWN_SERVICE: null,
    UNKNOWN_AGENCY: null,
    UNKNOWN_STATUS: null,
    UNKNOWN_RISK_LEVEL: null,
    INVALID_DATE: null,
    INVALID_LOCATION: null,
    INVALID_ROW_ID: null,
    NO_CONSENT: null,
    NO_CONSENT_EVIDENCE: null,
    UNMATCHED_DECISION: null,
    MISSING_ID: null,
    MISSING_SERVICE_ROW: null,
    CASE_MISMATCH: null,
    DUPLICATE_SERVICE: null,
  },
  'MappingIssueCode',
)
export type MappingIssueCode = t.TypeOf<typeof MappingIssueCode>

/**
 * One problem with one record. `message` and `path` carry ids, codes and field paths,
 * never a value that could be a child's data (names, birth dates, phones, notes).
 */
export interface MappingIssue {
  readonly code: MappingIssueCode
  /** Where in the input record, e.g. `services_section[2].service_subtype`. */
  readonly path: string
  /** The id of the record concerned: a case id, referral id, global_id or row unique_id. */
  readonly recordId?: string
  readonly message: string
}

/** A record that cannot be mapped: at least one issue says why. */
export interface MappingFailure {
  readonly issues: NonEmptyArray<MappingIssue>
}

/** A mapped value, with the issues that did not stop it (each is worth reporting). */
export interface Mapped<A> {
  readonly value: A
  readonly warnings: ReadonlyArray<MappingIssue>
}

/** What every record mapper returns. */
export type MappingResult<A> = E.Either<MappingFailure, Mapped<A>>

/** Builds an issue, leaving `recordId` out when there is none. */
export const issue = (
  code: MappingIssueCode,
  path: string,
  message: string,
  recordId?: string | null,
): MappingIssue =>
  recordId === undefined || recordId === null || recordId === ''
    ? { code, path, message }
    : { code, path, recordId, message }

/** A failed mapping with one or more issues. */
export const fail = (
  first: MappingIssue,
  ...rest: MappingIssue[]
): E.Either<MappingFailure, never> => E.left({ issues: [first, ...rest] })

/** A successful mapping. */
export const ok = <A>(value: A, warnings: ReadonlyArray<MappingIssue> = []): MappingResult<A> =>
  E.right({ value, warnings })

/** What each issue code means, for reports and the mapping sheet. */
export const issueCodeDescriptions: Readonly<Record<MappingIssueCode, string>> = {
  UNKNOWN_PROVINCE: "The child's location names no configured province, or is missing.",
  PROVINCE_FROM_NGO_ADDRESS:
    "The child has no usable location: the owner's province was taken from the NGO's address (a warning).",
  UNKNOWN_SERVICE: 'A service subtype or OSCaR service name the taxonomy does not know.',
  UNKNOWN_AGENCY:
    'An organisation or implementing agency that is not a configured NGO: an administrator adds its short name to agencies.known.',
  UNKNOWN_STATUS: 'A referral status the status maps do not know.',
  UNKNOWN_RISK_LEVEL: 'A risk level the risk table does not know; the default was used.',
  INVALID_DATE: 'A date that is not a calendar date, even after repair.',
  INVALID_LOCATION: 'A location code that is not a string of digits.',
  INVALID_ROW_ID:
    'A service row whose unique_id is not a lowercase uuid (Primero would refuse it).',
  NO_CONSENT: 'The case fails the consent policy: nothing of it leaves Primero.',
  NO_CONSENT_EVIDENCE: 'No consent form in OSCaR: consent is not asserted in Primero.',
  UNMATCHED_DECISION: "An NGO's decision that matches no service row of the Primero case.",
  MISSING_ID: 'A join key (case_id, oscar_number, global_id, OSCaR referral id) is missing.',
  MISSING_SERVICE_ROW: 'A referral whose service_record_id names no row of the case.',
  CASE_MISMATCH: 'The Primero case given is not the one the OSCaR client names.',
  DUPLICATE_SERVICE: 'Two OSCaR services of one child map to the same row; the first is kept.',
}
