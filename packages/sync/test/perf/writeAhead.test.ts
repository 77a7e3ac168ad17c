/**
 * Issue #17, cause 7: the write-ahead before each referral POST appends one ledger line;
 * it does not serialise the whole state again (which grew with the square of the
 * referrals). Counted in bytes handed to the store.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { fileStore, type StateStore } from '../../src/index.js'
import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

/** `store`, counting the bytes and calls of its saves and appends. */
const counted = (store: StateStore) => {
  const n = { saves: 0, appends: 0, bytes: 0, lastSave: 0 }
  const wrapped: StateStore = {
    ...store,
    save: (state) => {
      n.saves += 1
      n.lastSave = JSON.stringify(state).length
      n.bytes += n.lastSave
      return store.save(state)
    },
    ...(store.append === undefined
      ? {}
      : {
          append: (entry) => {
            n.appends += 1
            n.bytes += JSON.stringify(entry).length
            return store.append!(entry)
          },
        }),
  }
  return { store: wrapped, n }
}

describe('write-ahead', () => {
  it('one journal line per referral, one whole save per run', async () => {
    const { store, n } = counted(
      fileStore(join(await mkdtemp(join(tmpdir(), 'primero-interop-wal-')), 'state.json')),
    )
    h = await startHarness({ scenario: { cases: 300, seed: 7 }, sync: { store } })
    await h.run()
    const upserts = h.fakeOscar.requests.filter(
      (r) => r.method === 'POST' && r.path.includes('/clients/upsert'),
    ).length
    expect(upserts).toBeGreaterThan(50)
    expect(n.appends).toBe(upserts)
    expect(n.saves).toBe(1)
    // Before: a whole state before every POST, about upserts × half the final state.
    expect(n.bytes).toBeLessThanOrEqual(n.lastSave + upserts * 400)
  })
})
