import type { CaseMatch, PrimeroCase } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import type { FlowName } from '../report.js'
import type { RetryAt } from '../runState.js'

/**
 * The one Primero case matching `match` (verified field by field by the client),
 * `undefined` when there is none, or 'failed' once the failure has been reported.
 */
export const findOne = async (
  ctx: RunContext,
  flow: FlowName,
  recordId: string,
  match: CaseMatch,
  retry: RetryAt,
): Promise<PrimeroCase | undefined | 'failed'> => {
  const found = await ctx.ports(flow).primero.findCases(match)()
  if (E.isLeft(found)) {
    ctx.fail(flow, recordId, found.left._tag, found.left.message, retry)
    return 'failed'
  }
  const [first, ...more] = found.right
  if (more.length > 0) {
    const ids = found.right.map((c) => c.case_id ?? c.id).join(', ')
    const message = `${found.right.length} Primero cases match (${ids})`
    ctx.fail(flow, recordId, 'AmbiguousMatch', message, retry)
    return 'failed'
  }
  return first
}
