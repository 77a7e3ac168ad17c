/**
 * Primero's list query as the fake reads it: filters (`a,b`, `a..b`, `a..`, `true`,
 * digits as integers), `query` + `id_search`, sorting and `fields`. A filter on a field
 * outside the filterable set, or one the fake cannot read, is dropped without a word.
 */
import type { FakeRecord } from './types.js'

/** The fields a filter may use unless the options say otherwise. */
export const defaultFilterableFields: ReadonlyArray<string> = [
  'id',
  'case_id',
  'case_id_display',
  'short_id',
  'oscar_number',
  'oscar_short_id',
  'mosvy_number',
  'status',
  'record_state',
  'enabled',
  'sex',
  'age',
  'risk_level',
  'owned_by',
  'owned_by_agency_id',
  'module_id',
  'workflow',
  'location_current',
  'consent_for_services',
  'disclosure_other_orgs',
  'created_at',
  'last_updated_at',
]

export const defaultIdSearchFields: ReadonlyArray<string> = [
  'case_id',
  'case_id_display',
  'short_id',
  'oscar_number',
  'oscar_short_id',
  'mosvy_number',
]

/** Parameters that are not filters. */
const reserved: ReadonlySet<string> = new Set([
  'page',
  'per',
  'order_by',
  'order',
  'fields',
  'total',
  'query',
  'id_search',
  'locale',
  'format',
])

type Scalar = string | number | boolean
type Test = (value: unknown) => boolean

const scalarOf = (raw: string): Scalar =>
  raw === 'true' ? true : raw === 'false' ? false : /^\d+$/.test(raw) ? Number(raw) : raw

/** Any element of an array value, or the value itself, passes `test`. */
const onValue =
  (test: (v: unknown) => boolean): Test =>
  (value) =>
    Array.isArray(value) ? value.some(test) : test(value)

const instant = (raw: string): number | undefined =>
  /^\d{4}-\d{2}-\d{2}/.test(raw) && Number.isFinite(Date.parse(raw)) ? Date.parse(raw) : undefined

const rangeTest = (from: string, to: string): Test | undefined => {
  const [a, b] = [instant(from), to === '' ? Number.POSITIVE_INFINITY : instant(to)]
  if (a !== undefined && b !== undefined) {
    return onValue((v) => {
      const t = typeof v === 'string' ? instant(v) : undefined
      return t !== undefined && t >= a && t <= b
    })
  }
  const [m, n] = [Number(from), to === '' ? Number.POSITIVE_INFINITY : Number(to)]
  if (/^-?\d+(\.\d+)?$/.test(from) && !Number.isNaN(n)) {
    return onValue((v) => typeof v === 'number' && v >= m && v <= n)
  }
  return undefined
}

/** The test for one filter, or undefined when the fake cannot read it (then it is dropped). */
export const filterTest = (raw: string): Test | undefined => {
  if (raw.startsWith('..')) return undefined
  const range = /^(.+?)\.\.(.*)$/.exec(raw)
  if (range) return rangeTest(range[1] ?? '', range[2] ?? '')
  if (raw.includes(',')) {
    const options = raw.split(',').map(scalarOf)
    return onValue((v) => options.some((o) => o === v))
  }
  const expected = scalarOf(raw)
  return onValue((v) => v === expected)
}

export interface ListParams {
  readonly filterable: ReadonlySet<string>
  readonly idSearchFields: ReadonlyArray<string>
}

/** The records `params` select, before sorting and paging. */
export const select = (
  records: ReadonlyArray<FakeRecord>,
  params: URLSearchParams,
  options: ListParams,
): ReadonlyArray<FakeRecord> => {
  const tests: Array<readonly [string, Test]> = []
  for (const [key, raw] of params) {
    if (reserved.has(key) || !options.filterable.has(key)) continue
    const test = filterTest(raw)
    if (test) tests.push([key, test])
  }
  const query = params.get('query')?.toLowerCase()
  const searched =
    query === undefined || query === ''
      ? undefined
      : params.get('id_search') === 'true'
        ? options.idSearchFields
        : [...options.idSearchFields, 'name', 'name_first', 'name_last']
  return records.filter(
    (r) =>
      tests.every(([key, test]) => test(r[key])) &&
      (searched === undefined ||
        searched.some(
          (f) => typeof r[f] === 'string' && (r[f] as string).toLowerCase().includes(query ?? ''),
        )),
  )
}

const compare = (a: unknown, b: unknown): number => {
  if (a === b) return 0
  if (a === undefined || a === null) return 1
  if (b === undefined || b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : 1
}

/** Sorted as asked; Primero's default is `created_at desc`. Ties keep creation order. */
export const sorted = (
  records: ReadonlyArray<FakeRecord>,
  params: URLSearchParams,
): ReadonlyArray<FakeRecord> => {
  const field = params.get('order_by') ?? 'created_at'
  const sign = (params.get('order') ?? 'desc').toLowerCase() === 'asc' ? 1 : -1
  return [...records].sort((x, y) => sign * compare(x[field], y[field]))
}

const shortFields = [
  'id',
  'short_id',
  'case_id_display',
  'name',
  'age',
  'sex',
  'status',
  'owned_by',
  'last_updated_at',
]

/** `fields=a,b` or `fields=short`: only those fields (and `id`). */
export const projected = (record: FakeRecord, params: URLSearchParams): FakeRecord => {
  const fields = params.get('fields')
  if (fields === null || fields === '') return record
  const keep = fields === 'short' ? shortFields : ['id', ...fields.split(',')]
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
