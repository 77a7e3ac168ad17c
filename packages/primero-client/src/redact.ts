/**
 * Redaction of what leaves the client in errors and log events. Query-string values may
 * be a child's name (`?name=…`) or a credential, so only a few paging parameters whose
 * values are never personal keep theirs; every other value becomes `[redacted]`.
 */
import { redactQuery } from '@primero-interop/http'

const keptQueryValues: ReadonlySet<string> = new Set(['page', 'per', 'order', 'order_by', 'fields'])

/**
 * A request path with every sensitive query value replaced by `[redacted]`.
 *
 * @example
 * redactPath('/api/v2/cases?oscar_number=01H&page=2') // '/api/v2/cases?oscar_number=[redacted]&page=2'
 */
export const redactPath = (pathWithQuery: string): string => {
  const q = pathWithQuery.indexOf('?')
  if (q < 0) return pathWithQuery
  const params = new URLSearchParams(pathWithQuery.slice(q + 1))
  return redactQuery(
    pathWithQuery.slice(0, q),
    params,
    (key, value) => keptQueryValues.has(key) && /^[\w,.-]*$/.test(value),
  )
}

/** A JSON pointer such as `/services_section/0/unique_id`: field names and indexes only. */
const jsonPointer = /^(\/[A-Za-z0-9_]{1,80}){1,12}$/

/**
 * Attribute names Primero puts in a `detail` when a referral (a transition) is invalid
 * (`ActiveRecord::RecordInvalid`): kept as `/name`. Any other non-pointer detail is dropped.
 */
const transitionAttributes: ReadonlySet<string> = new Set([
  'consent',
  'transitioned_to',
  'transitioned_by',
  'service_record_id',
])

const detailsOf = (body: unknown): ReadonlyArray<unknown> => {
  if (typeof body !== 'object' || body === null) return []
  const errors = (body as { readonly errors?: unknown }).errors
  if (!Array.isArray(errors)) return []
  return (errors as ReadonlyArray<unknown>).flatMap((item) => {
    const detail =
      typeof item === 'object' && item !== null
        ? (item as Record<string, unknown>).detail
        : undefined
    // An invalid record is ONE error whose detail is an array of pointers.
    return Array.isArray(detail) ? (detail as ReadonlyArray<unknown>) : [detail]
  })
}

/**
 * The field pointers named by a Primero error envelope's `detail`s: a pointer, an array of
 * pointers (`Invalid Record JSON`), or a transition's attribute (`consent` → `/consent`).
 * Anything else (it may quote a submitted value) is dropped, never kept.
 */
export const pointersOf = (body: unknown): ReadonlyArray<string> => {
  const found = new Set<string>()
  for (const detail of detailsOf(body)) {
    if (typeof detail !== 'string') continue
    if (jsonPointer.test(detail)) found.add(detail)
    else if (transitionAttributes.has(detail)) found.add(`/${detail}`)
  }
  return [...found]
}

/** Whether the envelope says a referral was refused for want of consent (`detail: "consent"`). */
export const consentRefused = (body: unknown): boolean =>
  detailsOf(body).some((d) => d === 'consent')
