/**
 * Fault paths that doubled referrals, created stubs or stopped the sync (issue 16), on
 * stub ports: each names what the sync did wrong and checks it no longer does.
 */
import { cambodia } from '@primero-interop/mappings'
import type { OscarClient } from '@primero-interop/oscar-client'
import { NetworkError } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'

import { createSync, emptyState, memoryStore, type SyncOptions } from '../src/index.js'
import type { OscarPort, PrimeroPort } from '../src/ports.js'
import { notCalled, oscarChild } from './stubs.js'

/** A Primero with an empty window; `findCases` finds nothing unless told. */
const primeroStub = (over: Partial<PrimeroPort> = {}): PrimeroPort => ({
  pages: async function* () {
    yield E.right({ data: [], rejected: [], total: 0 })
  },
  getCase: notCalled('getCase'),
  findCases: () => TE.right([]),
  createCase: notCalled('createCase'),
  updateCase: notCalled('updateCase'),
  listReferrals: notCalled('listReferrals'),
  updateReferral: notCalled('updateReferral'),
  ...over,
})

type Read = Awaited<ReturnType<ReturnType<OscarPort['readClients']>>>

const oscarStub = (read: () => Promise<Read>): OscarPort => ({
  readClients: () => read,
  upsertClient: notCalled('upsertClient'),
  updateLinks: notCalled('updateLinks'),
  updateReferralStatuses: notCalled('updateReferralStatuses'),
})

const client = oscarChild

const read =
  (
    clients: OscarClient[],
    rejected: Extract<Read, { readonly _tag: 'Right' }>['right']['rejected'] = [],
  ) =>
  () =>
    Promise.resolve(E.right({ clients, rejected }) as Read)

const syncWith = (over: Partial<SyncOptions>) =>
  createSync({
    primero: primeroStub(),
    oscar: oscarStub(read([])),
    config: cambodia,
    store: memoryStore(),
    clock: () => new Date('2026-03-02T10:00:00.000Z'),
    ...over,
  })

describe('two runs on one state', () => {
  it('the second is refused while the first runs, so nothing is sent twice', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const sync = syncWith({
      oscar: oscarStub(async () => {
        await gate
        return E.right({ clients: [], rejected: [] }) as Read
      }),
    })
    const first = sync.run()()
    const second = await sync.run()()
    expect(second).toEqual(E.left(expect.objectContaining({ code: 'STATE_LOCKED' })))
    release()
    expect(E.isRight(await first)).toBe(true)
    expect(E.isRight(await sync.run()())).toBe(true)
  })
})

describe('settings out of range', () => {
  it.each([
    ['overlapMs', { overlapMs: -600 * 60_000 }],
    ['concurrency', { concurrency: 1e9 }],
    ['maxAttempts', { maxAttempts: 0 }],
    ['retryDelayMs', { retryDelayMs: Number.NaN }],
  ])('%s is refused before anything is read', async (name, over) => {
    const result = await syncWith({ ...over, oscar: oscarStub(notCalled('readClients')) }).run()()
    expect(result).toEqual(
      E.left(
        expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(name) }),
      ),
    )
  })
})

describe('a bad OSCaR timestamp', () => {
  it.each(['0000-00-00 00:00:00', '2026-13-45'])(
    '%s never enters the state, and the next run works',
    async (updatedAt) => {
      const store = memoryStore()
      const failing = client({ external_id: 'case-1', updated_at: updatedAt })
      const sync = syncWith({
        store,
        primero: primeroStub({
          findCases: () => TE.left(NetworkError({ method: 'GET', path: '/api/v2/cases' })),
        }),
        oscar: oscarStub(read([failing])),
      })
      const first = await sync.run()()
      expect(E.isRight(first)).toBe(true)
      const saved = JSON.stringify(store.current())
      expect(saved).not.toContain(updatedAt.slice(0, 10))
      const days = Object.values(store.current()?.retries ?? {}).map((r) => r.day)
      expect(days.length).toBeGreaterThan(0)
      for (const day of days) expect(day).toBe('1970-01-01')
      expect(E.isRight(await sync.run()())).toBe(true)
    },
  )

  it('a saved state holding an impossible day is refused with a typed error, not a throw', async () => {
    const state = {
      ...emptyState(),
      retries: {
        'oscar-ids:G': {
          flow: 'oscar-ids',
          id: 'G',
          attempts: 1,
          next: 0,
          code: 'X',
          day: '0000-00-00',
        },
      },
    }
    const result = await syncWith({ store: memoryStore(state) }).run()()
    expect(result).toEqual(E.left(expect.objectContaining({ code: 'STATE_INVALID' })))
    const cursor = { ...emptyState(), cursors: { oscarIds: '2026-13-45' } }
    expect(await syncWith({ store: memoryStore(cursor) }).run()()).toEqual(
      E.left(expect.objectContaining({ code: 'STATE_INVALID' })),
    )
  })
})

describe('an OSCaR client naming a Primero case that is not there', () => {
  it('raises CASE_NOT_FOUND and creates nothing (no stub case, no link)', async () => {
    const lost = client({ external_id: 'missing-case', resource: null, is_referred: true })
    const result = await syncWith({ oscar: oscarStub(read([lost])) }).run()()
    if (E.isLeft(result)) throw new Error(result.left.message)
    expect(result.right.issues).toContainEqual(
      expect.objectContaining({ recordId: lost.global_id, code: 'CASE_NOT_FOUND' }),
    )
  })
})

describe('records OSCaR answers without a usable id', () => {
  it('are named by their place in the answer: one name, one record', async () => {
    const noId = client({ global_id: '' })
    const result = await syncWith({
      oscar: oscarStub(read([noId], [{ index: 0, paths: ['date_of_birth'] }])),
    }).run()()
    if (E.isLeft(result)) throw new Error(result.left.message)
    const named = result.right.issues.map((i) => [i.recordId, i.code])
    expect(named).toContainEqual(['#0', 'DECODE_FAILED'])
    expect(named).toContainEqual(['#1', 'MISSING_ID'])
  })
})
