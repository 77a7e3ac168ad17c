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
import type { Holding } from './state.js'

export interface Holdings {
  /** The `global_id` of the child of Primero case `caseId` at NGO `org`, if a read showed one. */
  readonly globalIdAt: (caseId: string, org: string) => string | undefined
  /** Every global id OSCaR reads have shown for Primero case `caseId`, smallest first. */
  readonly globalIdsOf: (caseId: string) => ReadonlyArray<string>
  /** The NGOs known to hold the child `globalId`. */
  readonly orgsOf: (globalId: string) => ReadonlyArray<string>
}

/** `table` with what `clients` show added (a new object; `table` is not changed). */
export const learnHoldings = (
  table: Readonly<Record<string, Holding>>,
  clients: Iterable<OscarClient>,
): Record<string, Holding> => {
  const next = new Map(Object.entries(table))
  // Most children share a few lists of NGOs: each list is held once (at 90,000 children,
  // a list and an NGO name per child were 4 MiB).
  const lists = new Map<string, string[]>()
  const shared = (orgs: string[]): string[] => {
    const key = orgs.join('\u0000')
    const known = lists.get(key)
    if (known !== undefined) return known
    lists.set(key, orgs)
    return orgs
  }
  for (const c of clients) {
    const id = c.global_id
    const org = c.organization_name
    // The state keeps ids only: a field that should hold one but holds text is not kept.
    if (!isUsableId(id) || !isUsableId(org)) continue
    const before = next.get(id)
    const orgs = before?.orgs.includes(org)
      ? before.orgs
      : shared([...(before?.orgs ?? []), org].sort())
    const caseId = isUsableId(c.external_id) ? c.external_id : before?.caseId
    next.set(id, caseId === undefined ? { orgs } : { orgs, caseId })
  }
  // fromEntries defines own properties, so an id such as `__proto__` stays a plain key.
  return Object.fromEntries(next)
}

/** Look-ups over a holdings table. */
export const holdingsIndex = (table: Readonly<Record<string, Holding>>): Holdings => {
  // Per case, `[org, globalId, org, globalId, …]`: a flat array, not a Map per case (at
  // 90,000 children the Maps were 20 MiB).
  const byCase = new Map<string, string[]>()
  for (const [globalId, h] of Object.entries(table)) {
    if (h.caseId === undefined) continue
    const at = byCase.get(h.caseId) ?? []
    // Two global ids of one case at one NGO: keep the smallest (the oldest ULID), as flow 0 does.
    for (const org of h.orgs) {
      const i = orgIndex(at, org)
      if (i < 0) at.push(org, globalId)
      else if (globalId < (at[i + 1] as string)) at[i + 1] = globalId
    }
    byCase.set(h.caseId, at)
  }
  return {
    globalIdAt: (caseId, org) => {
      const at = byCase.get(caseId) ?? []
      const i = orgIndex(at, org)
      return i < 0 ? undefined : at[i + 1]
    },
    globalIdsOf: (caseId) =>
      [...new Set((byCase.get(caseId) ?? []).filter((_, i) => i % 2 === 1))].sort(),
    orgsOf: (globalId) => (Object.hasOwn(table, globalId) ? (table[globalId]?.orgs ?? []) : []),
  }
}

/** Where `org` is in a flat `[org, globalId, …]` array (-1 when it is not). */
const orgIndex = (at: ReadonlyArray<string>, org: string): number => {
  for (let i = 0; i < at.length; i += 2) if (at[i] === org) return i
  return -1
}
