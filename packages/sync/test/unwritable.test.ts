import { describe, expect, it } from 'vitest'

import { unwrittenFields, withoutFields } from '../src/unwritable.js'

const row = 'a1b2c3d4-0000-4000-8000-000000000001'

describe('unwrittenFields', () => {
  it('names a case field the echo does not carry, and none that it does', () => {
    const written = { sex: 'female', favourite_colour: 'red', age: 7 }
    const echoed = { id: 'r1', sex: 'female', age: 7 }
    expect(unwrittenFields(echoed, written)).toEqual(['favourite_colour'])
  })

  it('names a subform row field by subform and field, whatever the row', () => {
    const written = {
      services_section: [{ unique_id: row, service_type: 'x', secret_flag: true }],
    }
    const echoed = { services_section: [{ unique_id: row, service_type: 'x' }] }
    expect(unwrittenFields(echoed, written)).toEqual(['services_section.secret_flag'])
  })

  it('names the subform when a row was not stored at all, and skips removed rows', () => {
    const written = {
      services_section: [
        { unique_id: row, service_type: 'x' },
        { unique_id: 'a1b2c3d4-0000-4000-8000-000000000002', _destroy: true },
      ],
    }
    expect(unwrittenFields({ services_section: [] }, written)).toEqual(['services_section'])
  })

  it('treats null and absent as the same', () => {
    expect(unwrittenFields({}, { mosvy_number: null })).toEqual([])
  })
})

describe('withoutFields', () => {
  it('drops case fields and subform row fields by name, keeping the rest', () => {
    const patch = {
      sex: 'male',
      favourite_colour: 'red',
      services_section: [{ unique_id: row, service_type: 'x', secret_flag: true }],
    }
    expect(
      withoutFields(patch, new Set(['favourite_colour', 'services_section.secret_flag'])),
    ).toEqual({ sex: 'male', services_section: [{ unique_id: row, service_type: 'x' }] })
  })

  it('returns the patch itself when nothing is skipped', () => {
    const patch = { sex: 'male' }
    expect(withoutFields(patch, new Set())).toBe(patch)
  })
})
