/**
 * The fake's in-memory cases and referrals, and Primero's write rules: server-kept
 * timestamps and ids, the deep merge of a PATCH with subform rows merged by `unique_id`
 * (`_destroy` removes one; a row without `unique_id` gets a server uuid; an empty array
 * removes nothing: `RecordMergeDataHashService#merge_data`).
 */
import { randomUUID } from 'node:crypto'

import { CaseTable } from './caseTable.js'
import type { FakeRecord } from './types.js'

/** Fields Primero keeps itself: a write that sets them is ignored for them. */
const serverFields = ['created_at', 'last_updated_at', 'created_by']

const isObject = (u: unknown): u is FakeRecord =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** `RecordMergeDataHashService.array_of_hashes?`: an empty array counts as one. */
const isSubform = (value: unknown): value is ReadonlyArray<FakeRecord> =>
  Array.isArray(value) && (value.length === 0 || isObject(value[0]))

const withoutDestroy = (row: FakeRecord): FakeRecord => {
  const { _destroy: _ignored, ...rest } = row
  return rest
}

const mergeRows = (current: unknown, patch: ReadonlyArray<FakeRecord>): FakeRecord[] => {
  const rows = Array.isArray(current) ? current.filter(isObject).map((r) => ({ ...r })) : []
  for (const row of patch) {
    const at =
      typeof row.unique_id === 'string' ? rows.findIndex((r) => r.unique_id === row.unique_id) : -1
    if (row._destroy === true) {
      if (at >= 0) rows.splice(at, 1)
    } else if (at >= 0) {
      rows[at] = merge(rows[at] ?? {}, withoutDestroy(row))
    } else {
      rows.push({
        ...withoutDestroy(row),
        unique_id: typeof row.unique_id === 'string' ? row.unique_id : randomUUID(),
      })
    }
  }
  return rows
}

/** `patch` deep-merged into `target` (a new object): Primero's PATCH semantics. */
export const merge = (target: FakeRecord, patch: FakeRecord): FakeRecord => {
  const out: FakeRecord = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    // Rows merge by `unique_id` only when both sides are subforms; `[]` then keeps every row.
    if (isSubform(value) && isSubform(out[key])) out[key] = mergeRows(out[key], value)
    else if (isSubform(value) && value.length > 0) out[key] = mergeRows([], value)
    else if (isObject(value) && isObject(out[key])) out[key] = merge(out[key] as FakeRecord, value)
    else out[key] = structuredClone(value)
  }
  return out
}

const writable = (data: FakeRecord): FakeRecord => {
  const out = { ...data }
  for (const field of serverFields) delete out[field]
  return out
}

export interface Store {
  /** By id, with the indexes a search reads (kept on every `set`). */
  readonly cases: CaseTable
  readonly referrals: Map<string, FakeRecord[]>
}

export const emptyStore = (): Store => ({ cases: new CaseTable(), referrals: new Map() })

const newCase = (data: FakeRecord, now: string, user: string): FakeRecord => {
  const caseId =
    typeof data.case_id === 'string' && data.case_id !== '' ? data.case_id : randomUUID()
  return {
    record_state: true,
    enabled: true,
    status: 'open',
    owned_by: user,
    ...data,
    id: typeof data.id === 'string' && data.id !== '' ? data.id : randomUUID(),
    case_id: caseId,
    case_id_display: caseId.slice(-7),
    short_id: caseId.slice(-7),
    created_by: user,
    created_at: now,
    last_updated_at: now,
  }
}

/** Creates a case from a client's `data` (already validated). */
export const createCase = (
  store: Store,
  data: FakeRecord,
  now: string,
  user: string,
): FakeRecord => {
  const record = newCase(merge({}, writable(data)), now, user)
  store.cases.set(record.id as string, record)
  return record
}

/** Stores a seeded case as given, filling only what is missing. */
export const seedCase = (store: Store, data: FakeRecord, now: string, user: string): FakeRecord => {
  const filled = newCase(data, now, user)
  const record = {
    ...filled,
    ...Object.fromEntries(
      ['case_id_display', 'short_id', 'created_at', 'last_updated_at', 'created_by']
        .filter((k) => data[k] !== undefined)
        .map((k) => [k, data[k]]),
    ),
  }
  store.cases.set(record.id as string, structuredClone(record))
  return record
}

/** Applies a PATCH; returns the changed fields as Primero answers them (with `id`). */
export const patchCase = (store: Store, id: string, data: FakeRecord, now: string): FakeRecord => {
  const current = store.cases.get(id)
  if (current === undefined) throw new Error(`no case ${id}`)
  const { id: _id, ...changes } = writable(data)
  const next: FakeRecord = { ...merge(current, changes), last_updated_at: now }
  store.cases.set(id, next)
  return Object.fromEntries([
    ['id', id],
    ...Object.keys(changes).map((k) => [k, next[k]]),
    ['last_updated_at', now],
  ])
}

/** Bumps a case's `last_updated_at` (a referral changed it). */
export const touchCase = (store: Store, id: string, now: string): void => {
  const current = store.cases.get(id)
  if (current !== undefined) store.cases.set(id, { ...current, last_updated_at: now })
}
