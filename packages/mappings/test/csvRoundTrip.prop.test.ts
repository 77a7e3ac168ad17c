import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import {
  cambodia,
  type MappingConfig,
  mappingFromCsv,
  mappingTemplate,
  mappingToCsv,
  parseMappingConfig,
} from '../src/index.js'

/** Text a spreadsheet makes hard: commas, quotes, line breaks, edge spaces, Khmer. */
const awkward = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('a,b', 'say "hi"', 'two\r\nlines', ' padded ', 'ខេត្ត', 'x\ny', '"'),
)
const id = awkward.filter((s) => s.trim() !== '')
const distinct = (n: number) => fc.uniqueArray(id, { minLength: n, maxLength: n + 3 })
const orgName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,8}$/)

/** Valid configurations: the template's shape with the deployment's tables drawn at random. */
const arbConfig: fc.Arbitrary<MappingConfig> = fc
  .record({
    name: id,
    moduleId: id,
    fieldIds: distinct(6),
    orgs: fc.uniqueArray(orgName, { minLength: 0, maxLength: 5 }),
    provinces: fc.uniqueArray(
      fc.record({ code: fc.stringMatching(/^\d{2}$/), name: awkward, primeroUser: id }),
      { selector: (p) => p.code, maxLength: 6 },
    ),
    services: fc.uniqueArray(fc.record({ primeroType: id, primeroSubtype: id, oscarName: id }), {
      selector: (s) => s.primeroSubtype,
      maxLength: 6,
    }),
    withRiskOrder: fc.boolean(),
    evidenceField: fc.option(id, { nil: undefined }),
    required: fc.boolean(),
  })
  .map((r): MappingConfig => {
    const names = new Set<string>()
    // OSCaR names made unique, so no name needs an inbound resolution.
    const taxonomy = r.services.map((s, i) => {
      const oscarName = names.has(s.oscarName) ? `${s.oscarName}#${i}` : s.oscarName
      names.add(oscarName)
      return { ...s, oscarName }
    })
    const keys = Object.keys(mappingTemplate.primero.fieldIds)
    return {
      ...mappingTemplate,
      name: r.name,
      primero: {
        ...mappingTemplate.primero,
        moduleId: r.moduleId,
        fieldIds: Object.fromEntries(
          keys.map((k, i) => [k, r.fieldIds[i] ?? k]),
        ) as MappingConfig['primero']['fieldIds'],
      },
      agencies: { ...mappingTemplate.agencies, known: r.orgs },
      provinces: r.provinces,
      services: { ...mappingTemplate.services, taxonomy },
      riskLevels: r.withRiskOrder ? cambodia.riskLevels : mappingTemplate.riskLevels,
      consent:
        r.evidenceField === undefined
          ? { required: r.required }
          : { required: r.required, evidenceField: r.evidenceField },
    }
  })

describe('mapping CSV (properties)', () => {
  it('config → CSV → config gives the same configuration', () => {
    fc.assert(
      fc.property(arbConfig, (config) => {
        expect(parseMappingConfig(JSON.parse(JSON.stringify(config)))).toEqual(E.right(config))
        expect(mappingFromCsv(mappingToCsv(config))).toEqual(E.right(config))
      }),
      { numRuns: 200 },
    )
  })

  it('never throws on any text: a configuration or errors with paths', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = mappingFromCsv(text)
        if (E.isLeft(result)) for (const e of result.left) expect(e.path).not.toBe(undefined)
      }),
      { numRuns: 200 },
    )
  })
})
