import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { emptyState, fileStore, memoryStore } from '../src/index.js'

const tempDir = () => mkdtemp(join(tmpdir(), 'primero-interop-lock-'))

/** The pid of a process that has ended. */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', ''])
  return child.pid ?? 999_999
}

const holder = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z', token: 'other' })

describe('one run at a time per store', () => {
  it('a memory store refuses a second lock until the first is released', async () => {
    const store = memoryStore()
    const first = await store.lock?.()()
    if (first === undefined || E.isLeft(first)) throw new Error('first lock refused')
    const second = await store.lock?.()()
    expect(second).toEqual(E.left(expect.objectContaining({ code: 'STATE_LOCKED' })))
    await first.right()
    const third = await store.lock?.()()
    expect(third !== undefined && E.isRight(third)).toBe(true)
  })

  it('a file store refuses while a live process holds the lock', async () => {
    const path = join(await tempDir(), 'state.json')
    await writeFile(`${path}.lock`, holder(process.pid))
    const taken = await fileStore(path).lock?.()()
    expect(taken).toEqual(E.left(expect.objectContaining({ code: 'STATE_LOCKED' })))
    if (taken !== undefined && E.isLeft(taken))
      expect(taken.left.message).toContain('state.json.lock')
  })

  it('a lock from another machine is refused: it cannot be checked', async () => {
    const path = join(await tempDir(), 'state.json')
    await writeFile(`${path}.lock`, holder(deadPid(), 'another-host.example'))
    const taken = await fileStore(path).lock?.()()
    expect(taken).toEqual(E.left(expect.objectContaining({ code: 'STATE_LOCKED' })))
  })

  it('a stale lock (its process is gone) is taken over, and released after', async () => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    await writeFile(`${path}.lock`, holder(deadPid()))
    const taken = await fileStore(path).lock?.()()
    if (taken === undefined || E.isLeft(taken)) throw new Error('stale lock not taken over')
    await taken.right()
    expect(await readdir(dir)).toEqual([])
  })

  it('two file stores on one path: the second is refused while the first holds it', async () => {
    const path = join(await tempDir(), 'state.json')
    const first = await fileStore(path).lock?.()()
    if (first === undefined || E.isLeft(first)) throw new Error('first lock refused')
    const second = await fileStore(path).lock?.()()
    expect(second).toEqual(E.left(expect.objectContaining({ code: 'STATE_LOCKED' })))
    await first.right()
  })

  it('a save killed half-way leaves a temp file that the next lock removes; saves leave none', async () => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    await writeFile(`${path}.tmp`, '{"half":')
    const store = fileStore(path)
    const taken = await store.lock?.()()
    if (taken === undefined || E.isLeft(taken)) throw new Error('lock refused')
    await store.save(emptyState())()
    await store.save(emptyState())()
    expect((await readdir(dir)).sort()).toEqual(['state.json', 'state.json.lock'])
    await taken.right()
  })
})
