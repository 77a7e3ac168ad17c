import { pendingDefaults } from '@primero-interop/mappings'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'

const FLOW = 'pending-defaults'

/** Flow 3 for one case: NGO referrals without a decision are marked pending. */
export const markPending = async (ctx: RunContext, recordId: string): Promise<void> => {
  ctx.count(FLOW, 'read')
  const retry = { id: recordId }
  const { primero } = ctx.ports(FLOW)
  const kase = await primero.getCase(recordId)()
  if (E.isLeft(kase)) return ctx.fail(FLOW, recordId, kase.left._tag, kase.left.message, retry)
  const ref = kase.right.case_id ?? recordId
  const mapped = pendingDefaults(kase.right, ctx.config)
  if (E.isLeft(mapped)) {
    const [first] = mapped.left.issues
    return ctx.fail(FLOW, ref, first.code, first.message, retry)
  }
  const wanted = mapped.right.value
  const { patch, fields } = ctx.casePatch(kase.right, wanted ?? {})
  if (fields.length === 0) {
    ctx.count(FLOW, 'unchanged')
    return ctx.succeed(FLOW, recordId)
  }
  const result = await primero.updateCase(recordId, patch)()
  if (E.isLeft(result)) return ctx.fail(FLOW, ref, result.left._tag, result.left.message, retry)
  ctx.checkStored(FLOW, ref, patch, result.right)
  ctx.count(FLOW, 'updated')
  ctx.succeed(FLOW, recordId)
}
