import type { PrimeroError, PrimeroReferral } from '@primero-interop/primero-client'
import type * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import type { FlowName } from '../report.js'

type Read = E.Either<PrimeroError, ReadonlyArray<PrimeroReferral>>

/**
 * The referrals of a case, read once per run: flow 1 reads them to send new referrals,
 * flow 2 to apply an NGO's decision on one. A run that writes a referral forgets its read
 * (`forgetReferrals`).
 */
export const readReferrals = (ctx: RunContext, flow: FlowName, caseId: string): Promise<Read> => {
  const known = ctx.referralReads.get(caseId)
  if (known !== undefined) return known
  const read = ctx
    .ports(flow)
    .primero.listReferrals(caseId)()
    .then((r) => {
      if (r._tag === 'Right') for (const referral of r.right) ctx.name(referral.id, 'referralId')
      return r
    })
  ctx.referralReads.set(caseId, read)
  return read
}

/** The case's referrals changed (this run wrote one): the next use reads them again. */
export const forgetReferrals = (ctx: RunContext, caseId: string): void => {
  ctx.referralReads.delete(caseId)
}
