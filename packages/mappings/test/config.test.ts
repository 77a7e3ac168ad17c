import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import type { ConfigError, MappingConfig } from '../src/index.js'
import { cambodia, MappingConfig as MappingConfigCodec, parseMappingConfig } from '../src/index.js'

/** The configuration as another country office would write it: plain JSON. */
const asJson = (config: MappingConfig): Record<string, unknown> =>
  JSON.parse(JSON.stringify(MappingConfigCodec.encode(config))) as Record<string, unknown>

const errorsOf = (json: unknown): ReadonlyArray<ConfigError> => {
  const result = parseMappingConfig(json)
  if (E.isRight(result)) expect.fail('expected configuration errors')
  return result.left
}

const paths = (json: unknown): ReadonlyArray<string> => errorsOf(json).map((e) => e.path)

describe('the cambodia preset', () => {
  it('is a valid configuration, and survives a JSON round trip', () => {
    expect(parseMappingConfig(cambodia)).toEqual(E.right(cambodia))
    expect(parseMappingConfig(asJson(cambodia))).toEqual(E.right(cambodia))
  })

  it('has exactly one entry per province code, 01 to 25', () => {
    const codes = cambodia.provinces.map((p) => p.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0')))
  })

  it('gives Stung Treng (19) its user, and keeps Oddar Meanchey (22) its own', () => {
    expect(cambodia.provinces.find((p) => p.code === '19')).toEqual({
      code: '19',
      name: 'Stung Treng',
      primeroUser: 'mgrstg',
    })
    expect(cambodia.provinces.find((p) => p.code === '22')?.primeroUser).toBe('mgromc')
  })

  it('resolves both ambiguous OSCaR names explicitly', () => {
    expect(cambodia.services.inboundResolutions).toEqual({
      'Therapeutic interventions': 'mental_health_support_therapeutic_interventions',
      'Therapeutic training': 'mental_health_support_therapeutic_training',
    })
  })

  it('requires consent by default', () => {
    expect(cambodia.consent.required).toBe(true)
  })
})

describe('parseMappingConfig', () => {
  it('turns on the consent policy when the JSON says nothing about it', () => {
    const { consent: _consent, ...rest } = asJson(cambodia)
    const parsed = parseMappingConfig(rest)
    expect(E.isRight(parsed) && parsed.right.consent).toEqual({ required: true })
  })

  it('points at both entries of a duplicated province code (the production 22)', () => {
    const json = asJson(cambodia)
    const provinces = (json['provinces'] as Array<Record<string, string>>).map((p) =>
      p['code'] === '19' ? { ...p, code: '22' } : p,
    )
    expect(errorsOf({ ...json, provinces })).toEqual([
      {
        _tag: 'ConfigError',
        path: 'provinces[18].code',
        message: expect.stringMatching(/duplicate/),
      },
      {
        _tag: 'ConfigError',
        path: 'provinces[21].code',
        message: expect.stringMatching(/duplicate/),
      },
    ])
  })

  it('wants two-digit province codes', () => {
    const json = asJson(cambodia)
    const provinces = (json['provinces'] as Array<Record<string, string>>).map((p, i) =>
      i === 3 ? { ...p, code: '4' } : p,
    )
    expect(paths({ ...json, provinces })).toEqual(['provinces[3].code'])
  })

  it('refuses an ambiguous OSCaR name without a resolution', () => {
    const json = asJson(cambodia)
    const services = json['services'] as Record<string, unknown>
    const noResolution = {
      ...services,
      inboundResolutions: { 'Therapeutic training': 'mental_health_support_therapeutic_training' },
    }
    expect(paths({ ...json, services: noResolution })).toEqual([
      'services.taxonomy[20].oscarName',
      'services.taxonomy[34].oscarName',
    ])
  })

  it('refuses a resolution to a subtype that does not share the name', () => {
    const json = asJson(cambodia)
    const services = json['services'] as Record<string, unknown>
    const wrong = {
      ...services,
      inboundResolutions: {
        ...(services['inboundResolutions'] as object),
        'Therapeutic training': 'counselling_trauma',
        'Kinship care': 'family_based_care_kinship',
      },
    }
    expect(paths({ ...json, services: wrong })).toEqual([
      'services.inboundResolutions["Therapeutic training"]',
      'services.inboundResolutions["Kinship care"]',
    ])
  })

  it('wants every status map total over its declared domain', () => {
    const json = asJson(cambodia)
    const statuses = json['statuses'] as Record<string, Record<string, string>>
    const { Active: _a, ...partial } = statuses['oscarToPrimeroServiceStatus'] ?? {}
    const broken = {
      ...statuses,
      oscarToPrimeroServiceStatus: partial,
      primeroServiceStatusToOscar: {
        ...statuses['primeroServiceStatusToOscar'],
        unknown_1: 'Accepted',
      },
    }
    expect(paths({ ...json, statuses: broken })).toEqual([
      'statuses.primeroServiceStatusToOscar.unknown_1',
      'statuses.oscarToPrimeroServiceStatus.Active',
    ])
  })

  it('points at values of the wrong type, without quoting them', () => {
    const json = asJson(cambodia)
    const riskLevels = json['riskLevels'] as Record<string, unknown>
    const errors = errorsOf({
      ...json,
      primero: { ...(json['primero'] as object), moduleId: 7 },
      riskLevels: { ...riskLevels, levels: [{ primero: 'low', oscar: 'quite low' }] },
    })
    expect(errors.map((e) => e.path)).toEqual(['primero.moduleId', 'riskLevels.levels[0].oscar'])
    expect(JSON.stringify(errors)).not.toMatch(/quite low/)
  })

  it('wants agency patterns with exactly one {organization}', () => {
    const json = asJson(cambodia)
    const agencies = { ...(json['agencies'] as object), idPattern: 'agency-' }
    expect(paths({ ...json, agencies })).toEqual(['agencies.idPattern'])
  })

  it('says what is wrong with something that is not a configuration at all', () => {
    expect(paths(null)).toEqual([''])
    expect(paths('cambodia')).toEqual([''])
    expect(paths({})).toContain('primero')
  })
})
