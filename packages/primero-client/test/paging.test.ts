import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import type { CasePage, PrimeroClient, PrimeroError } from '../src/index.js'
import { isDenseWindow } from '../src/index.js'
import type { FakePrimero } from '../src/testing/index.js'
import { clientFor, fakePrimero, tickingClock } from './helpers.js'
import { rewriting, withFields } from './rewriting.js'

const base = Date.parse('2025-07-01T00:00:00.000Z')
const iso = (ms: number): string => new Date(ms).toISOString()
const pad = (i: number): string => `c${String(i).padStart(5, '0')}`

/** A client whose clock readings are kept: the first one is the window's `until`. */
const recordingClient = (fake: FakePrimero, clock: () => Date) => {
  const reads: Date[] = []
  const primero = clientFor(fake, {
    clock: () => {
      const d = clock()
      reads.push(d)
      return d
    },
  })
  return { primero, until: () => reads[0]?.getTime() ?? Number.NaN }
}

/** Iterates, calling `between` after each page; returns every yielded id in order. */
const drain = async (
  pages: AsyncIterable<E.Either<PrimeroError, CasePage>>,
  between: (page: CasePage) => void = () => undefined,
): Promise<string[]> => {
  const ids: string[] = []
  for await (const page of pages) {
    if (E.isLeft(page)) expect.fail(String(page.left))
    ids.push(...page.right.data.map((c) => c.id))
    between(page.right)
  }
  return ids
}

const updatedAt = (fake: FakePrimero): Map<string, number> =>
  new Map(fake.cases().map((c) => [String(c.id), Date.parse(String(c.last_updated_at))]))

/** Every case in the window arrives once; every other seeded case left the window. */
const expectExactlyOnce = (fake: FakePrimero, ids: string[], seeded: string[], until: number) => {
  expect(new Set(ids).size).toBe(ids.length)
  const yielded = new Set(ids)
  const final = updatedAt(fake)
  for (const id of seeded) {
    const ts = final.get(id) ?? Number.NaN
    if (ts <= until) expect(yielded.has(id), `${id} is in the window`).toBe(true)
    else expect(ts).toBeGreaterThan(until)
  }
  for (const id of ids) expect(seeded).toContain(id)
}

