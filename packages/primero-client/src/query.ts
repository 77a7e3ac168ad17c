/** Case queries as Primero's query string: paging, sorting, fields and filters. */

/** A filter value: `a,b` lists for arrays, `true`/`false`, numbers; a string as given. */
export type FilterValue = string | number | boolean | ReadonlyArray<string>

/**
 * A query over cases. `updatedSince`/`updatedUntil` become the `last_updated_at=a..b`
 * filter (inclusive). Primero drops any filter the role cannot read, silently.
 *
 * @example
 * const q: CaseQuery = { filters: { status: 'open' }, updatedSince: '2025-08-02T00:00:00Z', per: 500 }
 */
export interface CaseQuery {
  readonly filters?: Readonly<Record<string, FilterValue>>
  readonly updatedSince?: Date | string
  readonly updatedUntil?: Date | string
  /** 1-based (default 1). */
  readonly page?: number
  /** Records per page (Primero's default 20; capped at 1000 by the client and the server). */
  readonly per?: number
  readonly orderBy?: string
  readonly order?: 'asc' | 'desc'
  readonly fields?: ReadonlyArray<string>
}

/** The most records Primero returns in one page, whatever `per` asks. */
export const maxPer = 1000

/** The start of time for a window with no start: Primero's ranges need both ends. */
export const beginningOfTime = '1970-01-01T00:00:00.000Z'

/** An instant as Primero's ISO form with milliseconds; throws on an invalid one. */
export const isoInstant = (name: string, value: Date | string): string => {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  if (!Number.isFinite(ms)) throw new TypeError(`${name} must be a valid date or ISO date-time`)
  return new Date(ms).toISOString()
}

const filterValue = (value: FilterValue): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : value.join(',')

const positive = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`${name} must be a positive integer`)
  return value
}

/** The `last_updated_at` range of a query, or undefined when it sets neither end. */
export const updatedWindow = (query: CaseQuery): string | undefined => {
  if (query.updatedSince === undefined && query.updatedUntil === undefined) return undefined
  const since =
    query.updatedSince === undefined
      ? beginningOfTime
      : isoInstant('updatedSince', query.updatedSince)
  const until =
    query.updatedUntil === undefined ? '' : isoInstant('updatedUntil', query.updatedUntil)
  return `${since}..${until}`
}

/** The query string for `GET /api/v2/cases`. Throws on a query that cannot be sent. */
export const caseSearchParams = (query: CaseQuery): URLSearchParams => {
  const params = new URLSearchParams()
  const window = updatedWindow(query)
  for (const [key, value] of Object.entries(query.filters ?? {})) {
    if (key === 'last_updated_at' && window !== undefined) {
      throw new TypeError('filters.last_updated_at conflicts with updatedSince/updatedUntil')
    }
    params.set(key, filterValue(value))
  }
  if (window !== undefined) params.set('last_updated_at', window)
  params.set('page', String(positive('page', query.page ?? 1)))
  params.set('per', String(Math.min(positive('per', query.per ?? 20), maxPer)))
  if (query.orderBy !== undefined) params.set('order_by', query.orderBy)
  if (query.order !== undefined) params.set('order', query.order)
  if (query.fields !== undefined && query.fields.length > 0) {
    params.set('fields', query.fields.join(','))
  }
  return params
}
