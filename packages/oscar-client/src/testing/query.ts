import { errorPage, type FakeAnswer, present } from './answers.js'
import { isReferredExternal, referredView, shareView } from './render.js'
import { parseRubyTime, type RubyTime } from './rubyTime.js'
import type { Store } from './store.js'

/**
 * Only children with a given and a family name (either script: `TRIM(CONCAT(given_name,
 * local_given_name)) != ''`, same for the family name), a gender and a date of birth.
 */
export const listed = (c: Record<string, unknown>): boolean =>
  (present(c['given_name']) || present(c['local_given_name'])) &&
  (present(c['family_name']) || present(c['local_family_name'])) &&
  present(c['gender']) &&
  present(c['date_of_birth'])

const at = (iso: unknown): number => (typeof iso === 'string' ? Date.parse(iso) : NaN)
const dayOf = (iso: unknown): string => (typeof iso === 'string' ? iso.slice(0, 10) : '')
const newestFirst = (a: Record<string, unknown>, b: Record<string, unknown>): number =>
  at(b['updated_at']) - at(a['updated_at'])

/** `undefined`: not sent (or blank); `null`: unparsable (a 500). */
const dateParam = (query: URLSearchParams, key: string): RubyTime | null | undefined => {
  const raw = query.get(key)
  return raw === null || !present(raw) ? undefined : (parseRubyTime(raw) ?? null)
}

/**
 * `GET /api/v1/organizations/clients`: every NGO's children, no paging, NGO by NGO. Per
 * NGO, children it referred to MoSVY come first (changed since the exact instant, without
 * `resource`), then every other child changed since the DAY (`DATE(updated_at) >= day`:
 * a record changed earlier the same day comes back again), newest first. `end_date`
 * switches to `created_at BETWEEN since AND end` (wall-clock times, offsets ignored).
 * Dates are read as `Time.parse` reads them; an unparsable one is a 500 HTML page;
 * `referred_external` is ignored.
 */
export const listClients = (store: Store, query: URLSearchParams): FakeAnswer => {
  const since = dateParam(query, 'since_date')
  const end = dateParam(query, 'end_date')
  if (since === null || end === null) return errorPage(500)
  const candidates = [...store.clients.values()].filter(listed)
  if (end !== undefined) {
    // `BETWEEN '' AND '…'`: PostgreSQL cannot read an empty timestamp.
    if (since === undefined) return errorPage(500)
    const data = candidates
      .filter((c) => at(c['created_at']) >= since.wall && at(c['created_at']) <= end.wall)
      .sort((a, b) => at(a['created_at']) - at(b['created_at']))
      .map((c) => shareView(store, c))
    return { status: 200, json: { data } }
  }
  // One pass groups the children by NGO, each in the store's order.
  const byNgo = new Map<unknown, Array<Record<string, unknown>>>()
  for (const c of candidates) {
    const mine = byNgo.get(c['organization_name'])
    if (mine === undefined) byNgo.set(c['organization_name'], [c])
    else mine.push(c)
  }
  const data = store.options.organizations.flatMap((organization) => {
    const mine = byNgo.get(organization) ?? []
    const referred = mine
      .filter((c) => isReferredExternal(store, c))
      .filter(
        (c) =>
          since === undefined ||
          at(c['created_at']) >= since.instant ||
          at(c['updated_at']) >= since.instant,
      )
      .sort(newestFirst)
    const isReferred = new Set(referred)
    const others = mine
      .filter((c) => !isReferred.has(c))
      .filter(
        (c) =>
          since === undefined ||
          dayOf(c['created_at']) >= since.day ||
          dayOf(c['updated_at']) >= since.day,
      )
      .sort(newestFirst)
    return [
      ...referred.map((c) => referredView(store, c)),
      ...others.map((c) => shareView(store, c)),
    ]
  })
  return { status: 200, json: { data } }
}
