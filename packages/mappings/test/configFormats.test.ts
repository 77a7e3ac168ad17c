import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import {
  cambodia,
  csvToMappingJson,
  genericSheetWords,
  type JsonSchema,
  MappingConfig,
  mappingFromCsv,
  mappingJsonSchema,
  mappingTemplate,
  mappingToCsv,
  parseMappingConfig,
  renderMappingSheet,
  unknownKeys,
} from '../src/index.js'

const asJson = (c: MappingConfig): Record<string, unknown> =>
  JSON.parse(JSON.stringify(MappingConfig.encode(c))) as Record<string, unknown>

/** Every schema node, with its path. */
const nodes = (s: JsonSchema, path = ''): Array<[string, JsonSchema]> => [
  [path, s],
  ...Object.entries(s.properties ?? {}).flatMap(([k, v]) => nodes(v, `${path}.${k}`)),
  ...(s.items === undefined ? [] : nodes(s.items, `${path}[]`)),
  ...(typeof s.additionalProperties === 'object' ? nodes(s.additionalProperties, `${path}{}`) : []),
]

/** The schema's required keys that `json` lacks, and its keys the schema lacks. */
const schemaGaps = (json: unknown, s: JsonSchema, path = ''): string[] => {
  if (s.type === 'array' && Array.isArray(json) && s.items !== undefined) {
    const items = s.items
    return json.flatMap((v, i) => schemaGaps(v, items, `${path}[${i}]`))
  }
  if (s.type !== 'object' || typeof json !== 'object' || json === null) return []
  const record = json as Record<string, unknown>
  const missing = (s.required ?? []).filter((k) => !(k in record)).map((k) => `${path}.${k}`)
  return [
    ...missing,
    ...Object.entries(record).flatMap(([k, v]) => {
      const child =
        s.properties?.[k] ??
        (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined)
      return child === undefined ? [`${path}.${k} (unknown)`] : schemaGaps(v, child, `${path}.${k}`)
    }),
  ]
}

describe('mappingJsonSchema', () => {
  it('gives every key a title and a description', () => {
    for (const [path, node] of nodes(mappingJsonSchema)) {
      expect(node.title, path).toBeTruthy()
      expect(node.description, path).toBeTruthy()
    }
  })

  it('describes the Cambodia preset and the template exactly: no key missing, none unknown', () => {
    expect(schemaGaps(asJson(cambodia), mappingJsonSchema)).toEqual([])
    expect(schemaGaps(asJson(mappingTemplate), mappingJsonSchema)).toEqual([])
  })

  it("lists every key of the codec's required objects as required", () => {
    const stripped = asJson(cambodia)
    delete stripped['consent']
    const riskLevels = stripped['riskLevels'] as Record<string, unknown>
    delete riskLevels['outboundAtLeast']
    delete riskLevels['order']
    // What the schema says is optional, the codec accepts missing.
    expect(E.isRight(parseMappingConfig(stripped))).toBe(true)
  })
})

describe('unknownKeys', () => {
  it('names misspelt keys at any depth, never a value, and accepts $schema', () => {
    const json = asJson(cambodia)
    const primero = json['primero'] as Record<string, unknown>
    const provinces = json['provinces'] as Array<Record<string, unknown>>
    const bad = {
      ...json,
      $schema: './mapping.schema.json',
      primero: { ...primero, moduleID: 'secret-value' },
      provinces: provinces.map((p, i) => (i === 3 ? { ...p, user: 'x' } : p)),
    }
    expect(unknownKeys(bad)).toEqual(['primero.moduleID', 'provinces[3].user'])
    expect(unknownKeys(asJson(cambodia))).toEqual([])
  })
})

describe('mappingTemplate', () => {
  it('is a valid configuration as it is', () => {
    expect(parseMappingConfig(asJson(mappingTemplate))).toEqual(E.right(mappingTemplate))
  })
})

describe('mappingToCsv / mappingFromCsv', () => {
  it('round-trips the Cambodia preset and the template', () => {
    expect(mappingFromCsv(mappingToCsv(cambodia))).toEqual(E.right(cambodia))
    expect(mappingFromCsv(mappingToCsv(mappingTemplate))).toEqual(E.right(mappingTemplate))
  })

  it('has one kind column and readable rows', () => {
    const csv = mappingToCsv(cambodia)
    expect(csv.split('\r\n')[0]).toBe('kind,key,value,more')
    expect(csv).toContain('\r\nprovince,19,Stung Treng,mgrstg\r\n')
    expect(csv).toContain('\r\nstatus map,oscarToPrimeroServiceStatus,Referred,pending_310366\r\n')
    expect(csv).toContain('\r\nflag,consent.required,true\r\n')
  })

  it('names the CSV row of an unknown kind, a bad flag, a bad status map, a duplicate key', () => {
    const csv = mappingToCsv(mappingTemplate)
    const extra = [
      'provence,01,x,y',
      'flag,consent.required,yes',
      'status map,noSuchMap,a,b',
      'status alias,Accetped,Accepted',
      'status alias,Accetped,Accepted',
    ].join('\r\n')
    const result = csvToMappingJson(`${csv}${extra}\r\n`)
    const rows = csv.split('\r\n').length
    expect(E.isLeft(result) && result.left.map((e) => e.path)).toEqual([
      `csv row ${rows}`,
      `csv row ${rows + 1}`,
      `csv row ${rows + 2}`,
      `csv row ${rows + 4}`,
    ])
  })

  it('refuses an unclosed quote, an unknown setting, and an invalid table with its path', () => {
    expect(E.isLeft(mappingFromCsv('kind,key\r\nsetting,name,"open\r\n'))).toBe(true)
    const unknown = mappingFromCsv(`${mappingToCsv(mappingTemplate)}setting,primero.moduleID,x\r\n`)
    expect(E.isLeft(unknown) && unknown.left.map((e) => e.path)).toEqual(['primero.moduleID'])
    const dup = mappingFromCsv(`${mappingToCsv(mappingTemplate)}province,01,Again,someone\r\n`)
    expect(E.isLeft(dup) && dup.left.map((e) => e.path)).toContain('provinces[1].code')
  })
})

describe('renderMappingSheet for another country', () => {
  const other: MappingConfig = { ...mappingTemplate, name: 'lakeland' }

  it('speaks of no Cambodian ministry, jobs or defects', () => {
    const sheet = renderMappingSheet(other)
    for (const word of [
      'MoSVY',
      'production defect',
      'unicef-cambodia',
      'Differences from the production jobs',
      'Cambodia',
    ]) {
      expect(sheet).not.toContain(word)
    }
    expect(sheet).toContain('# Mapping sheet: lakeland')
    expect(sheet).toContain("the Primero side's decision")
    expect(sheet).toContain('primero-interop mapping export --format md')
  })

  it('takes the words it is given', () => {
    const sheet = renderMappingSheet(other, { ...genericSheetWords, primeroSide: 'the Ministry' })
    expect(sheet).toContain('so the Ministry sees it awaiting a decision')
    const compared = renderMappingSheet(other, { primeroSide: 'DSW', productionJobs: '`old-jobs`' })
    expect(compared).toContain('## Differences from the production jobs')
    expect(compared).toContain('production OpenFn jobs (`old-jobs`)')
  })
})
