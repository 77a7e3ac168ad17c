/**
 * Resolving a referral whose outcome is unknown, by a person who looked in OSCaR. The sync
 * never resends such a referral by itself: OSCaR would open a second referral of the child.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { type SyncError, syncError } from './errors.js'
import { recordKey } from './state.js'
import type { StateStore } from './store.js'

/** What the person found: the referral is in OSCaR, or it is not (then it is sent again). */
export type ReferralOutcome = 'in-oscar' | 'not-in-oscar'

/**
 * Records what became of referral `referralId` (a Primero referral id, as the report's
 * `OUTCOME_UNKNOWN` issue names it). `in-oscar`: the ledger says sent. `not-in-oscar`: the
 * ledger forgets it and its case is read again by the next run, which sends it once.
 *
 * @example
 * await confirmReferral(fileStore('state.json'), 'b8c5…', 'in-oscar')()
 */
export const confirmReferral = (
  store: StateStore,
  referralId: string,
  outcome: ReferralOutcome,
): TE.TaskEither<SyncError, ReferralOutcome> => {
  const change = async (): Promise<E.Either<SyncError, ReferralOutcome>> => {
    const loaded = await store.load()()
    if (E.isLeft(loaded)) return loaded
    const state = loaded.right
    const found = Object.entries(state?.referrals ?? {}).find(
      ([key, e]) => e.status !== 'sent' && (e.referralId ?? key) === referralId,
    )
    if (state === undefined || found === undefined)
      return E.left(syncError('NOT_FOUND', `no referral ${referralId} waits for a confirmation`))
    const [key, entry] = found
    if (outcome === 'in-oscar') {
      state.referrals[key] = { ...entry, status: 'sent' }
    } else {
      delete state.referrals[key]
      // Its case is read again from the referral's creation, where it is new again.
      state.retries[recordKey('primero-to-oscar', entry.caseId)] = {
        flow: 'primero-to-oscar',
        id: entry.caseId,
        attempts: 0,
        next: 0,
        code: 'OUTCOME_UNKNOWN',
        since: entry.createdAt,
      }
    }
    const saved = await store.save(state)()
    return E.isLeft(saved) ? saved : E.right(outcome)
  }
  return async () => {
    const lock = store.lock === undefined ? undefined : await store.lock()()
    if (lock !== undefined && E.isLeft(lock)) return lock
    try {
      return await change()
    } finally {
      if (lock !== undefined) await lock.right()
    }
  }
}
