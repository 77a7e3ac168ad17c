import { createHash } from 'node:crypto'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { changedFields, uuidV5 } from '../src/index.js'
import { sha1 } from '../src/uuid.js'
import { lowerUuid, messyText } from './arbitraries/common.js'

/** Field values a case holds: text, numbers, booleans, nulls, arrays of text. */
const fieldValue = fc.oneof(
  messyText,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(messyText, { maxLength: 2 }),
)

const fieldName = fc.constantFrom(
  'sex',
  'age',
  'name_first',
  'oscar_number',
  'risk_level',
  'module_id',
)

const row = fc
  .tuple(
    lowerUuid,
    fc.dictionary(fc.constantFrom('service_type', 'referral_status_edf41f2', 'x'), fieldValue),
  )
  .map(([unique_id, rest]) => ({ ...rest, unique_id }))

const record = fc
  .tuple(fc.dictionary(fieldName, fieldValue), fc.array(row, { maxLength: 3 }))
  .map(([fields, rows]) => (rows.length === 0 ? fields : { ...fields, services_section: rows }))

/** Primero's PATCH: fields replace, rows merge by unique_id. */
const apply = (
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> => {
  const next: Record<string, unknown> = { ...current, ...patch }
  const rows = patch['services_section']
  if (Array.isArray(rows) && rows.length > 0) {
    const merged = Array.isArray(current['services_section'])
      ? [...(current['services_section'] as Array<Record<string, unknown>>)]
      : []
    for (const r of rows as Array<Record<string, unknown>>) {
      const at = merged.findIndex((m) => m['unique_id'] === r['unique_id'])
      if (at >= 0) merged[at] = { ...merged[at], ...r }
      else merged.push(r)
    }
    next['services_section'] = merged
  }
  return next
}

describe('changedFields (properties)', () => {
  it('a record compared with itself has no changes', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(changedFields(r, r)).toEqual([])
      }),
    )
  })

  it('once a patch is applied, it changes nothing more (the sync skips the write)', () => {
    fc.assert(
      fc.property(record, record, (current, patch) => {
        expect(changedFields(apply(current, patch), patch)).toEqual([])
      }),
    )
  })

  it('names only fields of the patch, and every field whose value differs', () => {
    fc.assert(
      fc.property(record, fc.dictionary(fieldName, fieldValue), (current, patch) => {
        const changed = changedFields(current, patch)
        for (const key of changed) expect(Object.keys(patch)).toContain(key)
        for (const key of Object.keys(patch)) {
          const before = current[key as keyof typeof current] as unknown
          const after = patch[key]
          if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null))
            expect(changed).toContain(key)
        }
      }),
    )
  })
})

describe('uuidV5 and SHA-1 (properties)', () => {
  it('SHA-1 agrees with node:crypto on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(
          createHash('sha1').update(bytes).digest('hex'),
        )
      }),
    )
  })

  it('uuidV5 agrees with an implementation on node:crypto, and is a lowercase v5 uuid', () => {
    const reference = (name: string, namespace: string): string => {
      const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
      const h = createHash('sha1').update(ns).update(name, 'utf8').digest()
      h[6] = ((h[6] ?? 0) & 0x0f) | 0x50
      h[8] = ((h[8] ?? 0) & 0x3f) | 0x80
      const x = h.subarray(0, 16).toString('hex')
      return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), lowerUuid, (name, namespace) => {
        const id = uuidV5(name, namespace)
        expect(id).toBe(reference(name, namespace))
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      }),
    )
  })
})
