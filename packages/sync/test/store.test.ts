import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { cambodia } from '@primero-interop/mappings'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { createSync, emptyState, fileStore, memoryStore, type SyncState } from '../src/index.js'

const sample = (): SyncState => ({
  ...emptyState(),
  cursors: { primero: '2026-01-01T00:00:00.000Z', oscarIds: '2026-01-01' },
  referrals: { r1: { status: 'sent', createdAt: '2026-01-01T00:00:00.000Z', caseId: 'c1' } },
})

const tempDir = () => mkdtemp(join(tmpdir(), 'primero-interop-store-'))

describe('memoryStore', () => {
  it('starts empty and returns what was saved, as a copy', async () => {
    const store = memoryStore()
    expect(await store.load()()).toEqual(E.right(undefined))
    const state = sample()
    await store.save(state)()
    state.cursors.primero = 'changed after save'
    expect(await store.load()()).toEqual(E.right(sample()))
  })
})

describe('fileStore', () => {
  it('loads undefined when the file does not exist yet', async () => {
    const store = fileStore(join(await tempDir(), 'nested', 'state.json'))
    expect(await store.load()()).toEqual(E.right(undefined))
  })

  it('saves atomically with mode 0600 and loads it back', async () => {
    const dir = await tempDir()
    const path = join(dir, 'deep', 'state.json')
    const store = fileStore(path)
    expect(E.isRight(await store.save(sample())())).toBe(true)
    expect(await store.load()()).toEqual(E.right(sample()))
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(await readdir(join(dir, 'deep'))).toEqual(['state.json'])
  })

  it('overwrites the previous state', async () => {
    const store = fileStore(join(await tempDir(), 'state.json'))
    await store.save(sample())()
    await store.save(emptyState())()
    expect(await store.load()()).toEqual(E.right(emptyState()))
  })

  it('rejects a file that is not JSON, without quoting it', async () => {
    const path = join(await tempDir(), 'state.json')
    await writeFile(path, 'Sokha Chan was here')
    const loaded = await fileStore(path).load()()
    expect(loaded).toEqual(E.left(expect.objectContaining({ code: 'STATE_INVALID' })))
    expect(JSON.stringify(loaded)).not.toContain('Sokha')
  })

  it('rejects another schema version, naming the field', async () => {
    const path = join(await tempDir(), 'state.json')
    await writeFile(path, JSON.stringify({ ...sample(), version: 2 }))
    const loaded = await fileStore(path).load()()
    expect(E.isLeft(loaded) && loaded.left.code).toBe('STATE_INVALID')
    expect(E.isLeft(loaded) && loaded.left.message).toContain('version')
  })

  it('reports an unwritable path as STATE_IO', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'file'), 'x')
    const saved = await fileStore(join(dir, 'file', 'state.json')).save(sample())()
    expect(E.isLeft(saved) && saved.left.code).toBe('STATE_IO')
    expect(await readFile(join(dir, 'file'), 'utf8')).toBe('x')
  })
})

describe('a state the sync cannot read', () => {
  const run = (store: ReturnType<typeof fileStore>) =>
    createSync({
      primero: unreachable as never,
      oscar: unreachable as never,
      config: cambodia,
      store,
    }).run()()

  /** Ports that must never be called: the run stops at the state. */
  const unreachable = new Proxy(
    {},
    {
      get: () => () => {
        throw new Error('no request may be made')
      },
    },
  )

  it.each([
    ['corrupt', '{"version": 1, "cursors": '],
    ['not the schema', JSON.stringify({ version: 1, cursors: 'yesterday' })],
    ['from a newer version', JSON.stringify({ version: 99, cursors: {}, more: 'fields' })],
  ])('%s: the run stops with STATE_INVALID and the file is left as it is', async (_name, text) => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    await writeFile(path, text)
    const result = await run(fileStore(path))
    expect(result).toEqual(E.left(expect.objectContaining({ code: 'STATE_INVALID' })))
    expect(await readFile(path, 'utf8')).toBe(text)
    expect((await readdir(dir)).sort()).toEqual(['state.json'])
  })

  it('a newer version says so', async () => {
    const path = join(await tempDir(), 'state.json')
    await writeFile(path, JSON.stringify({ version: 2, cursors: {} }))
    const result = await run(fileStore(path))
    expect(E.isLeft(result) && result.left.message).toMatch(/newer primero-interop/)
  })
})

describe('the write-ahead journal', () => {
  const sending = (caseId: string): SyncState['referrals'][string] => ({
    status: 'sending',
    createdAt: '2026-01-02T00:00:00.000Z',
    caseId,
  })

  it('fileStore: an appended entry is in the next load, one line each, and a save supersedes the journal', async () => {
    const path = join(await tempDir(), 'state.json')
    const store = fileStore(path)
    await store.save(sample())()
    await store.load()()
    await store.append?.({ key: 'r2', entry: sending('c2') })()
    await store.append?.({ key: 'r3', entry: sending('c3') })()
    const journal = await readFile(`${path}.journal`, 'utf8')
    expect(journal.split('\n').filter(Boolean)).toHaveLength(2)
    // The state file itself was not written again.
    expect(JSON.parse(await readFile(path, 'utf8')).referrals).toEqual(sample().referrals)
    const loaded = await fileStore(path).load()()
    expect(E.isRight(loaded) && loaded.right?.referrals).toEqual({
      ...sample().referrals,
      r2: sending('c2'),
      r3: sending('c3'),
    })
    await store.save({ ...sample(), referrals: { r2: { ...sending('c2'), status: 'sent' } } })()
    expect(await readdir(join(path, '..'))).not.toContain('state.json.journal')
  })

  it('fileStore: journal lines of an older save are ignored (a crash between the save and emptying the journal)', async () => {
    const path = join(await tempDir(), 'state.json')
    const store = fileStore(path)
    await store.save(sample())()
    await store.load()()
    await store.append?.({ key: 'r1', entry: sending('c1') })()
    const stale = await readFile(`${path}.journal`, 'utf8')
    await store.save(sample())()
    // As if the process died before it removed the journal.
    await writeFile(`${path}.journal`, stale)
    const loaded = await fileStore(path).load()()
    expect(E.isRight(loaded) && loaded.right?.referrals['r1']?.status).toBe('sent')
  })

  it('fileStore: a line a crash tore is dropped, and the lines after it still count', async () => {
    const path = join(await tempDir(), 'state.json')
    const store = fileStore(path)
    await store.load()()
    await store.append?.({ key: 'r2', entry: sending('c2') })()
    const whole = await readFile(`${path}.journal`, 'utf8')
    await writeFile(`${path}.journal`, whole.slice(0, -10))
    await store.append?.({ key: 'r3', entry: sending('c3') })()
    const loaded = await fileStore(path).load()()
    expect(E.isRight(loaded) && Object.keys(loaded.right?.referrals ?? {})).toEqual(['r3'])
  })

  it('memoryStore: an appended entry is in the next load until a save', async () => {
    const store = memoryStore(sample())
    await store.append?.({ key: 'r2', entry: sending('c2') })()
    const loaded = await store.load()()
    expect(E.isRight(loaded) && loaded.right?.referrals['r2']).toEqual(sending('c2'))
    await store.save(sample())()
    expect(store.current()?.referrals['r2']).toBeUndefined()
  })
})
