import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { failingPaths } from '../codecs/common.js'
import { OscarUpsert } from '../codecs/Payloads.js'
import { OscarWriteAnswer } from '../codecs/Responses.js'
import type { OscarError } from '../errors.js'
import {
  DecodeError,
  isHttpError,
  isNonJsonResponse,
  isRejected,
  OutcomeUnknown,
} from '../errors.js'
import type { Answer, Requester } from '../http/request.js'
import type { Wire } from '../http/wire.js'
import { redactPath } from '../http/wire.js'

/** OSCaR's answer to an upsert: the Primero id it echoes (if any) and its message. */
export interface UpsertResult {
  readonly externalId?: string
  readonly message: string
}

const wire: Wire = { method: 'POST', path: 'api/v1/organizations/clients/upsert' }
const where = { method: wire.method, path: redactPath(wire) }

/** The payload as sent: checked, normalised (`null` text → `""`), unknown keys stripped. */
export const encodeUpsert = (payload: OscarUpsert): E.Either<OscarError, OscarUpsert> =>
  pipe(
    OscarUpsert.decode(payload),
    E.bimap(
      (errors) => new DecodeError({ ...where, paths: failingPaths(errors) }),
      OscarUpsert.encode,
    ),
  )

const readAnswer = (answer: Answer): E.Either<OscarError, UpsertResult> => {
  const body = answer.body.kind === 'json' ? answer.body.value : undefined
  // A 2xx means OSCaR acted on it: an unreadable one cannot say how, so it is not a success.
  if (!OscarWriteAnswer.is(body))
    return E.left(new OutcomeUnknown({ ...where, reason: 'unreadable-response' }))
  const externalId =
    typeof body.external_id === 'string' && body.external_id !== '' ? body.external_id : undefined
  return E.right({
    ...(externalId === undefined ? {} : { externalId }),
    message: typeof body.message === 'string' ? body.message : '',
  })
}

/**
 * OSCaR saves a referral carrying a `global_id` it never minted, then fails looking that
 * id up (an HTML 500): a 5xx to such an upsert may have taken effect. Without a
 * `global_id`, its 5xx pages (an unknown organisation) come before any write.
 */
const serverErrorAfterSave =
  (organization: OscarUpsert) =>
  (error: OscarError): OscarError => {
    if ((organization.global_id ?? '').trim() === '') return error
    if ((isNonJsonResponse(error) || isHttpError(error)) && error.status >= 500)
      return new OutcomeUnknown({ ...where, reason: 'server-error' })
    // Path 1 opens the referral before it updates the child: a child update refused on
    // `gender` comes after the referral was saved.
    if (organization.is_referred === true && isRejected(error) && error.fields.includes('gender'))
      return new OutcomeUnknown({ ...where, reason: 'rejected-after-save' })
    return error
  }

/**
 * `POST /api/v1/organizations/clients/upsert`. Sent at most once unless the request
 * provably never left (connection refused, DNS failure, connect timeout): OSCaR creates a
 * second referral when the same upsert arrives twice. A timeout or a connection lost after
 * sending is `OutcomeUnknown`, and so is a 5xx to an upsert carrying a `global_id`; a 422
 * is `Rejected`; an unknown organisation is OSCaR's 500 HTML page, a `NonJsonResponse`. A 401 is answered before OSCaR acts, so it is resent once
 * after signing in again.
 */
export const upsertClient =
  (request: Requester) =>
  (payload: OscarUpsert): TE.TaskEither<OscarError, UpsertResult> =>
    pipe(
      TE.fromEither(encodeUpsert(payload)),
      TE.chain((organization) =>
        pipe(
          () => request({ ...wire, json: { organization }, mode: 'once' }),
          TE.mapLeft(serverErrorAfterSave(organization)),
        ),
      ),
      TE.chainEitherK(readAnswer),
    )
