import { describe, expect, it } from 'vitest'

import type { PrimeroCaseWrite } from '../src/index.js'
import { isAmbiguousMatch, isUncertainMatch } from '../src/index.js'
import { referredChild } from './fixtures/cases.js'
import { calls, fails, ok, recordingLogger, withClient } from './helpers.js'

const target = '01J8Z3XK4Q7M2N5P6R8S9T0TGT'
const other = '01J8Z3XK4Q7M2N5P6R8S9T0OTH'

/** Basic-auth GET straight to the fake, as a naive client would send it. */
const rawGet = async (
  fake: { url: string; username: string; password: string },
  path: string,
): Promise<{ data: Array<Record<string, unknown>> }> => {
  const auth = Buffer.from(`${fake.username}:${fake.password}`).toString('base64')
  const res = await fetch(`${fake.url}${path}`, { headers: { authorization: `Basic ${auth}` } })
  return (await res.json()) as { data: Array<Record<string, unknown>> }
}

describe('upsertCase against a server that drops the filter (mosvy_number is not filterable)', () => {
  const permissive = { filterableFields: ['id', 'case_id', 'last_updated_at'] }

  it('a "first match" upsert would update the wrong child; ours updates the right one', async () => {
    const logger = recordingLogger()
    const { fake, primero } = await withClient(permissive, { logger })
    const [right, wrong] = fake.seedCases([
      { id: 'right', mosvy_number: target, created_at: '2025-01-01T00:00:00.000Z' },
      { id: 'wrong', mosvy_number: other, created_at: '2025-02-01T00:00:00.000Z' },
    ])

    // The trap: the filter is dropped, the newest case comes first, and it is not ours.
    const naive = await rawGet(fake, `/api/v2/cases?mosvy_number=${target}`)
    expect(naive.data[0]?.id).toBe(wrong?.id)

    const result = await ok(
      primero.upsertCase({ match: { mosvy_number: target }, data: { risk_level: 'high' } }),
    )
    expect(result.action).toBe('updated')
    expect(result.case.id).toBe(right?.id)
    const stored = new Map(fake.cases().map((c) => [c.id, c]))
    expect(stored.get('right')?.risk_level).toBe('high')
    expect(stored.get('wrong')?.risk_level).toBeUndefined()
    expect(logger.events.map((e) => e.event)).toContain('primero.match.unfiltered')
  })

  it('creates a new case rather than updating an unrelated one when nothing matches', async () => {
    const { fake, primero } = await withClient(permissive)
    fake.seedCases([{ id: 'unrelated', oscar_number: other }])
    const result = await ok(
      primero.upsertCase({ match: { oscar_number: target }, data: { risk_level: 'low' } }),
    )
    expect(result.action).toBe('created')
    expect(result.case.oscar_number).toBe(target)
    expect(fake.cases().find((c) => c.id === 'unrelated')?.risk_level).toBeUndefined()
  })

  it('an unfiltered answer of more than a page is uncertain: nothing is created', async () => {
    const { fake, primero } = await withClient(permissive)
    fake.seedCases(Array.from({ length: 1500 }, (_, i) => ({ id: `c${i}`, mosvy_number: `N${i}` })))
    const error = await fails(primero.upsertCase({ match: { mosvy_number: 'N1400' }, data: {} }))
    expect(isUncertainMatch(error) && error.reason).toBe('unfiltered')
    expect(fake.cases()).toHaveLength(1500)
    expect(calls(fake, 'POST', '/api/v2/cases')).toBe(0)
  })

  it('an identifier filter (oscar_number) applies whatever the role reads: one search', async () => {
    const { fake, primero } = await withClient({ filterableFields: ['id'] })
    fake.seedCases(Array.from({ length: 1500 }, (_, i) => ({ id: `c${i}`, oscar_number: `N${i}` })))
    const found = await ok(primero.findCases({ oscar_number: 'N1400' }))
    expect(found.map((c) => c.id)).toEqual(['c1400'])
    expect(calls(fake, 'GET', '/api/v2/cases')).toBe(1)
  })
})

