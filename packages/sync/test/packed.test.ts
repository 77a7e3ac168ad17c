/**
 * What a large run holds between its flows, packed (`packed.ts`): every record comes back
 * equal to its JSON, in order, as often as it is read; packed, it takes far less room.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { Packed, PACKED_CHUNK, PackedMap, PackedSet, packJson, unpackJson } from '../src/packed.js'

const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown
const budget = { numRuns: 60, interruptAfterTimeLimit: 4_000 }

/** A record shaped like a Primero case: the same fields, different values. */
const caseLike = (i: number) => ({
  id: `${String(i).padStart(8, '0')}-4e1a-4b7c-9d2e-${String(i * 7919).padStart(12, '0')}`,
  case_id: `c${i}`,
  name_first: `ឈ្មោះ ${i}`,
  sex: i % 2 === 0 ? 'female' : 'male',
  date_of_birth: `2012-0${(i % 9) + 1}-1${i % 10}`,
  location_current: `1201020${i % 10}`,
  services_section: [
    {
      unique_id: `row-${i}`,
      service_type: 'legal_support',
      service_response_type: 'referral_to_oscar',
    },
  ],
})

describe('Packed', () => {
  it.each([false, true])(
    'gives back every record, equal to its JSON, in order, on every pass (spill: %s)',
    (spill) => {
      fc.assert(
        fc.property(fc.array(fc.jsonValue(), { maxLength: 3 * PACKED_CHUNK }), (records) => {
          const packed = new Packed<unknown>({ spill })
          for (const r of records) packed.add(r)
          expect(packed.length).toBe(records.length)
          expect([...packed]).toEqual(records.map(asJson))
          expect([...packed]).toEqual(records.map(asJson))
          packed.release()
          expect([...packed]).toEqual([])
        }),
        { ...budget, numRuns: 30 },
      )
    },
  )

  it('packJson gives back the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(unpackJson(packJson(v))).toEqual(asJson(v))
      }),
      budget,
    )
  })
})

describe.each([false, true])('PackedMap (spill: %s)', (spill) => {
  it('answers each key with the last value set, before and after it learns its dictionary', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.jsonValue()), { maxLength: 80 }),
        (sets) => {
          const map = new PackedMap<unknown>({ spill })
          const model = new Map<string, unknown>()
          for (const [k, v] of sets) {
            map.set(k, v)
            model.set(k, asJson(v))
          }
          expect(map.size).toBe(model.size)
          for (const [k, v] of model) expect(map.get(k)).toEqual(v)
          const [first] = model.keys()
          if (first !== undefined) {
            map.delete(first)
            expect(map.has(first)).toBe(false)
            expect(map.get(first)).toBeUndefined()
          }
          map.clear()
          expect(map.size).toBe(0)
        },
      ),
      budget,
    )
  })

  it('holds records like cases in a fraction of their JSON', () => {
    const map = new PackedMap<ReturnType<typeof caseLike>>({ spill })
    let json = 0
    for (let i = 0; i < 500; i++) {
      map.set(`k${i}`, caseLike(i))
      json += JSON.stringify(caseLike(i)).length
    }
    // Spilled, memory keeps only the records it learnt its dictionary from.
    expect(map.spilling).toBe(spill)
    expect(map.storedChars).toBeLessThan(spill ? json / 25 : json / 3)
    for (let i = 0; i < 500; i += 37) expect(map.get(`k${i}`)).toEqual(caseLike(i))
    map.clear()
    expect(map.spilling).toBe(false)
    // A record set after `clear` starts afresh.
    map.set('again', caseLike(1))
    expect(map.get('again')).toEqual(caseLike(1))
  })
})

describe('PackedSet', () => {
  it('holds the keys a Set would, spilled or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.string({ maxLength: 3 })), { maxLength: 200 }),
        fc.boolean(),
        (ops, spill) => {
          const set = new PackedSet({ spill })
          const model = new Set<string>()
          for (const [add, key] of ops) {
            if (add) {
              set.add(key)
              model.add(key)
            } else {
              set.delete(key)
              model.delete(key)
            }
          }
          expect(set.size).toBe(model.size)
          expect([...set].sort()).toEqual([...model].sort())
          for (const [, key] of ops) expect(set.has(key)).toBe(model.has(key))
          set.clear()
          expect(set.size).toBe(0)
        },
      ),
      budget,
    )
  })

  it('gives each key once, in the order it was last added, past a spilled chunk and after clear', () => {
    const set = new PackedSet({ spill: true })
    const keys = Array.from({ length: PACKED_CHUNK * 3 + 7 }, (_, i) => `case-${i}`)
    for (const key of keys) set.add(key)
    // Added twice: still once. Deleted and added again: at its new place.
    set.add('case-3')
    set.delete('case-1')
    set.delete('case-2')
    set.add('case-1')
    expect([...set]).toEqual(['case-0', ...keys.slice(3), 'case-1'])
    expect(set.size).toBe(keys.length - 1)
    set.clear()
    expect([...set]).toEqual([])
    set.add('again')
    expect([...set]).toEqual(['again'])
    expect(set.has('case-0')).toBe(false)
  })
})
