import type { FakeAnswer, Store } from './store.js'
import { errorPage } from './store.js'

const SINCE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/

/** Parses a `since_date`/`end_date` as Rails would here, or `undefined` (→ a 500). */
const parseDate = (value: string): { readonly day: string; readonly at: number } | undefined => {
  const match = SINCE.exec(value.trim())
  if (match === null) return undefined
  const day = match[1] as string
  const at = Date.parse(`${day}T${match[2] ?? '00:00:00'}Z`)
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== day) return undefined
  return { day, at }
}

const present = (u: unknown): boolean => typeof u === 'string' && u.trim() !== ''

/** Only children with a given or family name, a gender and a date of birth appear. */
const listed = (c: Record<string, unknown>): boolean =>
  (present(c['given_name']) || present(c['family_name'])) &&
  present(c['gender']) &&
  present(c['date_of_birth'])

const dayOf = (iso: unknown): string => (typeof iso === 'string' ? iso.slice(0, 10) : '')

/**
 * `GET /api/v1/organizations/clients`: every NGO's children, no paging. `since_date`
 * compares DAYS (`DATE(updated_at) >= day`): a record changed earlier the same day comes
 * back again. `end_date` switches to `created_at BETWEEN since AND end`. An unparsable date
 * is a 500 HTML page; `referred_external` is ignored.
 */
export const listClients = (store: Store, query: URLSearchParams): FakeAnswer => {
  const sinceRaw = query.get('since_date')
  const endRaw = query.get('end_date')
  const since = sinceRaw === null ? undefined : parseDate(sinceRaw)
  const end = endRaw === null ? undefined : parseDate(endRaw)
  if ((sinceRaw !== null && since === undefined) || (endRaw !== null && end === undefined))
    return errorPage(500)
  const data = [...store.clients.values()].filter(listed).filter((c) => {
    if (since === undefined) return true
    if (end === undefined) return dayOf(c['updated_at']) >= since.day
    const created = Date.parse(String(c['created_at']))
    return created >= since.at && created <= end.at
  })
  return { status: 200, json: { data: structuredClone(data) } }
}
