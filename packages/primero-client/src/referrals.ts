/** Referrals: a case's transitions to another user, each pointing at one service row. */
import * as A from 'fp-ts/lib/Array.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { casePath } from './cases.js'
import { ArrayEnvelope, DataEnvelope } from './codecs/Envelope.js'
import type { PrimeroReferralCreate, PrimeroReferralUpdate } from './codecs/Referral.js'
import { PrimeroReferral } from './codecs/Referral.js'
import type { PrimeroError } from './errors.js'
import { NotFound, TransitionRejected } from './errors.js'
import { decode, siteOf } from './http.js'
import type { ApiContext } from './request.js'

const referralsPath = (caseId: string): string => `${casePath(caseId)}/referrals`
const referralPath = (caseId: string, id: string): string =>
  `${referralsPath(caseId)}/${encodeURIComponent(id)}`

/** The referrals of one case, or the error that stopped their read. */
export interface CaseReferrals {
  readonly caseId: string
  readonly referrals: E.Either<PrimeroError, ReadonlyArray<PrimeroReferral>>
}

/** `GET /api/v2/cases/:id/referrals` (not paged), every referral decoded. */
export const listReferrals =
  (ctx: ApiContext) =>
  (caseId: string): TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroReferral>> => {
    const path = referralsPath(caseId)
    return pipe(
      ctx.send({ method: 'GET', path }),
      TE.chainEitherKW((r) => decode(ArrayEnvelope, r.body, { method: 'GET', path })),
      TE.chainEitherKW(({ data }) =>
        A.traverse(E.Applicative)((u: unknown) =>
          decode(PrimeroReferral, u, siteOf({ method: 'GET', path }, u)),
        )(data),
      ),
    )
  }

/**
 * The referrals of many cases, at most `concurrency` requests at once (the client's
 * bound). One case's failure is reported with that case and does not stop the others.
 */
export const listReferralsMany =
  (ctx: ApiContext) =>
  (caseIds: ReadonlyArray<string>): T.Task<ReadonlyArray<CaseReferrals>> =>
  () =>
    Promise.all(
      caseIds.map(async (caseId) => ({ caseId, referrals: await listReferrals(ctx)(caseId)() })),
    )

/** `POST /api/v2/cases/:id/referrals`: creates a referral in status `in_progress`. */
export const createReferral =
  (ctx: ApiContext) =>
  (caseId: string, data: PrimeroReferralCreate): TE.TaskEither<PrimeroError, PrimeroReferral> => {
    const path = referralsPath(caseId)
    return pipe(
      ctx.send({ method: 'POST', path, json: { data } }),
      TE.chainEitherKW((r) => decode(DataEnvelope, r.body, { method: 'POST', path })),
      TE.chainEitherKW(({ data: u }) => decode(PrimeroReferral, u, { method: 'POST', path })),
    )
  }

/**
 * `PATCH /api/v2/cases/:case_id/referrals/:id`. Primero answers 200 to a transition it
 * does not allow and changes nothing, so the status is checked: from the answer when it
 * carries the referral, else by reading the case's referrals back.
 */
export const updateReferral =
  (ctx: ApiContext) =>
  (
    caseId: string,
    referralId: string,
    update: PrimeroReferralUpdate,
  ): TE.TaskEither<PrimeroError, PrimeroReferral> => {
    const path = referralPath(caseId, referralId)
    const readBack = pipe(
      listReferrals(ctx)(caseId),
      TE.chain((all) => {
        const found = all.find((r) => r.id === referralId)
        return found === undefined
          ? TE.left<PrimeroError, PrimeroReferral>(NotFound({ method: 'GET', path }))
          : TE.right(found)
      }),
    )
    return pipe(
      ctx.send({ method: 'PATCH', path, json: { data: update } }),
      TE.chain((r) => {
        const answered = pipe(
          DataEnvelope.decode(r.body),
          E.chainW(({ data }) => PrimeroReferral.decode(data)),
        )
        return E.isRight(answered) && answered.right.id === referralId
          ? TE.right(answered.right)
          : readBack
      }),
      TE.chain((referral) =>
        referral.status === update.status
          ? TE.right(referral)
          : TE.left(
              TransitionRejected({ caseId, referralId, from: referral.status, to: update.status }),
            ),
      ),
    )
  }
