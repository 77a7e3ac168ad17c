import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { cambodia, MappingConfig, parseMappingConfig } from '../src/index.js'

const json = JSON.parse(JSON.stringify(MappingConfig.encode(cambodia))) as unknown

/** Every path to a leaf of a JSON value. */
const leaves = (
  value: unknown,
  path: ReadonlyArray<string | number> = [],
): Array<ReadonlyArray<string | number>> =>
  Array.isArray(value)
    ? value.flatMap((v, i) => leaves(v, [...path, i]))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
      : [path]

const setAt = (value: unknown, path: ReadonlyArray<string | number>, leaf: unknown): unknown => {
  const [head, ...rest] = path
  if (head === undefined) return leaf
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v))
  const record = value as Record<string, unknown>
  return { ...record, [head]: setAt(record[head], rest, leaf) }
}

describe('parseMappingConfig (properties)', () => {
  it('is total on any JSON: a configuration or errors with paths, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseMappingConfig(value)
        if (E.isLeft(result)) {
          for (const e of result.left) expect(typeof e.path).toBe('string')
        }
      }),
    )
  })

  it('a preset with one leaf changed is either still valid or refused with a path', () => {
    const paths = leaves(json)
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(fc.jsonValue(), fc.constantFrom('', '22', 'Referred')),
        (path, leaf) => {
          const result = parseMappingConfig(setAt(json, path, leaf))
          if (E.isLeft(result)) {
            expect(result.left.length).toBeGreaterThan(0)
            for (const e of result.left) expect(e.message).not.toBe('')
          }
        },
      ),
    )
  })
})
