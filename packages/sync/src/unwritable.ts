/**
 * Fields Primero does not store. Primero drops a field the user's role may not write and
 * still answers 200 (strong parameters run before the schema check), so the only sign is
 * the record it echoes. A field that did not stick would be seen as a change, and written
 * again, on every run: instead it is reported once (`FIELD_NOT_WRITABLE`, by name) and
 * left out of writes and comparisons until it is checked again a week later, so a role
 * fixed by an administrator takes effect without touching the state.
 */
import { changedFields } from '@primero-interop/mappings'

/** How long a field found unwritable is left out before it is tried again. */
export const UNWRITABLE_RECHECK_MS = 7 * 24 * 60 * 60_000

type Fields = Readonly<Record<string, unknown>>

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const rowsOf = (u: unknown): ReadonlyArray<Record<string, unknown>> =>
  Array.isArray(u) ? u.filter(isRecord) : []

const isSubform = (u: unknown): boolean =>
  Array.isArray(u) &&
  u.length > 0 &&
  u.every((r) => isRecord(r) && typeof r['unique_id'] === 'string')

/**
 * The fields of `written` that `echoed` (the record as Primero now has it) does not carry
 * as written: `field` for a case field, `subform.field` for a field of a subform row,
 * `subform` for a row that was not stored at all. Rows removed with `_destroy` are not
 * checked.
 */
export const unwrittenFields = (echoed: Fields, written: Fields): ReadonlyArray<string> => {
  const out = new Set<string>()
  for (const [key, value] of Object.entries(written)) {
    if (key === 'id') continue
    if (!isSubform(value)) {
      if (changedFields({ [key]: echoed[key] }, { [key]: value }).length > 0) out.add(key)
      continue
    }
    const stored = rowsOf(echoed[key])
    for (const row of rowsOf(value)) {
      if (row['_destroy'] === true) continue
      const match = stored.find((r) => r['unique_id'] === row['unique_id'])
      if (match === undefined) {
        out.add(key)
        continue
      }
      for (const field of Object.keys(row)) {
        if (field === 'unique_id') continue
        if (changedFields({ [field]: match[field] }, { [field]: row[field] }).length > 0)
          out.add(`${key}.${field}`)
      }
    }
  }
  return [...out].sort()
}

/** `patch` without the fields in `skip` (names as `unwrittenFields` gives them). */
export const withoutFields = <A extends Fields>(patch: A, skip: ReadonlySet<string>): A => {
  if (skip.size === 0) return patch
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(patch)) {
    if (skip.has(key)) continue
    out[key] = isSubform(value)
      ? rowsOf(value).map((row) =>
          Object.fromEntries(Object.entries(row).filter(([f]) => !skip.has(`${key}.${f}`))),
        )
      : value
  }
  return out as A
}
