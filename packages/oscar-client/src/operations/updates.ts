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

/**
 * `PUT /api/v1/organizations/referrals/update_statuses`, one item per request, in order.
 * OSCaR applies items one by one without a transaction and its 422 does not say which
 * item failed; sending them singly makes the answer name it. On a failure at item `i`,
 * the error carries `failedIndex: i` and `applied: i` (items 0…i-1 took effect; later
 * items were not sent). Setting a status is idempotent, so each item is retried on
 * network errors, timeouts, 5xx and 429. Empty input sends nothing.
 */
export const updateReferralStatuses =
  (request: Requester) =>
  (updates: ReadonlyArray<OscarReferralStatusUpdate>): TE.TaskEither<OscarError, WriteResult> =>
  () =>
    sendInBatches(
      request,
      { method: 'PUT', path: 'api/v1/organizations/referrals/update_statuses' },
      OscarReferralStatusUpdate,
      1,
    )(updates)
