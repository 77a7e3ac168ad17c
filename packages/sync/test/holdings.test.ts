import type { OscarClient } from '@primero-interop/oscar-client'
import { describe, expect, it } from 'vitest'

import { holdingsIndex, learnHoldings } from '../src/holdings.js'

const client = (global_id: string, organization_name: string, external_id?: string) =>
  ({
    global_id,
    organization_name,
    ...(external_id === undefined ? {} : { external_id }),
  }) as unknown as OscarClient

describe('holdings', () => {
  it('learns every NGO that holds a child, and keeps what earlier reads showed', () => {
    const first = learnHoldings({}, [client('G1', 'cif', 'case-1')])
    const second = learnHoldings(first, [client('G1', 'tpo'), client('G2', 'kmr')])
    expect(second).toEqual({
      G1: { orgs: ['cif', 'tpo'], caseId: 'case-1' },
      G2: { orgs: ['kmr'] },
    })
    expect(first).toEqual({ G1: { orgs: ['cif'], caseId: 'case-1' } })
  })

  it('finds the global id of a case at one NGO only, and the smallest of two', () => {
    const index = holdingsIndex(
      learnHoldings({}, [
        client('G9', 'cif', 'case-1'),
        client('G3', 'cif', 'case-1'),
        client('G5', 'tpo', 'case-1'),
      ]),
    )
    expect(index.globalIdAt('case-1', 'cif')).toBe('G3')
    expect(index.globalIdAt('case-1', 'tpo')).toBe('G5')
    expect(index.globalIdAt('case-1', 'kmr')).toBeUndefined()
    expect(index.orgsOf('G3')).toEqual(['cif'])
    expect(index.orgsOf('unknown')).toEqual([])
  })

  it('keeps an id such as __proto__ a plain key', () => {
    const table = learnHoldings({}, [client('__proto__', 'cif', 'constructor')])
    expect(Object.keys(table)).toEqual(['__proto__'])
    expect(holdingsIndex(table).orgsOf('__proto__')).toEqual(['cif'])
    expect(({} as Record<string, unknown>)['orgs']).toBeUndefined()
  })
})
