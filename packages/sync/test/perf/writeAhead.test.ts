/**
 * Issue #17, cause 7: the write-ahead before each referral POST appends one ledger line;
 * it does not serialise the whole state again (which grew with the square of the
 * referrals). Counted in bytes handed to the store.
 */
import { mkdtemp, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { fileStore, type StateStore } from '../../src/index.js'
import { type Harness, startHarness } from '../e2e/harness.js'

let h: Harness
afterEach(() => h.close())

/** The file store at `path`, counting the bytes and calls of its saves and appends. */
const counted = (path: string) => {
  const store = fileStore(path)
  const n = { saves: 0, appends: 0, bytes: 0, lastSave: 0 }
  const written = async <A>(save: Promise<A>): Promise<A> => {
    const result = await save
    n.saves += 1
    n.lastSave = (await stat(path)).size
    n.bytes += n.lastSave
    return result
  }
  const wrapped: StateStore = {
    ...store,
    save: (state) => () => written(store.save(state)()),
    saveFrom: (head, ledgers) => () => written(store.saveFrom!(head, ledgers)()),
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
      join(await mkdtemp(join(tmpdir(), 'primero-interop-wal-')), 'state.json'),
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
