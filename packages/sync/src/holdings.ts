/**
 * Which NGOs hold which child, as OSCaR's reads have shown it. OSCaR has no endpoint that
 * says so, and two of its traps turn on it (API-OSCAR.md, "Multi-NGO traps"):
 * - an upsert carrying a `global_id` to an NGO that does not hold that child makes no
 *   referral: OSCaR updates the child in another NGO and still answers "Record saved.";
 * - `update_statuses` looks a referral id up in any one of the child's NGOs, and referral
 *   ids are numbered per NGO, so a decision on a child held by two NGOs may land on the
 *   wrong referral.
 * So the sync remembers, per `global_id`, the NGOs every read showed and the Primero case
 * the child carries. Ids and NGO short names only.
 */
import type { OscarClient } from '@primero-interop/oscar-client'

import { isUsableId } from './ids.js'
import { PackedMap } from './packed.js'
import type { Holding } from './state.js'

export interface Holdings {
  /** The `global_id` of the child of Primero case `caseId` at NGO `org`, if a read showed one. */
  readonly globalIdAt: (caseId: string, org: string) => string | undefined
  /** Every global id OSCaR reads have shown for Primero case `caseId`, smallest first. */
  readonly globalIdsOf: (caseId: string) => ReadonlyArray<string>
  /** The NGOs known to hold the child `globalId`. */
  readonly orgsOf: (globalId: string) => ReadonlyArray<string>
}

/**
 * A holdings table, and its index by case, as one run learns it. With `spill`, both are
 * held as spilling `PackedMap`s (at 90,000 children, as objects, they were 17 MiB).
 */
export class HoldingsTable implements Holdings {
  private readonly byId: PackedMap<Holding>
  /** Per case, every `[org, globalId, org, globalId, …]` pair the table shows. */
  private readonly byCase: PackedMap<string[]>

  constructor(
    table: Readonly<Record<string, Holding>>,
    options: { readonly spill?: boolean } = {},
  ) {
    this.byId = new PackedMap<Holding>(options)
    this.byCase = new PackedMap<string[]>(options)
    for (const [globalId, h] of Object.entries(table)) this.put(globalId, h, undefined)
  }

  /** Adds what `clients` show. */
  learn(clients: Iterable<OscarClient>): void {
    for (const c of clients) {
      const id = c.global_id
      const org = c.organization_name
      // The state keeps ids only: a field that should hold one but holds text is not kept.
      if (!isUsableId(id) || !isUsableId(org)) continue
      const before = this.byId.get(id)
      const orgs = before?.orgs.includes(org) ? before.orgs : [...(before?.orgs ?? []), org].sort()
      const caseId = isUsableId(c.external_id) ? c.external_id : before?.caseId
      this.put(id, caseId === undefined ? { orgs } : { orgs, caseId }, before)
    }
  }

  /** One child's entry as a saved table has it (a later entry for the child replaces it). */
  restore(globalId: string, holding: Holding): void {
    this.put(globalId, holding, this.byId.get(globalId))
  }

  /** Every child's entry. */
  entries(): IterableIterator<[string, Holding]> {
    return this.byId.entries()
  }

  /** The table as a record (own properties, so an id such as `__proto__` is a plain key). */
  table(): Record<string, Holding> {
    return Object.fromEntries(this.byId.entries())
  }

  get size(): number {
    return this.byId.size
  }

  clear(): void {
    this.byId.clear()
    this.byCase.clear()
  }

  globalIdAt(caseId: string, org: string): string | undefined {
    const pairs = this.byCase.get(caseId) ?? []
    let smallest: string | undefined
    // Two global ids of one case at one NGO: the smallest (the oldest ULID), as flow 0 does.
    for (let i = 0; i < pairs.length; i += 2)
      if (pairs[i] === org && (smallest === undefined || (pairs[i + 1] as string) < smallest))
        smallest = pairs[i + 1]
    return smallest
  }

  globalIdsOf(caseId: string): ReadonlyArray<string> {
    return [...new Set((this.byCase.get(caseId) ?? []).filter((_, i) => i % 2 === 1))].sort()
  }

  orgsOf(globalId: string): ReadonlyArray<string> {
    return this.byId.get(globalId)?.orgs ?? []
  }

  private put(globalId: string, next: Holding, before: Holding | undefined): void {
    // A child read again as it was (most of every hourly read): nothing to write.
    if (before !== undefined && before.caseId === next.caseId && before.orgs === next.orgs) return
    this.byId.set(globalId, next)
    if (before?.caseId !== undefined) {
      const kept = (this.byCase.get(before.caseId) ?? []).filter(
        (_, i, pairs) => pairs[i - (i % 2) + 1] !== globalId,
      )
      if (kept.length === 0) this.byCase.delete(before.caseId)
      else this.byCase.set(before.caseId, kept)
    }
    if (next.caseId === undefined) return
    const pairs = this.byCase.get(next.caseId) ?? []
    for (const org of next.orgs) pairs.push(org, globalId)
    this.byCase.set(next.caseId, pairs)
  }
}

/** `table` with what `clients` show added (a new object; `table` is not changed). */
export const learnHoldings = (
  table: Readonly<Record<string, Holding>>,
  clients: Iterable<OscarClient>,
): Record<string, Holding> => {
  const learnt = new HoldingsTable(table)
  learnt.learn(clients)
  return learnt.table()
}

/** Look-ups over a holdings table. */
export const holdingsIndex = (table: Readonly<Record<string, Holding>>): Holdings =>
  new HoldingsTable(table)
