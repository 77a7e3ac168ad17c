import type { PrimeroError, PrimeroReferral } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import type { FlowName } from '../report.js'

type Read = E.Either<PrimeroError, ReadonlyArray<PrimeroReferral>>

/**
 * The referrals of a case, read once per run: flow 1 reads them to send new referrals,
 * flow 2 to apply an NGO's decision on one. A run that writes a referral forgets its read
 * (`forgetReferrals`).
 */
export const readReferrals = async (
  ctx: RunContext,
  flow: FlowName,
  caseId: string,
): Promise<Read> => {
  const known = ctx.referralReads.get(caseId)
  if (known !== undefined) return E.right(known)
  const reading = ctx.referralsReading.get(caseId)
  if (reading !== undefined) return reading
  const read = ctx
    .ports(flow)
    .primero.listReferrals(caseId)()
    .then((r) => {
      if (E.isRight(r)) {
        for (const referral of r.right) ctx.name(referral.id, 'referralId')
        // Held packed once read; a failed read stays on its way (the run does not ask again).
        if (ctx.referralsReading.get(caseId) === read) {
          ctx.referralsReading.delete(caseId)
          ctx.referralReads.set(caseId, r.right)
        }
      }
      return r
    })
  ctx.referralsReading.set(caseId, read)
  return read
}

/** The case's referrals changed (this run wrote one): the next use reads them again. */
export const forgetReferrals = (ctx: RunContext, caseId: string): void => {
  ctx.referralReads.delete(caseId)
  ctx.referralsReading.delete(caseId)
}
