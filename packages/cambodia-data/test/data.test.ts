import { describe, expect, it } from 'vitest'

import {
  CAMBODIA_ORGANIZATIONS,
  CAMBODIA_SERVICE_NAMES,
  CAMBODIA_SERVICE_TAXONOMY,
} from '../src/index.js'

describe('the Cambodia data', () => {
  it('has 24 distinct NGO short names', () => {
    expect(CAMBODIA_ORGANIZATIONS).toHaveLength(24)
    expect(new Set(CAMBODIA_ORGANIZATIONS).size).toBe(24)
    for (const o of CAMBODIA_ORGANIZATIONS) expect(o).toMatch(/^[a-z]+$/)
  })

  it('a subtype maps to one OSCaR name; names are listed once each', () => {
    const subtypes = CAMBODIA_SERVICE_TAXONOMY.map((e) => e.primeroSubtype)
    expect(new Set(subtypes).size).toBe(subtypes.length)
    expect(CAMBODIA_SERVICE_NAMES).toHaveLength(48)
    expect(new Set(CAMBODIA_SERVICE_NAMES).size).toBe(48)
    expect(CAMBODIA_SERVICE_NAMES).not.toContain('Not Specified')
  })

  it('is frozen', () => {
    expect(Object.isFrozen(CAMBODIA_ORGANIZATIONS)).toBe(true)
    expect(Object.isFrozen(CAMBODIA_SERVICE_TAXONOMY[0])).toBe(true)
  })
})
