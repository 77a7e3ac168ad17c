import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { OscarLinkUpdate, OscarReferralStatusUpdate } from '../codecs/Payloads.js'
import type { OscarError } from '../errors.js'
import type { Requester } from '../http/request.js'
import type { WriteResult } from './sendInBatches.js'
import { sendInBatches } from './sendInBatches.js'

/** Links per `update_links` request: far below the ~1 MB body limit of OSCaR's proxy. */
export const LINKS_PER_REQUEST = 200

/**
 * `PUT /api/v1/organizations/clients/update_links`: writes Primero's ids onto OSCaR
 * children. Idempotent, so retried; OSCaR skips unknown `global_id`s silently and does not
 * touch `updated_at`. Empty input sends nothing.
 */
export const updateLinks =
  (request: Requester) =>
  (links: ReadonlyArray<OscarLinkUpdate>): TE.TaskEither<OscarError, WriteResult> =>
  () =>
    sendInBatches(
      request,
      { method: 'PUT', path: 'api/v1/organizations/clients/update_links' },
      OscarLinkUpdate,
      LINKS_PER_REQUEST,
    )(links)

/** Statuses per `update_statuses` request (a refused request is resent item by item). */
export const STATUSES_PER_REQUEST = 100

/**
 * `PUT /api/v1/organizations/referrals/update_statuses`, in order, `STATUSES_PER_REQUEST`
 * items per request. OSCaR applies items one by one without a transaction and its 422
 * does not say which item failed, so a refused request is sent again one item per
 * request: the items before the refused one are set again (setting a status is
 * idempotent) and the answer names the one refused. On a failure at item `i`, the error
 * carries `failedIndex: i` and `applied: i` (items 0…i-1 took effect; later items were
 * not sent). Each request is retried on network errors, timeouts, 5xx and 429. Empty
 * input sends nothing.
 */
export const updateReferralStatuses =
  (request: Requester) =>
  (updates: ReadonlyArray<OscarReferralStatusUpdate>): TE.TaskEither<OscarError, WriteResult> =>
  async () => {
    const send = (size: number, from?: number) =>
      sendInBatches(request, statusesWire, OscarReferralStatusUpdate, size, from)(updates)
    const batched = await send(STATUSES_PER_REQUEST)
    if (E.isRight(batched) || batched.left._tag !== 'Rejected') return batched
    // The refused request's items again, from its first, one by one.
    return send(1, batched.left.failedIndex ?? 0)
  }

const statusesWire = {
  method: 'PUT',
  path: 'api/v1/organizations/referrals/update_statuses',
} as const
