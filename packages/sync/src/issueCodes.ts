/**
 * Every code a sync issue can carry: the mapping's codes, the clients' error tags, the
 * sync's own codes and the codes of a run that failed as a whole. One union, so a report
 * reader can switch over it, and a new code shows up where it is handled.
 */
import type { MappingIssueCode } from '@primero-interop/mappings'
import type { OscarError } from '@primero-interop/oscar-client'
import type { PrimeroError } from '@primero-interop/primero-client'

import type { SyncErrorCode } from './errors.js'

/** The sync's own codes, with what each means (for reports and the documentation). */
export const syncIssueCodeDescriptions = {
  OUTCOME_UNKNOWN:
    'a referral may or may not be in OSCaR (its answer was lost): never resent, reconcile by hand',
  OUTCOME_CONFIRMED:
    "a referral whose outcome was unknown is in OSCaR: OSCaR's read shows the child at that NGO",
  RETRY_SCHEDULED: 'the record failed before and waits for its next attempt',
  FIELD_NOT_WRITABLE: "Primero did not store a field: the API user's role may not write it",
  CASE_NOT_FOUND: 'an OSCaR child names a Primero case that does not exist: nothing created',
  NOT_FOUND: 'no Primero case carries the OSCaR child: nothing to update',
  DECODE_FAILED: 'a record did not match its codec: reported by id or by its place in the answer',
  FIELD_DROPPED:
    'a field Primero or OSCaR sent could not be read: left out, the rest of the record synced',
  FIELD_REPAIRED: 'a field was read in an odd form and repaired (e.g. a date written 2012-1-5)',
  CHILD_AT_NGO_UNSEEN:
    'the NGO holds the child under a global id no OSCaR read has shown: retried until one does',
  DECISION_NGO_AMBIGUOUS:
    'the child is in two NGOs: OSCaR could apply the decision to the wrong referral; parked',
  SECOND_GLOBAL_ID: 'OSCaR holds the child under a second global id; the case keeps the oldest',
  LINKED_REREAD_FAILED: 'a child linked in this run could not be read again: its services wait',
} as const

export type SyncOwnIssueCode = keyof typeof syncIssueCodeDescriptions

/** Every code a `SyncIssue` may carry. */
export type SyncIssueCode =
  MappingIssueCode | PrimeroError['_tag'] | OscarError['_tag'] | SyncOwnIssueCode | SyncErrorCode

/** For a `switch` that must handle every case: fails to compile when one is missing. */
export const assertNever = (value: never): never => {
  throw new TypeError(`unhandled case: ${String((value as { _tag?: unknown })._tag ?? value)}`)
}
