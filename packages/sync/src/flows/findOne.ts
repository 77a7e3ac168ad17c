import type { CaseMatch, PrimeroCase, PrimeroError } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import type { RunContext } from '../context.js'
import type { PrimeroPort } from '../ports.js'
import type { FlowName } from '../report.js'
import type { RetryAt } from '../runState.js'

/** The match's key: the same keys and values, in any order, are one lookup. */
const lookupKey = (match: CaseMatch): string =>
  JSON.stringify(
    Object.entries(match)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flat(),
  )

type Lookup = E.Either<PrimeroError, ReadonlyArray<PrimeroCase>>
type BatchKey = 'case_id' | 'oscar_number'

/** Values per `findCasesByAny` search (the client's `maxValuesPerSearch`). */
export const LOOKUP_BATCH = 100

interface Waiting {
  readonly value: string
  readonly resolve: (found: Lookup) => void
  readonly reject: (thrown: unknown) => void
}

/**
 * Searches `findCasesByAny` has on their way per key at most: a lookup asked while one is
 * out waits for it to come back (or for `LOOKUP_BATCH` lookups), so lookups asked while
 * the run is busy writing join one search instead of going one by one.
 */
export const LOOKUPS_IN_FLIGHT = 1

/** The match's one key when it is `case_id` or `oscar_number` alone, with its value. */
const batchable = (match: CaseMatch): readonly [BatchKey, string] | undefined => {
  const entries = Object.entries(match).filter(([, v]) => v !== undefined)
  const [only, ...more] = entries
  if (only === undefined || more.length > 0) return undefined
  const [key, value] = only
  if (key !== 'case_id' && key !== 'oscar_number') return undefined
  return typeof value === 'string' && value !== '' ? [key, value] : undefined
}

/**
 * The lookups of one key (DataLoader-style): those asked in one turn of the event loop,
 * and while a search is out, go in one search, sent at the next turn (`setImmediate`) or
 * at once when `LOOKUP_BATCH` wait. Each lookup is answered with its value's cases, or
 * with the search's error: a failed search fails every lookup in it (each record is
 * retried as after a failed lookup), never "no match", which would create a duplicate.
 */
class KeyBatcher {
  private waiting: Waiting[] = []
  private port: PrimeroPort | undefined
  private inFlight = 0
  private scheduled = false

  constructor(private readonly key: BatchKey) {}

  lookup(port: PrimeroPort, value: string): Promise<Lookup> {
    return new Promise<Lookup>((resolve, reject) => {
      if (this.waiting.length === 0) this.port = port
      this.waiting.push({ value, resolve, reject })
      if (this.waiting.length >= LOOKUP_BATCH) this.send()
      else this.schedule()
    })
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= LOOKUPS_IN_FLIGHT) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      if (this.inFlight < LOOKUPS_IN_FLIGHT) this.send()
    })
  }

  private send(): void {
    const { waiting, port, key } = this
    this.waiting = []
    const search = port?.findCasesByAny
    if (waiting.length === 0 || search === undefined) return
    this.inFlight += 1
    const settled = (): void => {
      this.inFlight -= 1
      if (this.waiting.length > 0) this.schedule()
    }
    const fail = (thrown: unknown): void => {
      settled()
      for (const w of waiting) w.reject(thrown)
    }
    const answer = (
      found: E.Either<PrimeroError, ReadonlyMap<string, ReadonlyArray<PrimeroCase>>>,
    ) => {
      settled()
      for (const w of waiting) w.resolve(E.map(byValue(w.value))(found))
    }
    try {
      search(key, [...new Set(waiting.map((w) => w.value))])().then(answer, fail)
    } catch (thrown) {
      fail(thrown)
    }
  }
}

const byValue =
  (value: string) =>
  (found: ReadonlyMap<string, ReadonlyArray<PrimeroCase>>): ReadonlyArray<PrimeroCase> =>
    found.get(value) ?? []

/** Each run's batchers by key: a run's lookups are never batched with another run's. */
const batchers = new WeakMap<RunContext, Map<BatchKey, KeyBatcher>>()

/**
 * The lookup of `match` through its key's batcher: `undefined` when the match is not one
 * `case_id` or `oscar_number`, or the port cannot search several values (`findCases`).
 */
const batchedLookup = (
  ctx: RunContext,
  port: PrimeroPort,
  match: CaseMatch,
): Promise<Lookup> | undefined => {
  const one = batchable(match)
  if (one === undefined || port.findCasesByAny === undefined) return undefined
  const [key, value] = one
  let byKey = batchers.get(ctx)
  if (byKey === undefined) {
    byKey = new Map()
    batchers.set(ctx, byKey)
  }
  let batcher = byKey.get(key)
  if (batcher === undefined) {
    batcher = new KeyBatcher(key)
    byKey.set(key, batcher)
  }
  return batcher.lookup(port, value)
}

