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
    /** The child's location names no province of the configuration (or is empty). */
    UNKNOWN_PROVINCE: null,
    /** A service subtype or OSCaR service name the taxonomy does not know. */
    UNKNOWN_SERVICE: null,
    /** An organisation or implementing agency that is not a configured NGO. */
    UNKNOWN_AGENCY: null,
    /** A referral status the status maps do not know. */
    UNKNOWN_STATUS: null,
    /** A risk level the risk table does not know (the configured default was sent). */
    UNKNOWN_RISK_LEVEL: null,
    /** A date that is not a calendar date, even after repair. */
    INVALID_DATE: null,
    /** A location code that is not a string of digits. */
    INVALID_LOCATION: null,
    /** A subform row whose `unique_id` is not a lowercase uuid: Primero would answer 422. */
    INVALID_ROW_ID: null,
    /** The case fails the consent policy: nothing of it leaves Primero. */
    NO_CONSENT: null,
    /** An OSCaR client without a consent form: consent is not asserted in Primero. */
    NO_CONSENT_EVIDENCE: null,
    /** An NGO decision that matches no service row of the Primero case. */
    UNMATCHED_DECISION: null,
    /** A join key (case_id, oscar_number, referral id, …) is missing. */
    MISSING_ID: null,
    /** A referral whose `service_record_id` names no row of the case. */
    MISSING_SERVICE_ROW: null,
    /** The Primero case given is not the one the OSCaR client names. */
    CASE_MISMATCH: null,
    /** Two OSCaR services of one child map to the same Primero row (the first is kept). */
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
