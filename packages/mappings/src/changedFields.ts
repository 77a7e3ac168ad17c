/** Absent, `undefined` and `null` all mean "no value". */
const isBlank = (u: unknown): boolean => u === undefined || u === null

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** Structural equality of JSON-like values; `null` equals `undefined`. */
const same = (a: unknown, b: unknown): boolean => {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b)
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => same(x, b[i]))
    )
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((k) => same(a[k], b[k]))
  }
  return Object.is(a, b) || a === b
}

/** A subform: an array of rows, every one carrying a string `unique_id`. */
const isSubform = (u: unknown): u is ReadonlyArray<Record<string, unknown>> =>
  Array.isArray(u) &&
  u.length > 0 &&
  u.every((row) => isRecord(row) && typeof row['unique_id'] === 'string')

/** Whether a subform patch would change the stored rows (merged by `unique_id`). */
const subformChanges = (
  current: unknown,
  patch: ReadonlyArray<Record<string, unknown>>,
): boolean => {
  const rows = Array.isArray(current) ? current.filter(isRecord) : []
  return patch.some((p) => {
    const row = rows.find((r) => r['unique_id'] === p['unique_id'])
    if (p['_destroy'] === true) return row !== undefined
    if (row === undefined) return true
    return Object.keys(p).some((k) => k !== '_destroy' && !same(row[k], p[k]))
  })
}

/**
 * The names of the fields of `patch` whose value differs from `current`, so a sync can
 * skip a write that would change nothing and report what it changed without values.
 * Subform rows compare by `unique_id`, on the keys the patch row carries (as Primero
 * merges them); `null` and absent are the same.
 *
 * @example
 * changedFields({ sex: 'male', services_section: [{ unique_id: 'u', x: 1, y: 2 }] },
 *               { sex: 'male', services_section: [{ unique_id: 'u', x: 1 }] }) // []
 */
export const changedFields = (
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): ReadonlyArray<string> =>
  Object.keys(patch).filter((key) => {
    const next = patch[key]
    const now = Object.prototype.hasOwnProperty.call(current, key) ? current[key] : undefined
    return isSubform(next) ? subformChanges(now, next) : !same(now, next)
  })
