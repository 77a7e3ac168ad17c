/**
 * The Cambodia NGO list and service names have one source (`@primero-interop/cambodia-data`):
 * the preset and the fake OSCaR's defaults are equal, and stay so.
 */
import {
  CAMBODIA_ORGANIZATIONS,
  CAMBODIA_SERVICE_NAMES,
  startFakeOscar,
} from '@primero-interop/oscar-client/testing'
import { describe, expect, it } from 'vitest'

import { cambodia } from '../src/index.js'

const presetServiceNames = [...new Set(cambodia.services.taxonomy.map((e) => e.oscarName))]

describe('the Cambodia preset and the fake OSCaR', () => {
  it('know the same NGOs, in the same order', () => {
    expect(cambodia.agencies.known).toEqual(CAMBODIA_ORGANIZATIONS)
    expect(cambodia.agencies.known).toHaveLength(24)
  })

  it("name the same OSCaR services (the fake's taxonomy is the preset's names)", () => {
    expect(CAMBODIA_SERVICE_NAMES).toEqual(presetServiceNames)
    expect(CAMBODIA_SERVICE_NAMES).not.toContain(cambodia.placeholders.unknownServiceName)
  })

  it('a fake started with its defaults serves exactly those', async () => {
    const fake = await startFakeOscar()
    try {
      expect(fake.organizations).toEqual(cambodia.agencies.known)
      expect(fake.services.map((s) => s.name)).toEqual(presetServiceNames)
    } finally {
      await fake.close()
    }
  })
})