describe('pages', () => {
  it('pages 2,500 cases by 1000 while cases are created and updated: each arrives once', async () => {
    const clock = tickingClock()
    const fake = await fakePrimero({ clock })
    // Three cases share each timestamp, so page boundaries cut through ties.
    const seeded = fake
      .seedCases(
        Array.from({ length: 2500 }, (_, i) => ({
          id: pad(i),
          created_at: iso(base + i),
          last_updated_at: iso(base + Math.floor(i / 3)),
        })),
      )
      .map((c) => String(c.id))
    const { primero, until } = recordingClient(fake, clock)
    let round = 0
    const ids = await drain(primero.pages({ updatedSince: iso(base) }), () => {
      round += 1
      fake.seedCases(Array.from({ length: 50 }, (_, i) => ({ id: `new-${round}-${i}` })))
      // Update some cases already yielded and some not yet reached.
      for (let i = 0; i < 25; i += 1) fake.editCase(pad(round * 7 + i), { risk_level: 'high' })
      for (let i = 0; i < 25; i += 1)
        fake.editCase(pad(2499 - round * 30 - i), { risk_level: 'low' })
    })
    expect(round).toBeGreaterThanOrEqual(3)
    expectExactlyOnce(fake, ids, seeded, until())
    expect(ids.length).toBeGreaterThan(2400)

    // The next run (from this run's `until`) gets what moved, and everything created.
    const next = await drain(clientFor(fake).pages({ updatedSince: iso(until()) }))
    expect(new Set(next).size).toBe(next.length)
    expect(new Set([...ids, ...next])).toEqual(new Set(fake.cases().map((c) => String(c.id))))
    const requests = fake.requests.filter((r) => r.path === '/api/v2/cases')
    for (const r of requests) {
      const q = new URLSearchParams(r.query)
      expect([q.get('order_by'), q.get('order'), q.get('per')]).toEqual([
        'last_updated_at',
        'asc',
        '1000',
      ])
    }
  })

  it('more than `per` cases in one second: read in created_at slices, each in one page', async () => {
    const clock = tickingClock()
    const fake = await fakePrimero({ clock })
    const seeded = fake
      .seedCases(
        Array.from({ length: 2500 }, (_, i) => ({
          id: pad(i),
          created_at: iso(base - 10_000 + i * 4),
          last_updated_at: iso(base + (i % 7)),
        })),
      )
      .map((c) => String(c.id))
    const { primero, until } = recordingClient(fake, clock)
    const ids = await drain(primero.pages({ updatedSince: iso(base - 1000), per: 100 }))
    expectExactlyOnce(fake, ids, seeded, until())
    expect(ids).toHaveLength(2500)
    const slices = fake.requests
      .map((r) => new URLSearchParams(r.query))
      .filter((q) => q.get('created_at') !== null)
    expect(slices.length).toBeGreaterThan(2)
    expect(slices.every((q) => q.get('per') === '1000')).toBe(true)
  })

  it('more than 1000 cases updated and created in one second: a DenseWindow, never a silent loss', async () => {
    const fake = await fakePrimero()
    fake.seedCases(
      Array.from({ length: 1001 }, (_, i) => ({
        id: pad(i),
        created_at: iso(base - 5000),
        last_updated_at: iso(base + (i % 900)),
      })),
    )
    const primero = clientFor(fake)
    const results: Array<E.Either<PrimeroError, CasePage>> = []
    for await (const page of primero.pages({
      updatedSince: iso(base),
      updatedUntil: iso(base + 999),
    })) {
      results.push(page)
    }
    const last = results.at(-1)
    expect(last !== undefined && E.isLeft(last) && isDenseWindow(last.left)).toBe(true)
    const yielded = results.flatMap((r) => (E.isRight(r) ? r.right.data.map((c) => c.id) : []))
    expect(new Set(yielded).size).toBe(yielded.length)
  })

  it('reports records with unusable ids in `rejected`, odd fields in `repaired`, without failing the page', async () => {
    const fake = await fakePrimero()
    fake.seedCases([
      { id: 'ok-1', last_updated_at: iso(base + 1) },
      { id: 'bad', last_updated_at: iso(base + 2) },
      { id: 'odd', last_updated_at: iso(base + 3), date_of_birth: '2012-02-31' },
    ])
    const seen: CasePage[] = []
    const fetch = rewriting(withFields('bad', { case_id: ['x'] }))
    await drain(clientFor(fake, { fetch }).pages({ updatedSince: iso(base) }), (p) => seen.push(p))
    expect(seen).toHaveLength(1)
    expect(seen[0]?.data.map((c) => c.id)).toEqual(['ok-1', 'odd'])
    expect(seen[0]?.rejected).toEqual([{ index: 1, id: 'bad', paths: ['case_id'] }])
    expect(seen[0]?.repaired).toEqual([
      { index: 2, id: 'odd', paths: ['date_of_birth'], dropped: ['date_of_birth'] },
    ])
  })

  it('ends after yielding a Left', async () => {
    const fake = await fakePrimero()
    fake.seedCases(
      Array.from({ length: 30 }, (_, i) => ({ id: pad(i), last_updated_at: iso(base + i) })),
    )
    const primero: PrimeroClient = clientFor(fake, { retry: false })
    const results: Array<E.Either<PrimeroError, CasePage>> = []
    for await (const page of primero.pages({ updatedSince: iso(base), per: 10 })) {
      results.push(page)
      if (results.length === 1) fake.setFaults({ failNext: { count: 5, status: 500 } })
    }
    expect(results.map((r) => r._tag)).toEqual(['Right', 'Left'])
  })

  it('stops requesting when the consumer breaks out', async () => {
    const fake = await fakePrimero()
    fake.seedCases(
      Array.from({ length: 30 }, (_, i) => ({ id: pad(i), last_updated_at: iso(base + i) })),
    )
    for await (const page of clientFor(fake).pages({ updatedSince: iso(base), per: 10 })) {
      expect(E.isRight(page)).toBe(true)
      break
    }
    expect(fake.requests).toHaveLength(1)
  })

  it('keeps id and last_updated_at in a fields projection, and the other filters', async () => {
    const fake = await fakePrimero()
    fake.seedCases([
      { id: 'a', status: 'open', last_updated_at: iso(base + 1) },
      { id: 'b', status: 'closed', last_updated_at: iso(base + 2) },
    ])
    const ids = await drain(
      clientFor(fake).pages({
        updatedSince: iso(base),
        fields: ['status'],
        filters: { status: 'open' },
      }),
    )
    expect(ids).toEqual(['a'])
    const q = new URLSearchParams(fake.requests[0]?.query)
    expect(q.get('fields')).toBe('id,last_updated_at,status')
  })

  it('throws on a query it cannot honour', async () => {
    const primero = clientFor(await fakePrimero())
    expect(() => primero.pages({ orderBy: 'created_at' })).toThrow(TypeError)
    expect(() => primero.pages({ filters: { last_updated_at: 'x..' } })).toThrow(TypeError)
    expect(() => primero.pages({ page: 2 })).toThrow(TypeError)
    expect(() => primero.pages({ updatedUntil: 'tomorrow' })).toThrow(TypeError)
  })
})
