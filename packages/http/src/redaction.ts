/**
 * Redaction of what leaves a client in errors and log events. A query value may be a
 * child's name or a credential: a client names the few keys whose values are never
 * personal (paging, dates) and every other value becomes `[redacted]`.
 */

/** What stands for a withheld value. ASCII, so it survives every log pipeline and grep. */
export const REDACTED = '[redacted]'

/** A query key that is a plain name (not, say, a child's name sent as a key). */
const plainKey = /^[\w.[\]-]{1,64}$/

/**
 * `path` with its query, each value kept only where `keep(key, value)` says so.
 *
 * @example
 * redactQuery('/api/v2/cases', [['name', 'x'], ['page', '2']], (k) => k === 'page') // '/api/v2/cases?name=[redacted]&page=2'
 */
export const redactQuery = (
  path: string,
  query: Iterable<readonly [string, string]>,
  keep: (key: string, value: string) => boolean,
): string => {
  const parts: string[] = []
  for (const [key, value] of query) {
    const safeKey = plainKey.test(key) ? key : REDACTED
    parts.push(`${safeKey}=${safeKey !== REDACTED && keep(key, value) ? value : REDACTED}`)
  }
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path
}

/**
 * The first system error code (such as `ECONNRESET`) along an error's `cause` chain (fetch
 * wraps it); anything that does not look like a code is not kept.
 */
export const errorCode = (error: unknown): string | undefined => {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { readonly code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code
    current = (current as { readonly cause?: unknown }).cause
  }
  return undefined
}
