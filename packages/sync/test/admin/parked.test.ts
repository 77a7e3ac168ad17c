import { join } from 'node:path'

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { listParked, retryParked } from '../../src/admin/parked.js'
import { EXIT, main } from '../../src/cli/main.js'
import { emptyState, fileStore, memoryStore, type SyncState } from '../../src/index.js'
import { capture, expectOneLine, tempDir } from './helpers.js'

const withParked = (): SyncState => ({
  ...emptyState(),
  parked: {
    'primero-to-oscar:case-1': {
      flow: 'primero-to-oscar',
      id: 'case-1',
      attempts: 5,
      next: 9e12,
      code: 'UNKNOWN_AGENCY',
      since: '2026-01-01T00:00:00Z',
    },
    'oscar-to-primero:01JGLOBAL': {
      flow: 'oscar-to-primero',
      id: '01JGLOBAL',
      attempts: 5,
      next: 9e12,
      code: 'UNKNOWN_PROVINCE',
      day: '2026-01-02',
    },
  },
  referrals: {
    'case-1/row-1@cif': {
      status: 'unknown',
      createdAt: '2026-01-01T00:00:00Z',
      caseId: 'case-1',
      referralId: 'ref-1',
      externalId: 'cid-1',
      org: 'cif',
    },
  },
})

const stateFile = async (state: SyncState) => {
  const path = join(await tempDir(), 'state.json')
  const saved = await fileStore(path).save(state)()
  if (E.isLeft(saved)) throw new Error(saved.left.message)
  return path
}

describe('listParked / retryParked', () => {
  it('lists the parked records, and none before a first run', async () => {
    expect(await listParked(memoryStore())()).toEqual(E.right([]))
    const parked = await listParked(memoryStore(withParked()))()
    expect(E.isRight(parked) && parked.right.map((p) => p.id)).toEqual(['case-1', '01JGLOBAL'])
  })

  it('moves one record (by id or flow:id) back to the retries, due now, with no attempts', async () => {
    const store = memoryStore(withParked())
    expect(E.isRight(await retryParked(store, { record: 'case-1' })())).toBe(true)
    const state = store.current()
    expect(state?.parked['primero-to-oscar:case-1']).toBeUndefined()
    expect(state?.retries['primero-to-oscar:case-1']).toMatchObject({
      attempts: 0,
      next: 0,
      since: '2026-01-01T00:00:00Z',
    })
    expect(Object.keys(state?.parked ?? {})).toEqual(['oscar-to-primero:01JGLOBAL'])
    await retryParked(store, { record: 'oscar-to-primero:01JGLOBAL' })()
    expect(store.current()?.retries['oscar-to-primero:01JGLOBAL']).toMatchObject({
      day: '2026-01-02',
      next: 0,
    })
  })

  it('moves them all without --record, and says NOT_FOUND for an id not parked', async () => {
    const store = memoryStore(withParked())
    const moved = await retryParked(store)()
    expect(E.isRight(moved) && moved.right).toHaveLength(2)
    expect(store.current()?.parked).toEqual({})
    const missing = await retryParked(store, { record: 'nobody' })()
    expect(E.isLeft(missing) && missing.left.code).toBe('NOT_FOUND')
  })

  it('does not create a state file when there is none', async () => {
    const store = memoryStore()
    expect(await retryParked(store)()).toEqual(E.right([]))
    expect(store.current()).toBeUndefined()
  })
})

describe('primero-interop parked / retry / confirm', () => {
  it('parked exits 1 while records are parked, lists ids and codes, and 0 when none', async () => {
    const path = await stateFile(withParked())
    const c = capture()
    expect(await main(['parked', '--state', path], c.io)).toBe(EXIT.recordsFailed)
    expect(c.out()).toContain('primero-to-oscar  case-1  UNKNOWN_AGENCY  attempts=5')
    const j = capture()
    expect(await main(['parked', '--state', path, '--json'], j.io)).toBe(EXIT.recordsFailed)
    expect((JSON.parse(j.out()) as unknown[]).length).toBe(2)
    expect(await main(['retry', '--state', path], capture().io)).toBe(EXIT.ok)
    const after = capture()
    expect(await main(['parked', '--state', path], after.io)).toBe(EXIT.ok)
    expect(after.out()).toContain('No record parked.')
  })

  it('retry --record of an unknown id exits 1 in one line', async () => {
    const path = await stateFile(withParked())
    const c = capture()
    expect(await main(['retry', '--state', path, '--record', 'nobody'], c.io)).toBe(
      EXIT.recordsFailed,
    )
    expect(expectOneLine(c.err())).toContain('NOT_FOUND: no parked record nobody')
  })

  it('finds the state through --config, without any password', async () => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    await fileStore(path).save(withParked())()
    const { writeConfig } = await import('./helpers.js')
    const config = await writeConfig(
      {
        primero: { baseUrl: 'https://p.example', username: 'u' },
        oscar: { baseUrl: 'https://o.example', email: 'e' },
      },
      {},
      dir,
    )
    const c = capture()
    expect(await main(['parked', '--config', config], c.io)).toBe(EXIT.recordsFailed)
    expect(await main(['parked'], capture().io)).toBe(EXIT.runFailed)
  })

  it('confirm records an unknown outcome; a second confirm finds nothing to confirm', async () => {
    const path = await stateFile(withParked())
    const c = capture()
    expect(
      await main(
        ['confirm', '--state', path, '--referral', 'ref-1', '--outcome', 'in-oscar'],
        c.io,
      ),
    ).toBe(EXIT.ok)
    expect(c.out()).toBe('referral ref-1: in-oscar\n')
    const loaded = await fileStore(path).load()()
    expect(E.isRight(loaded) && loaded.right?.referrals['case-1/row-1@cif']?.status).toBe('sent')
    const again = capture()
    expect(
      await main(
        ['confirm', '--state', path, '--referral', 'ref-1', '--outcome', 'in-oscar'],
        again.io,
      ),
    ).toBe(EXIT.recordsFailed)
    expect(expectOneLine(again.err())).toContain('NOT_FOUND')
  })
})
