/**
 * What Primero refuses with 422 "Invalid Record JSON": a select value outside its lookup,
 * a non-int32 number, a date that is not ISO, a subform `unique_id` that is not a
 * lowercase uuid, a `_destroy` that is not a boolean, an unknown agency or user. Primero
 * answers ONE error whose `detail` is the array of the failing JSON pointers
 * (`JsonValidatorService#validate!`: `invalid_props` = each failure's `data_pointer`).
 */
import type { FakeAgency, FakeLookup, FakeRecord, FakeUser } from './types.js'

export interface Invalid {
  /** A JSON pointer, such as `/services_section/0/unique_id`. */
  readonly detail: string
  readonly message: string
}

export const defaultSelectFields: Readonly<Record<string, string>> = {
  risk_level: 'lookup-risk-level',
  sex: 'lookup-gender',
  'services_section.service_type': 'lookup-service-type',
  'services_section.service_response_type': 'lookup-service-response-type',
  'services_section.service_implemented': 'lookup-service-implemented',
}

const dateFields = ['date_of_birth', 'registration_date']
const rowDateTimeFields = ['service_response_day_time', 'service_implemented_day_time']
const int32Fields = ['age']
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export const isIsoDate = (v: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().startsWith(v)
}

const isIsoDateTime = (v: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v) &&
  Number.isFinite(Date.parse(v))

const isObject = (u: unknown): u is FakeRecord =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

export interface Directory {
  readonly lookups: ReadonlyArray<FakeLookup> | undefined
  readonly selectFields: Readonly<Record<string, string>>
  readonly agencies: ReadonlyArray<FakeAgency> | undefined
  readonly users: ReadonlyArray<FakeUser> | undefined
}

const quote = (v: unknown): string => JSON.stringify(v)

/** The problems of a case's `data` (a create or a PATCH); empty when Primero would take it. */
export const invalidCase = (data: FakeRecord, dir: Directory): ReadonlyArray<Invalid> => {
  const problems: Invalid[] = []
  const add = (detail: string, message: string): void => {
    problems.push({ detail, message: `Invalid Record JSON: ${message}` })
  }
  const checkSelect = (value: unknown, lookupId: string, pointer: string): void => {
    const lookup = dir.lookups?.find((l) => l.unique_id === lookupId)
    if (lookup === undefined || value === null || value === undefined) return
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!lookup.values.some((option) => option.id === v)) {
        add(pointer, `${quote(v)} is not a valid option for ${pointer}`)
      }
    }
  }
  const rows = data.services_section
  if (rows !== undefined && !Array.isArray(rows)) add('/services_section', 'must be an array')
  const rowList: ReadonlyArray<unknown> = Array.isArray(rows) ? rows : []
  for (const [field, lookupId] of Object.entries(dir.selectFields)) {
    const [form, rowField] = field.split('.')
    if (rowField === undefined) {
      checkSelect(data[field], lookupId, `/${field}`)
    } else if (form === 'services_section') {
      rowList.forEach((row, i) => {
        if (isObject(row))
          checkSelect(row[rowField], lookupId, `/services_section/${i}/${rowField}`)
      })
    }
  }
  for (const field of dateFields) {
    const v = data[field]
    if (v !== undefined && v !== null && !(typeof v === 'string' && isIsoDate(v))) {
      add(`/${field}`, `${quote(v)} is not a date (YYYY-MM-DD)`)
    }
  }
  for (const field of int32Fields) {
    const v = data[field]
    if (
      v !== undefined &&
      v !== null &&
      !(Number.isInteger(v) && Math.abs(v as number) < 2 ** 31)
    ) {
      add(`/${field}`, `${quote(v)} is not an integer`)
    }
  }
  if (dir.users !== undefined && typeof data.owned_by === 'string') {
    if (!dir.users.some((u) => u.user_name === data.owned_by)) {
      add('/owned_by', `${quote(data.owned_by)} is not a user`)
    }
  }
  rowList.forEach((row, i) => {
    const at = `/services_section/${i}`
    if (!isObject(row)) return add(at, 'must be an object')
    if (
      row.unique_id !== undefined &&
      !(typeof row.unique_id === 'string' && uuid.test(row.unique_id))
    ) {
      add(`${at}/unique_id`, `${quote(row.unique_id)} is not a lowercase uuid`)
    }
    // RecordJsonValidatorService: `_destroy` is `{ type: [boolean, null] }`, so "true" is refused.
    if (row._destroy !== undefined && row._destroy !== null && typeof row._destroy !== 'boolean') {
      add(`${at}/_destroy`, `${quote(row._destroy)} is not a boolean`)
    }
    for (const field of rowDateTimeFields) {
      const v = row[field]
      if (v !== undefined && v !== null && !(typeof v === 'string' && isIsoDateTime(v))) {
        add(`${at}/${field}`, `${quote(v)} is not a date-time`)
      }
    }
    const agency = row.service_implementing_agency
    if (dir.agencies !== undefined && typeof agency === 'string') {
      if (!dir.agencies.some((a) => a.unique_id === agency)) {
        add(`${at}/service_implementing_agency`, `${quote(agency)} is not an agency`)
      }
    }
  })
  return problems
}
