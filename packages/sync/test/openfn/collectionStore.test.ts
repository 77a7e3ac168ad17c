/**
 * `collectionStore` against the fake Collections server (real HTTP on 127.0.0.1): the
 * state round-trips, is split under the value limit, a save rewrites only what changed,
 * and every failure is a SyncError that quotes neither a value nor the token.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import { collectionStore } from '../../src/collections/index.js'
import { emptyState, type SyncState } from '../../src/state.js'
import { type FakeCollections, startFakeCollections } from '../../src/testing/index.js'

let fake: FakeCollections
afterEach(() => fake.close())

const CANARY = 'Sokha-canary-0123'

/** A state with `n` referrals and holdings (ids only). */
const stateOf = (n: number): SyncState => {
  const s = emptyState()
  s.cursors.primero = '2026-03-02T08:00:00.000Z'
  for (let i = 0; i < n; i += 1) {
    s.referrals[`row-${i}:cif`] = {
      status: 'sent',
      createdAt: '2026-03-02T07:00:00.000Z',
      caseId: `case-${i}`,
      at: 1_772_438_400_000 + i,
    }
    ;(s.holdings ??= {})[`global-${i}`] = { orgs: ['cif', 'holt'], caseId: `case-${i}` }
  }
  return s
}

const open = (extra: Partial<Parameters<typeof collectionStore>[0]> = {}) =>
  collectionStore({ name: 'primero-interop', token: fake.token, baseUrl: fake.url, ...extra })

const expectError = (
  result: E.Either<{ code: string; message: string }, unknown>,
  code: string,
) => {
  expect(E.isLeft(result)).toBe(true)
  if (E.isRight(result)) return ''
  expect(result.left.code).toBe(code)
  expect(result.left.message).not.toContain(fake.token)
  expect(result.left.message).not.toContain(CANARY)
  return result.left.message
}

describe('collectionStore', () => {
  it('an empty collection loads undefined; a saved state loads back whole in another store', async () => {
    fake = await startFakeCollections()
    const store = open()
    expect(await store.load()()).toEqual(E.right(undefined))
    const state = stateOf(300)
    expect(E.isRight(await store.save(state)())).toBe(true)
    expect(await open().load()()).toEqual(E.right(state))
    expect(store.revision()).toBe(1)
  })

  it('a part longer than the value limit is cut into several values, none over it', async () => {
    fake = await startFakeCollections({ maxValueChars: 5_000 })
    const state = stateOf(2_000)
    const store = open({ maxValueChars: 5_000 })
    expect(E.isRight(await store.save(state)())).toBe(true)
    const items = fake.items('primero-interop')
    expect(items.every((i) => i.value.length <= 5_000)).toBe(true)
    expect(items.some((i) => i.key.endsWith(':1'))).toBe(true)
    expect(await open().load()()).toEqual(E.right(state))
  })

  it('a save rewrites only the bucket that changed, and removes the values the old head named', async () => {
    fake = await startFakeCollections()
    const store = open()
    const state = stateOf(500)
    await store.save(state)()
    const before = fake.items('primero-interop').length
    fake.clearRequests()
    state.referrals['row-new:holt'] = {
      status: 'sending',
      createdAt: '2026-03-02T08:00:00.000Z',
      caseId: 'case-new',
    }
    expect(E.isRight(await store.save(state)())).toBe(true)
    const posts = fake.requests.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(1)
    // One GET (the head's revision), one POST, one PUT (the head), one DELETE (the old bucket).
    expect(fake.requests.map((r) => r.method).sort()).toEqual(['DELETE', 'GET', 'POST', 'PUT'])
    expect(fake.items('primero-interop')).toHaveLength(before)
    // Saving the same state again sends nothing.
    fake.clearRequests()
    await store.save(state)()
    expect(fake.requests).toHaveLength(0)
  })

  it('a refused token, an unknown collection and a name in two projects are STATE_IO errors naming the cause', async () => {
    fake = await startFakeCollections({
      collections: [
        'primero-interop',
        { name: 'twice', projectId: 'p1' },
        { name: 'twice', projectId: 'p2' },
      ],
    })
    expect(expectError(await open({ token: 'wrong' }).load()(), 'STATE_IO')).toMatch(/401/)
    expect(expectError(await open({ name: 'missing' }).load()(), 'STATE_IO')).toMatch(/404/)
    expect(expectError(await open({ name: 'twice' }).load()(), 'STATE_IO')).toMatch(/409/)
    expect(await open({ name: 'twice', projectId: 'p2' }).load()()).toEqual(E.right(undefined))
    expect(() => open({ baseUrl: 'http://collections.example.org/collections' })).toThrow(/https/)
  })

  it('a value altered or missing, or a head not ours, is STATE_INVALID and left as it is', async () => {
    fake = await startFakeCollections()
    await open().save(stateOf(50))()
    const part = fake.items('primero-interop').find((i) => i.key.includes(':referrals.'))
    fake.setValue('primero-interop', part?.key ?? '', `{"x":"${CANARY}"}`)
    expect(expectError(await open().load()(), 'STATE_INVALID')).toMatch(/hash/)
    fake.setValue('primero-interop', 'primero-interop', CANARY)
    expect(expectError(await open().load()(), 'STATE_INVALID')).toMatch(/not a state/)
    expect(fake.items('primero-interop').find((i) => i.key === 'primero-interop')?.value).toBe(
      CANARY,
    )
  })

  it('a run that finds the head saved by another run since it loaded is refused (STATE_LOCKED)', async () => {
    fake = await startFakeCollections()
    await open().save(stateOf(10))()
    const a = open()
    const b = open()
    await a.load()()
    await b.load()()
    expect(E.isRight(await b.save(stateOf(11))())).toBe(true)
    expectError(await a.save(stateOf(12))(), 'STATE_LOCKED')
    expect(await open().load()()).toEqual(E.right(stateOf(11)))
  })

  it('a lost answer is retried; a save that dies before the head keeps the old state, and the next save removes its values', async () => {
    fake = await startFakeCollections()
    const quick = { retryDelayMs: 0 }
    const store = open(quick)
    fake.setFaults({ failNext: { count: 1, drop: true, afterHandling: true, method: 'POST' } })
    expect(E.isRight(await store.save(stateOf(20))())).toBe(true)
    const saved = fake.items('primero-interop').length
    // Every attempt at the head fails: the values were written, the head still names the old ones.
    fake.setFaults({ failNext: { count: 3, status: 503, method: 'PUT' } })
    expectError(await open(quick).save(stateOf(40))(), 'STATE_IO')
    expect(fake.items('primero-interop').length).toBeGreaterThan(saved)
    const next = open(quick)
    expect(await next.load()()).toEqual(E.right(stateOf(20)))
    expect(E.isRight(await next.save(stateOf(21))())).toBe(true)
    const fresh = open()
    await fresh.load()()
    expect(fake.items('primero-interop')).toHaveLength(saved)
  })
})
