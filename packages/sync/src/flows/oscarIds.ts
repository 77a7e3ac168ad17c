import { idBackfill } from '@primero-interop/mappings'
import type { OscarClient } from '@primero-interop/oscar-client'
import type { CaseMatch } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import { findOne } from './findOne.js'

const FLOW = 'oscar-ids'

/** The lookup flow 0 makes for `client`, if any (for `prefetchLookup`). */
export const oscarIdsLookup = (ctx: RunContext, client: OscarClient): CaseMatch | undefined => {
  const mapped = idBackfill(client, ctx.config)
  return E.isRight(mapped) ? mapped.right.value?.match : undefined
}

/** Flow 0 for one client: make the Primero case it came from carry its OSCaR ids. */
export const oscarIdsToPrimero = async (
  ctx: RunContext,
  client: OscarClient,
  day: string,
): Promise<void> => {
  ctx.count(FLOW, 'read')
  if (ctx.waitingForRetry(FLOW, client.global_id, client.global_id)) return
  const retry = { id: client.global_id, day }
  const mapped = idBackfill(client, ctx.config)
  if (E.isLeft(mapped)) {
    const [first] = mapped.left.issues
    return ctx.fail(FLOW, client.global_id, first.code, first.message, retry)
  }
  const backfill = mapped.right.value
  if (backfill === undefined) return ctx.succeed(FLOW, client.global_id)
  const found = await findOne(ctx, FLOW, client.global_id, backfill.match, retry)
  if (found === 'failed') return
  if (found === undefined) {
    return ctx.skip(
      FLOW,
      client.global_id,
      'NOT_FOUND',
      `no Primero case with the client's external_id`,
    )
  }
  // OSCaR mints a second global id for a child when an NGO that did not hold it gets a
  // referral (it must go without the first id). The smallest id known, the oldest ULID,
  // is the case's oscar_number: whatever order the reads come in, it never flips.
  const current = found.oscar_number
  const smallest = [
    ...(typeof current === 'string' && current !== '' ? [current] : []),
    ...ctx.state.holdings.globalIdsOf(backfill.match.case_id ?? ''),
  ].sort()[0]
  if (smallest !== undefined && smallest < client.global_id) {
    ctx.count(FLOW, 'unchanged')
    ctx.issue(
      FLOW,
      client.global_id,
      'SECOND_GLOBAL_ID',
      `case ${found.case_id ?? found.id} keeps oscar_number ${smallest}; OSCaR also holds it as ${client.global_id}`,
    )
    return ctx.succeed(FLOW, client.global_id)
  }
  const { patch, fields } = ctx.casePatch(found, backfill.data)
  if (fields.length === 0) {
    ctx.count(FLOW, 'unchanged')
    return ctx.succeed(FLOW, client.global_id)
  }
  const result = await ctx.ports(FLOW).primero.updateCase(found.id, patch, found)()
  if (E.isLeft(result))
    return ctx.fail(FLOW, client.global_id, result.left._tag, result.left.message, retry)
  ctx.checkStored(FLOW, client.global_id, patch, result.right)
  ctx.refreshHeld(result.right)
  ctx.count(FLOW, 'updated')
  ctx.succeed(FLOW, client.global_id)
}
