import type { CaseMatch, PrimeroCase, PrimeroError } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from '../context.js'
import type { FlowName } from '../report.js'
import type { RetryAt } from '../runState.js'

/** The match's key: the same keys and values, in any order, are one lookup. */
const lookupKey = (match: CaseMatch): string =>
  JSON.stringify(Object.entries(match).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/**
 * `findCases(match)`, once per run for each match (flows 0 and 2 both look a child up);
 * a case this run wrote since is answered as it now stands.
 */
const sharedLookup = async (
  ctx: RunContext,
  flow: FlowName,
  match: CaseMatch,
): Promise<E.Either<PrimeroError, ReadonlyArray<PrimeroCase>>> => {
  const key = lookupKey(match)
  let lookup = ctx.lookups.get(key)
  if (lookup === undefined) {
    lookup = ctx.ports(flow).primero.findCases(match)()
    ctx.lookups.set(key, lookup)
  }
  const found = await lookup
  return E.map((cases: ReadonlyArray<PrimeroCase>) => cases.map((c) => ctx.written.get(c.id) ?? c))(
    found,
  )
}

/**
 * A case this run holds answers a later lookup of its `case_id` (ids are unique: see
 * INTEGRATION.md): a child linked in this run is read again from OSCaR with that id, and
 * needs no second lookup of the case the run just created or read.
 */
export const holdCase = (ctx: RunContext, kase: PrimeroCase): void => {
  if (typeof kase.case_id !== 'string' || kase.case_id === '') return
  const key = lookupKey({ case_id: kase.case_id })
  if (!ctx.lookups.has(key)) ctx.lookups.set(key, Promise.resolve(E.right([kase])))
}

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
  const found = await sharedLookup(ctx, flow, match)
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
