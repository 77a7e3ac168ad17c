/**
 * Each defect of the production jobs (INTEGRATION.md, "What the production jobs get
 * wrong") that concerns mappings, kept as a named regression test.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  cambodia,
  classifyClient,
  inboundCase,
  MappingConfig,
  outboundDecisions,
  outboundReferrals,
  parseMappingConfig,
  toOscarServiceName,
  toPrimeroService,
} from '../src/index.js'
import {
  decisionAccepted,
  ngoReferral,
  primeroClientUndecided,
  sharedByHolt,
  stungTrengReferral,
} from './fixtures/oscar.js'
import {
  caseReferredToTwoNgos,
  caseSecondReferral,
  caseWithDecisions,
  referralsToTwoNgos,
  rowIds,
} from './fixtures/primero.js'
import { oscarClient, primeroCase, primeroReferral, valueOf } from './helpers.js'

describe('production defect 1: the flow 1 decision filter let every case through', () => {
  it('a case without decided referral_from_oscar rows sends no decision', () => {
    expect(valueOf(outboundDecisions(primeroCase(caseReferredToTwoNgos), cambodia))).toEqual([])
    expect(valueOf(outboundDecisions(primeroCase(caseSecondReferral), cambodia))).toEqual([])
  })

  it('a referral_to_oscar row marked accepted, and pending or unset rows, are not decisions', () => {
    const ids = valueOf(outboundDecisions(primeroCase(caseWithDecisions), cambodia)).map(
      (d) => d.referral_id,
    )
    expect(ids).toEqual([1193, 1207])
    expect(ids).not.toContain(999)
  })
})

describe('production defect 2: the flow 2 "is this a decision" test was always truthy', () => {
  it('a Primero-originated client whose services are all Referred is a case, not a decision', () => {
    expect(classifyClient(oscarClient(primeroClientUndecided), cambodia)).toBe('case')
  })

  it('an NGO client is never a decision, whatever its statuses', () => {
    const ngo = oscarClient({ ...decisionAccepted, resource: null })
    expect(classifyClient(ngo, cambodia)).toBe('case')
    expect(classifyClient(oscarClient(ngoReferral), cambodia)).toBe('case')
  })

  it('a Primero client with a decided service is a decision', () => {
    expect(classifyClient(oscarClient(decisionAccepted), cambodia)).toBe('decision')
  })
})

describe('production defect 3: province 22 mapped twice, Stung Treng (19) had no user', () => {
  it('a referral from Stung Treng is owned by mgrstg, and Oddar Meanchey keeps mgromc', () => {
    const now = new Date('2025-06-01T00:00:00Z')
    expect(
      valueOf(inboundCase(oscarClient(stungTrengReferral), cambodia, { now })).data['owned_by'],
    ).toBe('mgrstg')
    const oddar = oscarClient({ ...stungTrengReferral, location_current_village_code: '22030405' })
    expect(valueOf(inboundCase(oddar, cambodia, { now })).data['owned_by']).toBe('mgromc')
  })

  it('a configuration with a province code twice is refused, pointing at both entries', () => {
    const json = MappingConfig.encode(cambodia)
    const provinces = json.provinces.map((p) => (p.code === '19' ? { ...p, code: '22' } : p))
    const result = parseMappingConfig({ ...json, provinces })
    expect(E.isLeft(result) && result.left.map((e) => e.path)).toEqual([
      'provinces[18].code',
      'provinces[21].code',
    ])
  })
})

describe('production defect 4: two OSCaR names each stood for two subtypes, silently', () => {
  it('both subtypes still go out under the shared name', () => {
    expect(toOscarServiceName('disability_support_therapeutic_interventions', cambodia)).toBe(
      'Therapeutic interventions',
    )
    expect(toOscarServiceName('mental_health_support_therapeutic_interventions', cambodia)).toBe(
      'Therapeutic interventions',
    )
  })

  it('inbound, the configuration says which subtype the name means', () => {
    expect(toPrimeroService('Therapeutic training', cambodia).subtype).toBe(
      'mental_health_support_therapeutic_training',
    )
    const disability = {
      ...cambodia,
      services: {
        ...cambodia.services,
        inboundResolutions: {
          ...cambodia.services.inboundResolutions,
          'Therapeutic training': 'disability_support_therapeutic_training',
        },
      },
    }
    expect(toPrimeroService('Therapeutic training', disability)).toMatchObject({
      type: 'disability_support',
      subtype: 'disability_support_therapeutic_training',
    })
  })

  it('a configuration that leaves an ambiguous name unresolved is refused', () => {
    const json = MappingConfig.encode(cambodia)
    const result = parseMappingConfig({
      ...json,
      services: { ...json.services, inboundResolutions: {} },
    })
    expect(E.isLeft(result) && result.left.length).toBe(4)
  })
})

describe('production defect 5 (sync): a 10,000-record page silently lost cases; mapping angle', () => {
  it('referrals are chosen by their own created_at, inclusive of the cursor, so a window boundary loses none', () => {
    const input = {
      case: primeroCase(caseReferredToTwoNgos),
      referrals: referralsToTwoNgos.map(primeroReferral),
    }
    const atBoundary = valueOf(
      outboundReferrals(input, cambodia, { since: '2025-03-02T09:30:00.000Z' }),
    )
    expect(atBoundary.map((r) => r.referralId)).toEqual(['ref-holt-1'])
  })
})

describe('production defect 6: organisation taken from the first referral_to_oscar row', () => {
  it('a child referred to two NGOs gives one upsert to each, from each row', () => {
    const input = {
      case: primeroCase(caseReferredToTwoNgos),
      referrals: referralsToTwoNgos.map(primeroReferral),
    }
    const sent = valueOf(outboundReferrals(input, cambodia, { since: undefined }))
    expect(sent.map((r) => [r.organization, r.payload.organization_name, r.serviceRowId])).toEqual([
      ['cif', 'cif', rowIds.kinshipToCif],
      ['holt', 'holt', rowIds.traumaToHolt],
    ])
    expect(sent.map((r) => r.payload.services)).toEqual([
      [{ uuid: rowIds.kinshipToCif, name: 'Kinship care' }],
      [{ uuid: rowIds.traumaToHolt, name: 'Trauma counselling' }],
    ])
  })
})

describe('production defect 7 (sync): one bad record failed the batch; mapping angle', () => {
  it('a bad record is a value (Left) for that record only; the others map', () => {
    const now = new Date('2025-06-01T00:00:00Z')
    const batch = [
      oscarClient(ngoReferral),
      oscarClient({
        ...ngoReferral,
        global_id: 'G-bad',
        location_current_village_code: '99999999',
      }),
      oscarClient(sharedByHolt),
    ]
    const results = batch.map((c) => inboundCase(c, cambodia, { now }))
    expect(results.map(E.isRight)).toEqual([true, false, true])
  })
})

describe('production defect 8: globals and the wall clock inside mappings', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('the same input gives the same output whatever the wall clock says', () => {
    const client = oscarClient(sharedByHolt)
    const now = new Date('2025-06-01T00:00:00Z')
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'))
    const later = inboundCase(client, cambodia, { now })
    vi.setSystemTime(new Date('2019-01-01T00:00:00Z'))
    const earlier = inboundCase(client, cambodia, { now })
    expect(later).toEqual(earlier)
    expect(E.isRight(later) && later.right.value.data['age']).toBe(13)
  })

  it('no source file reads the clock, the environment, randomness or a console', () => {
    const dir = join(import.meta.dirname, '..', 'src')
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    )
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8')
      expect(source, file).not.toMatch(
        /Date\.now\(|new Date\(\)|process\.|Math\.random|console\.|globalThis/,
      )
    }
  })
})
