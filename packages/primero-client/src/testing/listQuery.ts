/**
 * `GET /api/v2/cases` as the fake answers it: filters (see `filters.ts`; `key[]=…` lists
 * by `listFilter`), `query` with `id_search`, sorting without a tie-breaker, `fields`,
 * and paging. A filter on a field outside the filterable set (one the role cannot read)
 * is dropped without a word.
 */
import type { CaseTable, IndexKey } from './caseTable.js'
import { filterKeys, filterTest, idFilterTest, listFilter, type Test } from './filters.js'
import type { FakeRecord } from './types.js'

/** Parameters that are not filters (`SearchFilterService::EXCLUDED` and the index params). */
const reserved: ReadonlySet<string> = new Set([
  'page',
  'per',
  'order_by',
  'order',
  'fields',
  'total',
  'query',
  'id_search',
  'phonetic',
  'phone_number',
  'query_scope',
  'locale',
  'format',
])

export interface ListParams {
  readonly filterable: ReadonlySet<string>
  /** `Child.filterable_id_fields`: exact-text filters, and what `query` searches. */
  readonly idSearchFields: ReadonlyArray<string>
}

/** `query=…` (with or without `id_search`): `Search::IdentifierSearchQuery`, `ILIKE %q%`. */
const searched = (record: FakeRecord, query: string, fields: ReadonlyArray<string>): boolean =>
  fields.some((f) => {
    const v = record[f]
    return typeof v === 'string' && v.toLowerCase().includes(query)
  })

/**
 * The cases an equality filter narrows the search to, from the table's index: the
 * smallest such set, in creation order; every case when no filter can narrow it.
 */
const candidates = (
  cases: CaseTable,
  narrowing: ReadonlyArray<readonly [string, ReadonlyArray<IndexKey>]>,
): ReadonlyArray<FakeRecord> => {
  let best: Set<string> | undefined
  for (const [field, keys] of narrowing) {
    const ids = new Set<string>()
    for (const key of keys) for (const id of cases.idsWith(field, key)) ids.add(id)
    if (best === undefined || ids.size < best.size) best = ids
    if (best.size === 0) break
  }
  return best === undefined ? [...cases.values()] : cases.inOrder(best)
}

/** The records `params` select, before sorting and paging, in creation order. */
export const select = (
  cases: CaseTable,
  params: URLSearchParams,
  options: ListParams,
): ReadonlyArray<FakeRecord> => {
  const idFields = new Set(options.idSearchFields)
  const tests: Array<readonly [string, Test]> = []
  const narrowing: Array<readonly [string, ReadonlyArray<IndexKey>]> = []
  const lists = new Map<string, string[]>()
  for (const [key, raw] of params) {
    if (key.endsWith('[]')) {
      const field = key.slice(0, -2)
      lists.set(field, [...(lists.get(field) ?? []), raw])
      continue
    }
    if (reserved.has(key)) continue
    if (idFields.has(key)) {
      tests.push([key, idFilterTest(raw)])
      narrowing.push([key, [raw]])
    } else if (options.filterable.has(key)) {
      const test = filterTest(raw)
      if (test === undefined) continue
      tests.push([key, test])
      const keys = filterKeys(raw)
      if (keys !== undefined) narrowing.push([key, keys])
    }
  }
  for (const [field, raws] of lists) {
    const identifier = idFields.has(field)
    if (reserved.has(field) || !(identifier || options.filterable.has(field))) continue
    const list = listFilter(raws, identifier)
    if (list === undefined) continue
    tests.push([field, list.test])
    narrowing.push([field, list.keys])
  }
  const query = params.get('query')?.trim().toLowerCase() ?? ''
  return candidates(cases, narrowing).filter(
    (r) =>
      tests.every(([key, test]) => test(r[key])) &&
      (query === '' || searched(r, query, options.idSearchFields)),
  )
}

/** Postgres' jsonb order across types: Object > Array > Boolean > Number > String > null. */
const rank = (v: unknown): number =>
  v === null
    ? 0
    : typeof v === 'string'
      ? 1
      : typeof v === 'number'
        ? 2
        : typeof v === 'boolean'
          ? 3
          : Array.isArray(v)
            ? 4
            : 5

/** `data->field` order; a missing field is SQL NULL, last in `asc`, first in `desc`. */
const compare = (a: unknown, b: unknown): number => {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1
  const [ra, rb] = [rank(a), rank(b)]
  if (ra !== rb) return ra - rb
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  const [sa, sb] = [JSON.stringify(a), JSON.stringify(b)]
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/**
 * Sorted as asked (default `created_at desc`) with NO tie-breaker: records with equal
 * keys come in a random order, drawn anew for every request (`random` is seeded). A field
 * no record has orders nothing at all.
 */
export const sorted = (
  records: ReadonlyArray<FakeRecord>,
  params: URLSearchParams,
  random: () => number,
): ReadonlyArray<FakeRecord> => {
  const field = params.get('order_by') || 'created_at'
  const sign = (params.get('order') ?? 'desc').toLowerCase() === 'asc' ? 1 : -1
  return records
    .map((r) => ({ r, key: r[field], tie: random() }))
    .sort((x, y) => sign * compare(x.key, y.key) || x.tie - y.tie)
    .map(({ r }) => r)
}

/** `Child.summary_field_names` (with `Record.common_summary_fields`), and `id`. */
export const summaryFields: ReadonlyArray<string> = [
  'id',
  'created_at',
  'owned_by',
  'owned_by_agency_id',
  'photos',
  'flag_count',
  'status',
  'record_in_scope',
  'short_id',
  'alert_count',
  'case_id_display',
  'name',
  'survivor_code_no',
  'age',
  'sex',
  'registration_date',
  'hidden_name',
  'workflow',
  'case_status_reopened',
  'module_id',
  'registry_record_id',
  'client_code',
  'gender',
  'reporting_location_hierarchy',
  'location_current',
]

/**
 * `fields=a,b` or `fields=short`: only those fields (and `id`). An id search
 * (`query` with `id_search=true`) answers the summary fields only, whatever `fields` says.
 */
export const projected = (record: FakeRecord, params: URLSearchParams): FakeRecord => {
  const idSearch = (params.get('query') ?? '') !== '' && params.get('id_search') === 'true'
  const fields = idSearch ? 'short' : params.get('fields')
  if (fields === null || fields === '') return record
  const keep = fields === 'short' ? summaryFields : ['id', ...fields.split(',')]
  return Object.fromEntries(keep.filter((k) => k in record).map((k) => [k, record[k]]))
}

/** `page` and `per` as Primero reads them: `per` defaults to 20 and is capped at 1000. */
export const paging = (
  params: URLSearchParams,
): { readonly page: number; readonly per: number } => {
  const int = (raw: string | null, fallback: number): number =>
    raw !== null && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : fallback
  return { page: int(params.get('page'), 1), per: Math.min(int(params.get('per'), 20), 1000) }
}
