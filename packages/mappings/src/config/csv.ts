import * as E from 'fp-ts/lib/Either.js'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'

import { type ConfigError, configError } from './checks.js'
import { formatCsv, parseCsv } from './csvText.js'
import { MappingConfig } from './MappingConfig.js'
import { parseMappingConfig } from './parseMappingConfig.js'
import { unknownKeys } from './unknownKeys.js'

type Json = Record<string, unknown>

/** A list table: each item's cells in order (`province`: code, name, user). */
interface ListTable {
  readonly kind: string
  readonly path: ReadonlyArray<string>
  /** The item's keys in cell order; none for a list of strings. */
  readonly keys?: ReadonlyArray<string>
  readonly optional?: boolean
}

/** A map table: `key,value` per entry. */
interface MapTable {
  readonly kind: string
  readonly path: ReadonlyArray<string>
  readonly optional?: boolean
}

const lists: ReadonlyArray<ListTable> = [
  { kind: 'agency', path: ['agencies', 'known'] },
  { kind: 'province', path: ['provinces'], keys: ['code', 'name', 'primeroUser'] },
  {
    kind: 'service',
    path: ['services', 'taxonomy'],
    keys: ['primeroType', 'primeroSubtype', 'oscarName'],
  },
  { kind: 'oscar status', path: ['statuses', 'oscarStatuses'] },
  { kind: 'risk level', path: ['riskLevels', 'levels'], keys: ['primero', 'oscar'] },
  { kind: 'risk order', path: ['riskLevels', 'order'], optional: true },
]

const maps: ReadonlyArray<MapTable> = [
  { kind: 'inbound resolution', path: ['services', 'inboundResolutions'] },
  { kind: 'outbound alias', path: ['services', 'outboundAliases'] },
  { kind: 'status alias', path: ['statuses', 'oscarAliases'] },
  { kind: 'risk at least', path: ['riskLevels', 'outboundAtLeast'], optional: true },
]

/** The four status maps share one kind; the map's name is the row's first cell. */
const statusMaps = [
  'primeroServiceStatusToOscar',
  'oscarToPrimeroServiceStatus',
  'oscarToPrimeroReferralStatus',
  'primeroServiceStatusToReferralStatus',
] as const

const tablePaths = new Set(
  [...lists, ...maps, ...statusMaps.map((m) => ({ path: ['statuses', m] }))].map((t) =>
    t.path.join('.'),
  ),
)

const at = (json: unknown, path: ReadonlyArray<string>): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Json)[k] : v), json)

const setAt = (json: Json, path: ReadonlyArray<string>, value: unknown): void => {
  let node = json
  path.slice(0, -1).forEach((k) => {
    const next = node[k]
    node = typeof next === 'object' && next !== null ? (next as Json) : (node[k] = {})
  })
  node[path[path.length - 1] ?? ''] = value
}

export const CSV_HEADER = ['kind', 'key', 'value', 'more'] as const

/**
 * A mapping configuration as one CSV sheet, for a spreadsheet: a `kind` column (`setting`,
 * `flag`, `agency`, `province`, `service`, `status map`, …) and up to three cells per row.
 * `mappingFromCsv` reads it back: the round trip gives the same configuration.
 *
 * @example
 * fs.writeFileSync('mapping.csv', mappingToCsv(cambodia))
 */
export const mappingToCsv = (config: MappingConfig): string => {
  const json = JSON.parse(JSON.stringify(MappingConfig.encode(config))) as Json
  const rows: string[][] = [[...CSV_HEADER]]
  const settings = (value: unknown, path: ReadonlyArray<string>): void => {
    if (tablePaths.has(path.join('.'))) return
    if (typeof value === 'string') rows.push(['setting', path.join('.'), value])
    else if (typeof value === 'boolean') rows.push(['flag', path.join('.'), String(value)])
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) settings(v, [...path, k])
    }
  }
  settings(json, [])
  for (const t of lists) {
    const items = at(json, t.path)
    if (!Array.isArray(items)) continue
    if (t.optional === true && items.length === 0) rows.push(['declare', t.path.join('.')])
    for (const item of items) {
      const keys = t.keys
      rows.push([
        t.kind,
        ...(keys === undefined ? [String(item)] : keys.map((k) => String((item as Json)[k]))),
      ])
    }
  }
  const mapRows = (
    kind: string,
    map: unknown,
    path: ReadonlyArray<string>,
    optional: boolean,
    prefix: ReadonlyArray<string>,
  ): void => {
    if (typeof map !== 'object' || map === null) return
    const entries = Object.entries(map as Json)
    if (optional && entries.length === 0) rows.push(['declare', path.join('.')])
    for (const [k, v] of entries) rows.push([kind, ...prefix, k, String(v)])
  }
  for (const t of maps) mapRows(t.kind, at(json, t.path), t.path, t.optional === true, [])
  for (const m of statusMaps)
    mapRows('status map', at(json, ['statuses', m]), ['statuses', m], false, [m])
  return formatCsv(rows)
}