/**
 * `findCases(match)`, once per run for each match (flows 0 and 2 both look a child up);
 * a case this run wrote since is answered as it now stands. A match on `case_id` or
 * `oscar_number` alone joins the lookups asked in the same turn of the event loop in one
 * `findCasesByAny` search (`batchedLookup`) when the port has it.
 */
const sharedLookup = async (
  ctx: RunContext,
  flow: FlowName,
  match: CaseMatch,
): Promise<E.Either<PrimeroError, ReadonlyArray<PrimeroCase>>> => {
  const key = lookupKey(match)
  const known = ctx.found.get(key)
  if (known !== undefined) {
    const cases = known.flatMap((id) => ctx.cases.get(id) ?? [])
    // A case let go meanwhile (`forgetLookup` of another match): asked again, never
    // answered as "not there", which would create a second case.
    if (cases.length === known.length) return E.right(cases)
    ctx.found.delete(key)
  }
  let lookup = ctx.lookups.get(key)
  if (lookup === undefined) {
    const { primero } = ctx.ports(flow)
    const asked = batchedLookup(ctx, primero, match) ?? primero.findCases(match)()
    // Answered, it is held packed (`ctx.cases`, `ctx.found`); a failure stays here.
    lookup = asked.then((found) => {
      if (E.isRight(found) && ctx.lookups.get(key) === lookup) {
        for (const c of found.right) if (!ctx.written.has(c.id)) ctx.cases.set(c.id, c)
        ctx.found.set(
          key,
          found.right.map((c) => c.id),
        )
        ctx.lookups.delete(key)
      }
      return found
    })
    ctx.lookups.set(key, lookup)
  }
  const found = await lookup
  return E.map((cases: ReadonlyArray<PrimeroCase>) =>
    cases.map((c) => (ctx.written.has(c.id) ? (ctx.cases.get(c.id) ?? c) : c)),
  )(found)
}

/**
 * Starts the lookup of `match` now, so that a flow's lookups join full searches instead
 * of the few asked while the run is busy writing (see `eachChanged`). Its answer, or its
 * failure, waits in the run's lookups for the `findOne` that asks for it.
 */
export const prefetchLookup = (ctx: RunContext, flow: FlowName, match: CaseMatch): void => {
  sharedLookup(ctx, flow, match).catch(() => undefined)
}

/**
 * Drops the lookup of `match` once the last flow that asks for it (flow 2) is done with
 * its child: held for the whole run, the lookups were the most of a large run's memory.
 * A later ask (a second record of the same child) looks it up again, as does a lookup
 * whose case went with another match's.
 */
export const forgetLookup = (ctx: RunContext, match: CaseMatch): void => {
  const key = lookupKey(match)
  ctx.lookups.delete(key)
  // The cases it found go too, but those the run wrote (a later lookup, or flow 3, wants them).
  for (const id of ctx.found.get(key) ?? []) if (!ctx.written.has(id)) ctx.cases.delete(id)
  ctx.found.delete(key)
}

/**
 * Reads back a case this run created with our id (Primero answers its create with 204)
 * through the batched `oscar_number` lookups, which carry the read-backs asked meanwhile
 * in one search; by id when the search does not show it (an index not yet updated) or the
 * port cannot search several values. Never cached: the run's earlier lookup of that
 * `oscar_number` found nothing.
 */
export const readBackCreated =
  (ctx: RunContext, flow: FlowName, oscarNumber: unknown) =>
  (id: string): TE.TaskEither<PrimeroError, PrimeroCase> =>
  async () => {
    const { primero } = ctx.ports(flow)
    const search =
      typeof oscarNumber === 'string' && oscarNumber !== ''
        ? batchedLookup(ctx, primero, { oscar_number: oscarNumber })
        : undefined
    const found = await search?.catch(() => undefined)
    const created =
      found !== undefined && E.isRight(found) ? found.right.find((c) => c.id === id) : undefined
    return created === undefined ? primero.getCase(id)() : E.right(created)
  }

/**
 * A case this run holds answers a later lookup of its `case_id` (ids are unique: see
 * INTEGRATION.md): a child linked in this run is read again from OSCaR with that id, and
 * needs no second lookup of the case the run just created or read.
 */
export const holdCase = (ctx: RunContext, kase: PrimeroCase): void => {
  if (typeof kase.case_id !== 'string' || kase.case_id === '') return
  const key = lookupKey({ case_id: kase.case_id })
  if (ctx.lookups.has(key) || ctx.found.has(key)) return
  if (!ctx.written.has(kase.id)) ctx.cases.set(kase.id, kase)
  ctx.found.set(key, [kase.id])
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
