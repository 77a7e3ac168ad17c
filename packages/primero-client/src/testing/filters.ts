/**
 * One filter of Primero's list query as the fake reads it (`SearchFilterService`):
 * - an identifier field (`Child.filterable_id_fields`) is exact text, never a number nor a
 *   list, and applies whatever the role may read (`select_id_params`);
 * - any other value goes through `DestringifyService`: `true`/`false` become booleans, an
 *   all-digit value an integer (so `mosvy_number=12345` never matches the text "12345"),
 *   `a,b` a list (any of), `a..b` and `a..` a range (numbers or dates; anything else is
 *   dropped, as `range_class` is nil);
 * - a date range compares whole seconds, inclusive at both ends (`TO_TIMESTAMP(…,
 *   'YYYY-MM-DD"T"HH24:MI:SS')` in `SearchFilters::DateRange`); a date-only `from` compares
 *   whole days, so a date-only bound covers the day.
 */

/** The fields a filter may use unless the options say otherwise (the role can read them). */
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

/** `Child.filterable_id_fields` (app/models/child.rb): not `mosvy_number`, not `oscar_short_id`. */
export const defaultIdSearchFields: ReadonlyArray<string> = [
  'unique_identifier',
  'short_id',
  'case_id_display',
  'case_id',
  'client_code',
  'ration_card_no',
  'icrc_ref_no',
  'rc_id_no',
  'unhcr_id_no',
  'unhcr_individual_no',
  'un_no',
  'other_agency_id',
  'survivor_code_no',
  'national_id_no',
  'other_id_no',
  'biometrics_id',
  'family_count_no',
  'dss_id',
  'camp_id',
  'tent_number',
  'nfi_distribution_id',
  'oscar_number',
  'registry_no',
  'family_number',
]

export type Test = (value: unknown) => boolean

type Day = { readonly day: number }
type Instant = { readonly second: number }
type Scalar = string | number | boolean | Day | Instant

const dateOnly = /^\d{4}-\d{2}-\d{2}$/
const dateTime =
  /^\d{4}-\d{1,2}-\d{1,2}[T \t]+\d{1,2}:\d{2}:\d{2}(\.\d*)?(\s*Z|[-+]\d{2}(:?\d{2})?)?$/

/** `DestringifyService#destringify` of one value. */
const destringify = (raw: string): Scalar => {
  if (dateOnly.test(raw) && Number.isFinite(Date.parse(`${raw}T00:00:00Z`))) {
    return { day: Math.floor(Date.parse(`${raw}T00:00:00Z`) / 86_400_000) }
  }
  if (dateTime.test(raw) && Number.isFinite(Date.parse(raw))) {
    return { second: Math.floor(Date.parse(raw) / 1000) }
  }
  if (raw === 'true' || raw === 'false') return raw === 'true'
  if (/^\d+$/.test(raw)) return Number(raw)
  return raw
}

/** A stored value as `TO_TIMESTAMP(value, format)` reads it: the literal digits, as UTC. */
const storedTime = (value: unknown, unit: 'day' | 'second'): number | undefined => {
  if (typeof value !== 'string') return undefined
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}))?/.exec(value)
  if (!m) return undefined
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0))
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0)
  if (!Number.isFinite(ms)) return undefined
  return unit === 'day' ? Math.floor(ms / 86_400_000) : Math.floor(ms / 1000)
}

/** Any element of an array value, or the value itself, passes `test` (jsonpath lax mode). */
const onValue =
  (test: Test): Test =>
  (value) =>
    Array.isArray(value) ? value.some(test) : test(value)

const isTime = (s: Scalar | undefined): s is Day | Instant => typeof s === 'object'

const rangeTest = (from: Scalar, to: Scalar | undefined): Test | undefined => {
  if (typeof from === 'number') {
    if (to !== undefined && typeof to !== 'number') return undefined
    return onValue((v) => typeof v === 'number' && v >= from && (to === undefined || v <= to))
  }
  if (!isTime(from)) return undefined
  // The format follows `from`: a date compares days, a date-time whole seconds.
  const unit = 'day' in from ? 'day' : 'second'
  const key = (s: Day | Instant): number =>
    unit === 'day'
      ? 'day' in s
        ? s.day
        : Math.floor(s.second / 86_400)
      : 'second' in s
        ? s.second
        : s.day * 86_400
  const a = key(from)
  const b = to === undefined ? Number.POSITIVE_INFINITY : isTime(to) ? key(to) : undefined
  if (b === undefined) return undefined
  return onValue((v) => {
    const t = storedTime(v, unit)
    return t !== undefined && t >= a && t <= b
  })
}

const equals = (expected: Scalar): Test =>
  onValue((v) => (isTime(expected) ? false : v === expected))

/** The test for one filter, or undefined when Primero would build no filter from it. */
export const filterTest = (raw: string): Test | undefined => {
  if (raw === '') return undefined
  if (raw.includes(',')) {
    const options = raw.split(',').map(destringify)
    return onValue((v) => options.some((o) => !isTime(o) && o === v))
  }
  const range = /^(.*?)\.\.(.*)$/.exec(raw)
  if (range) {
    const [from, to] = [range[1] ?? '', range[2] ?? '']
    if (from === '') return undefined
    return rangeTest(destringify(from), to === '' ? undefined : destringify(to))
  }
  return equals(destringify(raw))
}

/**
 * The values a filter can match, for the fake's index (`CaseTable.idsWith`): an equality
 * or a list matches only a stored value (or array element) equal to one of them; a date
 * matches nothing. `undefined` for a range, or no filter: those read every case.
 */
export const filterKeys = (raw: string): ReadonlyArray<string | number | boolean> | undefined => {
  if (raw === '') return undefined
  const keys = (values: ReadonlyArray<Scalar>) =>
    values.filter((v): v is string | number | boolean => !isTime(v))
  if (raw.includes(',')) return keys(raw.split(',').map(destringify))
  if (/^(.*?)\.\.(.*)$/.test(raw)) return undefined
  return keys([destringify(raw)])
}

/** An identifier filter: exact text (`TextValue`, never destringified). */
export const idFilterTest =
  (raw: string): Test =>
  (value) =>
    value === raw

/** A `key[]=…` list filter: its test, and the values it can match (for the index). */
export interface ListFilter {
  readonly test: Test
  readonly keys: ReadonlyArray<string | number | boolean>
}

/**
 * `key[]=a&key[]=b` (Rails parses it to an Array): any of the values. An identifier
 * field's values are raw text (`select_id_params`), a `SearchFilters::TextList`. Other
 * fields are destringified value by value and the first value picks the list
 * (`build_array_filter`): a string makes a `TextList` (every value compared as its text),
 * a boolean a `BooleanList`, a number a `ValueList`; a list of dates matches nothing. An
 * empty value is dropped (`nil`); `undefined` when no value is left.
 */
export const listFilter = (
  raws: ReadonlyArray<string>,
  identifier: boolean,
): ListFilter | undefined => {
  if (identifier) {
    const texts = new Set(raws)
    return { test: (v) => typeof v === 'string' && texts.has(v), keys: [...texts] }
  }
  const given = raws.filter((r) => r !== '')
  const [first] = given.map(destringify)
  if (first === undefined || isTime(first)) {
    return first === undefined ? undefined : { test: () => false, keys: [] }
  }
  if (typeof first === 'string') {
    const texts = new Set(given)
    return { test: onValue((v) => typeof v === 'string' && texts.has(v)), keys: [...texts] }
  }
  const values = given.map(destringify).filter((v): v is string | number | boolean => !isTime(v))
  return { test: onValue((v) => values.some((o) => o === v)), keys: values }
}
