/** Referrals: a case's transitions to another user, each pointing at one service row. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import type { RejectedRecord, RepairedRecord } from './casePage.js'
import { logRepaired, rawId } from './casePage.js'
import { casePath } from './cases.js'
import { ArrayEnvelope, DataEnvelope } from './codecs/Envelope.js'
import type { PrimeroReferralCreate, PrimeroReferralUpdate } from './codecs/Referral.js'
import { PrimeroReferral } from './codecs/Referral.js'
import type { PrimeroError } from './errors.js'
import { DecodeError, NotFound, TransitionRejected } from './errors.js'
import { decode } from './http.js'
import { referralRules } from './repairs.js'
import type { ApiContext } from './request.js'
import { decodeTolerant } from './tolerant.js'

const referralsPath = (caseId: string): string => `${casePath(caseId)}/referrals`
const referralPath = (caseId: string, id: string): string =>
  `${referralsPath(caseId)}/${encodeURIComponent(id)}`

/**
 * The referrals of one case, or the error that stopped their read; `repaired` names the
 * referrals read with a field repaired or left out (empty when the read failed).
 */
export interface CaseReferrals {
  readonly caseId: string
  readonly referrals: E.Either<PrimeroError, ReadonlyArray<PrimeroReferral>>
  readonly repaired: ReadonlyArray<RepairedRecord>
}

/**
 * A case's referrals, each decoded on its own and tolerantly: `rejected` names those
 * without a usable `id`, `repaired` those read with a field repaired or left out.
 */
export interface ReferralsRead {
  readonly referrals: ReadonlyArray<PrimeroReferral>
  readonly rejected: ReadonlyArray<RejectedRecord>
  readonly repaired: ReadonlyArray<RepairedRecord>
}

/** Decodes one referral tolerantly: refused (with its failing paths) only without a string `id`. */
export const decodeReferral = decodeTolerant(
  PrimeroReferral,
  referralRules,
  (u) => typeof u['id'] === 'string',
)

const splitReferrals = (data: ReadonlyArray<unknown>): ReferralsRead => {
  const referrals: PrimeroReferral[] = []
  const rejected: RejectedRecord[] = []
  const repaired: RepairedRecord[] = []
  data.forEach((raw, index) => {
    const result = decodeReferral(raw)
    if (E.isLeft(result)) {
      const id = rawId(raw)
      rejected.push({ index, ...(id === undefined ? {} : { id }), paths: result.left })
      return
    }
    const { value, paths, dropped } = result.right
    referrals.push(value)
    if (paths.length > 0) repaired.push({ index, id: value.id, paths, dropped })
  })
  return { referrals, rejected, repaired }
}

/** `GET /api/v2/cases/:id/referrals` (not paged), each referral decoded on its own. */
export const readReferrals =
  (ctx: ApiContext) =>
  (caseId: string): TE.TaskEither<PrimeroError, ReferralsRead> => {
    const path = referralsPath(caseId)
    return pipe(
      ctx.send({ method: 'GET', path }),
      TE.chainEitherKW((r) => decode(ArrayEnvelope, r.body, { method: 'GET', path })),
      TE.map(({ data }) => {
        const read = splitReferrals(data)
        logRepaired(ctx.config.logger, 'referral', read.repaired)
        return read
      }),
    )
  }

/** A read with a rejected referral fails with a `DecodeError` naming the first one. */
const strictly =
  (path: string) =>
  (read: ReferralsRead): E.Either<PrimeroError, ReadonlyArray<PrimeroReferral>> => {
    const [first] = read.rejected
    if (first === undefined) return E.right(read.referrals)
    const id = first.id === undefined ? {} : { id: first.id }
    return E.left(
      DecodeError({ codec: 'PrimeroReferral', paths: first.paths, method: 'GET', path, ...id }),
    )
  }

/**
 * `GET /api/v2/cases/:id/referrals` (not paged), every referral decoded tolerantly: a
 * referral without a usable `id` fails the read (`DecodeError`), as it cannot be acted on.
 */
export const listReferrals =
  (ctx: ApiContext) =>
  (caseId: string): TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroReferral>> =>
    pipe(readReferrals(ctx)(caseId), TE.chainEitherKW(strictly(referralsPath(caseId))))

/**
 * The referrals of many cases, at most `concurrency` requests at once (the client's
 * bound). One case's failure is reported with that case and does not stop the others.
 */
export const listReferralsMany =
  (ctx: ApiContext) =>
  (caseIds: ReadonlyArray<string>): T.Task<ReadonlyArray<CaseReferrals>> =>
  () =>
    Promise.all(
      caseIds.map(async (caseId) => {
        const read = await readReferrals(ctx)(caseId)()
        const referrals = E.chain(strictly(referralsPath(caseId)))(read)
        const repaired = E.isRight(read) && E.isRight(referrals) ? read.right.repaired : []
        return { caseId, referrals, repaired }
      }),
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
              TransitionRejected({
                caseId,
                referralId,
                from: referral.status ?? 'unknown',
                to: update.status,
              }),
            ),
      ),
    )
  }
