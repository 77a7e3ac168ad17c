/**
 * A run that cannot go on stops at once and changes nothing: a refused credential (each
 * refusal counts towards locking the account) and a run past its deadline.
 */
import { cambodia } from '@primero-interop/mappings'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import { connect, createSync, memoryStore, type SyncOptions } from '../../src/index.js'
import { type Harness, startHarness } from './harness.js'

let h: Harness
afterEach(() => h.close())

const syncAs = (
  passwords: { readonly primero?: string; readonly oscar?: string },
  over: Partial<SyncOptions> = {},
) =>
  createSync({
    ...connect({
      primero: {
        baseUrl: h.fakePrimero.url,
        username: h.fakePrimero.username,
        password: passwords.primero ?? h.fakePrimero.password,
      },
      oscar: {
        baseUrl: h.fakeOscar.url,
        email: h.fakeOscar.email,
        password: passwords.oscar ?? h.fakeOscar.password,
      },
    }),
    config: cambodia,
    store: h.store,
    since: h.scenario.since,
    concurrency: 8,
    ...over,
  })

const primeroRequests = () => h.fakePrimero.requests.length

describe('a refused credential', () => {
  it('stops the run at the first refusal: one Primero request, no retry entry, state unchanged', async () => {
    h = await startHarness()
    await h.run()
    const before = h.store.current()
    h.fakePrimero.clearRequests()
    const result = await syncAs({ primero: 'not-the-password' }).run()()
    expect(result).toEqual(E.left(expect.objectContaining({ code: 'AUTH_FAILED' })))
    expect(primeroRequests()).toBe(1)
    expect(h.store.current()).toEqual(before)
  })

  it('on a first run too: nothing enters the state', async () => {
    h = await startHarness()
    const store = memoryStore()
    const result = await syncAs({ primero: 'not-the-password' }, { store }).run()()
    expect(result).toEqual(E.left(expect.objectContaining({ code: 'AUTH_FAILED' })))
    expect(primeroRequests()).toBe(1)
    const saved = store.current()
    expect(saved?.retries).toEqual({})
    expect(saved?.cursors).toEqual({})
  })

  it('says so when Primero says the account is locked', async () => {
    h = await startHarness({ primero: { paranoid: false } })
    for (let i = 0; i < 6; i++) await syncAs({ primero: `wrong-${i}` }).run()()
    const locked = await syncAs({}).run()()
    expect(locked).toEqual(
      E.left(
        expect.objectContaining({ code: 'AUTH_FAILED', message: expect.stringMatching(/lock/i) }),
      ),
    )
  })

  it('an OSCaR sign-in refused fails the run before any Primero request', async () => {
    h = await startHarness()
    h.fakePrimero.clearRequests()
    const result = await syncAs({ oscar: 'not-the-password' }).run()()
    expect(result).toEqual(E.left(expect.objectContaining({ code: 'AUTH_FAILED' })))
    expect(primeroRequests()).toBe(0)
    expect(h.fakeOscar.requests.filter((r) => r.path.includes('sign_in'))).toHaveLength(1)
  })
})

describe('a run past its deadline', () => {
  it('starts no further record, fails as a whole, and keeps the cursors', async () => {
    h = await startHarness()
    let now = Date.parse('2026-11-30T10:00:00.000Z')
    // Every look at the clock is a minute later: the deadline passes after a few records.
    const clock = () => new Date((now += 60_000))
    const result = await syncAs({}, { clock, deadlineMs: 5 * 60_000 }).run()()
    expect(result).toEqual(E.left(expect.objectContaining({ code: 'RUN_DEADLINE' })))
    expect(h.store.current()?.cursors).toEqual({})
    expect(h.store.current()?.retries).toEqual({})
  })
})