const rowError = (row: number, message: string): ConfigError =>
  configError(`csv row ${row}`, message)

/**
 * Reads a sheet written by `mappingToCsv` (or edited from one) into a configuration, checked
 * as `parseMappingConfig` checks a JSON file. Errors name CSV rows (`csv row 12`) or JSON
 * paths; none quotes a value.
 */
export const mappingFromCsv = (
  text: string,
): E.Either<NonEmptyArray<ConfigError>, MappingConfig> => {
  const json = csvToMappingJson(text)
  if (E.isLeft(json)) return json
  const unknown = unknownKeys(json.right).map((p) => configError(p, 'unknown key'))
  const [first, ...rest] = unknown
  return first === undefined ? parseMappingConfig(json.right) : E.left([first, ...rest])
}

/** The JSON object a CSV sheet describes, before any check of the configuration itself. */
export const csvToMappingJson = (text: string): E.Either<NonEmptyArray<ConfigError>, Json> => {
  const rows = parseCsv(text)
  if (rows === undefined) return E.left([configError('csv', 'a quoted cell is never closed')])
  const json: Json = {}
  for (const t of lists) if (t.optional !== true) setAt(json, t.path, [])
  for (const t of maps) if (t.optional !== true) setAt(json, t.path, {})
  for (const m of statusMaps) setAt(json, ['statuses', m], {})
  const errors: ConfigError[] = []
  rows.forEach((cells, i) => {
    const n = i + 1
    const [kind = '', a = '', b = '', c = ''] = cells
    if (cells.every((cell) => cell === '') || (i === 0 && kind === CSV_HEADER[0])) return
    const list = lists.find((t) => t.kind === kind)
    const map = maps.find((t) => t.kind === kind)
    if (kind === 'setting') setAt(json, a.split('.'), b)
    else if (kind === 'flag') {
      if (b !== 'true' && b !== 'false') errors.push(rowError(n, 'a flag is true or false'))
      setAt(json, a.split('.'), b === 'true')
    } else if (kind === 'declare') {
      const table = [...lists, ...maps].find((t) => t.optional === true && t.path.join('.') === a)
      if (table === undefined) errors.push(rowError(n, 'declares no optional table'))
      else if (at(json, table.path) === undefined)
        setAt(json, table.path, lists.includes(table as ListTable) ? [] : {})
    } else if (list !== undefined) {
      const items = (at(json, list.path) as unknown[] | undefined) ?? []
      if (at(json, list.path) === undefined) setAt(json, list.path, items)
      const keys = list.keys
      items.push(
        keys === undefined ? a : Object.fromEntries(keys.map((k, j) => [k, [a, b, c][j] ?? ''])),
      )
    } else if (map !== undefined || kind === 'status map') {
      const path = map !== undefined ? map.path : ['statuses', a]
      const [key, value] = map !== undefined ? [a, b] : [b, c]
      if (map === undefined && !(statusMaps as ReadonlyArray<string>).includes(a)) {
        errors.push(rowError(n, `not a status map: use one of ${statusMaps.join(', ')}`))
        return
      }
      const target = (at(json, path) as Json | undefined) ?? {}
      if (at(json, path) === undefined) setAt(json, path, target)
      if (Object.prototype.hasOwnProperty.call(target, key))
        errors.push(rowError(n, 'duplicate key in this map'))
      target[key] = value
    } else {
      errors.push(rowError(n, 'unknown kind'))
    }
  })
  const [first, ...rest] = errors
  return first === undefined ? E.right(json) : E.left([first, ...rest])
}