describe('findCases', () => {
  it('finds by an exact filter in one request when the server honours it', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([
      { id: 'a', oscar_number: target },
      { id: 'b', oscar_number: other },
    ])
    const found = await ok(primero.findCases({ oscar_number: target }))
    expect(found.map((c) => c.id)).toEqual(['a'])
    expect(new URLSearchParams(fake.requests[0]?.query).get('oscar_number')).toBe(target)
  })

  it('an all-digit mosvy_number alone cannot be looked up: UncertainMatch, no request, no create', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([
      { id: 'a', mosvy_number: '4410027' },
      { id: 'b', mosvy_number: '44100270' },
    ])
    // The trap: `mosvy_number=4410027` is an integer filter and matches no text field,
    // and the id search does not look at mosvy_number.
    expect((await rawGet(fake, '/api/v2/cases?mosvy_number=4410027')).data).toEqual([])
    expect((await rawGet(fake, '/api/v2/cases?query=4410027&id_search=true')).data).toEqual([])
    fake.clearRequests()
    const error = await fails(primero.upsertCase({ match: { mosvy_number: '4410027' }, data: {} }))
    expect(isUncertainMatch(error) && error.reason).toBe('digits')
    expect(fake.requests).toEqual([])
    expect(fake.cases()).toHaveLength(2)
  })

  it('an all-digit oscar_number is exact text: found by its filter, checked on the answer (no second read)', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([
      { id: 'a', oscar_number: '4410027', mosvy_number: '77' },
      { id: 'b', oscar_number: '44100270' },
    ])
    const found = await ok(primero.findCases({ oscar_number: '4410027', mosvy_number: '77' }))
    expect(found.map((c) => c.id)).toEqual(['a'])
    // The filter search answers every readable field, as a read by id does.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/cases'])
  })

  it('a found case that does not show a key field is uncertain, not "no match"', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([{ id: 'a', oscar_number: 'OSC-1' }])
    const error = await fails(
      primero.upsertCase({ match: { oscar_number: 'OSC-1', mosvy_number: '4410027' }, data: {} }),
    )
    expect(isUncertainMatch(error) && error.reason).toBe('unreadable')
    expect(fake.cases()).toHaveLength(1)
  })

  it('checks every key: a record matching one key but not the other is no match', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([{ id: 'a', oscar_number: target, case_id: 'case-1' }])
    expect(await ok(primero.findCases({ oscar_number: target, case_id: 'case-2' }))).toEqual([])
  })

  it('by id: reads the record, and finds nothing for an unknown id', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([{ id: 'a', oscar_number: target }])
    expect((await ok(primero.findCases({ id: 'a' }))).map((c) => c.id)).toEqual(['a'])
    expect(await ok(primero.findCases({ id: 'a', oscar_number: other }))).toEqual([])
    expect(await ok(primero.findCases({ id: 'zzz' }))).toEqual([])
  })

  it('throws on an empty match (it would match every case)', async () => {
    const { primero } = await withClient()
    expect(() => primero.findCases({})).toThrow(TypeError)
    expect(() => primero.upsertCase({ match: { oscar_number: '' }, data: {} })).toThrow(TypeError)
  })
})

describe('upsertCase', () => {
  it('creates with the match keys, then updates the same case on the next run', async () => {
    const { fake, primero } = await withClient()
    const first = await ok(
      primero.upsertCase({
        match: { oscar_number: target },
        // An explicit undefined, as a JavaScript caller or an object spread may send.
        data: { ...referredChild, oscar_number: undefined } as unknown as PrimeroCaseWrite,
      }),
    )
    expect(first.action).toBe('created')
    expect(first.case.oscar_number).toBe(target)
    const second = await ok(
      primero.upsertCase({ match: { oscar_number: target }, data: { risk_level: 'high' } }),
    )
    expect(second).toMatchObject({
      action: 'updated',
      case: { id: first.case.id, risk_level: 'high' },
    })
    expect(fake.cases()).toHaveLength(1)
  })

  it('matching by id creates with that id (a POST safe to retry)', async () => {
    const { fake, primero } = await withClient()
    const id = '0f0e0d0c-0b0a-4908-8706-050403020100'
    const result = await ok(primero.upsertCase({ match: { id }, data: { risk_level: 'low' } }))
    expect(result).toMatchObject({ action: 'created', case: { id, risk_level: 'low' } })
    expect(fake.requests.find((r) => r.method === 'POST')?.status).toBe(204)
  })

  it('several matches: AmbiguousMatch with the keys and ids, and nothing is written', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([
      { id: 'twin-1', oscar_number: target },
      { id: 'twin-2', oscar_number: target },
    ])
    const error = await fails(
      primero.upsertCase({ match: { oscar_number: target }, data: { risk_level: 'low' } }),
    )
    expect(isAmbiguousMatch(error)).toBe(true)
    expect(isAmbiguousMatch(error) && [error.keys, [...error.ids].sort()]).toEqual([
      ['oscar_number'],
      ['twin-1', 'twin-2'],
    ])
    expect(error.message).toContain('twin-1')
    expect(fake.requests.every((r) => r.method === 'GET')).toBe(true)
  })
})

describe('upsertCase input checks', () => {
  it('throws when data contradicts the match (the next run could not find the case)', async () => {
    const { primero } = await withClient()
    expect(() =>
      primero.upsertCase({ match: { oscar_number: target }, data: { oscar_number: other } }),
    ).toThrow(/data\.oscar_number differs from match\.oscar_number/)
  })
})
