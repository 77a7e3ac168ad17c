/**
 * Small total helpers shared by the mappers. Nothing here reads the clock, the
 * environment or any state outside its arguments.
 */

/** `record[key]` when `key` is the record's own property: `constructor` is not a status. */
export const lookup = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined

/** The string itself when it is a non-empty string, else `undefined`. */
export const text = (u: unknown): string | undefined =>
  typeof u === 'string' && u.trim() !== '' ? u : undefined

/** The string, or `""` for anything absent: OSCaR wants empty strings, not nulls. */
export const orEmpty = (u: unknown): string => (typeof u === 'string' ? u : '')

/** A lowercase uuid, as Primero requires of a subform row's `unique_id`. */
export const isLowercaseUuid = (u: unknown): u is string =>
  typeof u === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(u)

/**
 * An identifier as it may appear in an issue message: ids are safe to report, but a field
 * that should hold an id may hold anything, so only id-like strings are echoed.
 */
export const safeId = (u: unknown): string | undefined => {
  const s = text(u)
  return s !== undefined && /^[A-Za-z0-9_.:-]{1,64}$/.test(s) ? s : undefined
}

/** The first element of an array-valued field, when it is a non-empty string. */
export const firstText = (u: unknown): string | undefined =>
  Array.isArray(u) ? text(u[0] as unknown) : undefined

/** Fills `{organization}` in an agency pattern. */
export const fillPattern = (pattern: string, organization: string): string =>
  pattern.split('{organization}').join(organization)

/**
 * The organisation named by `value` under `pattern` (`agency-{organization}`), or
 * `undefined` when `value` does not have the pattern's shape.
 */
export const matchPattern = (pattern: string, value: string): string | undefined => {
  const at = pattern.indexOf('{organization}')
  if (at < 0) return undefined
  const prefix = pattern.slice(0, at)
  const suffix = pattern.slice(at + '{organization}'.length)
  if (value.length <= prefix.length + suffix.length) return undefined
  if (!value.startsWith(prefix) || !value.endsWith(suffix)) return undefined
  return value.slice(prefix.length, value.length - suffix.length)
}

/**
 * What an administrator does about an organisation that is not a configured NGO, for
 * issue messages: the short name (when id-like) and the configuration key to add it to.
 */
export const addAgencyHint = (
  agencies: { readonly idPattern: string; readonly userPattern: string },
  organization: string | undefined,
): string => {
  const org = safeId(organization)
  return org === undefined
    ? 'an administrator adds its short name to agencies.known'
    : `an administrator adds ${org} to agencies.known (Primero agency ${fillPattern(agencies.idPattern, org)}, user ${fillPattern(agencies.userPattern, org)})`
}
