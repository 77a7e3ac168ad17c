/**
 * The spill file (`spill.ts`): what is written comes back, by slot, in any order; nothing
 * is named on disk while it is open; the bytes on disk are not the bytes written; a file
 * changed underneath is refused, never read as something else.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'

import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'

import { SpillFile } from '../src/spill.js'

const budget = { numRuns: 40, interruptAfterTimeLimit: 4_000 }
let dir: string
const fresh = (): string => (dir = mkdtempSync(join(os.tmpdir(), 'spill-test-')))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const opened = (at: string): SpillFile => {
  const file = SpillFile.open(at)
  if (file === undefined) throw new Error('no spill file')
  return file
}

/** The open, unlinked file under `at`, through /proc (the CI machines run Linux). */
const onDisk = (at: string): string => {
  const fds = readdirSync('/proc/self/fd')
  const fd = fds.find((n) => {
    try {
      return readlinkSync(`/proc/self/fd/${n}`).startsWith(at)
    } catch {
      return false
    }
  })
  if (fd === undefined) throw new Error('spill file not open')
  return `/proc/self/fd/${fd}`
}

describe('SpillFile', () => {
  it('gives back what each slot was written with, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (entries, seed) => {
          const file = opened(fresh())
          const slots = entries.map((e) => file.write(Buffer.from(e)))
          expect(file.count).toBe(entries.length)
          const order = slots.map((_, i) => (i * 7 + seed) % slots.length)
          for (const i of order)
            expect([...file.read(slots[i] as number)]).toEqual([...entries[i]!])
          file.close()
          rmSync(dir, { recursive: true, force: true })
        },
      ),
      budget,
    )
  })

  it('names nothing on disk, and keeps no byte of what it was given in the clear', () => {
    const at = fresh()
    const file = opened(at)
    const secret = Buffer.from('ឈ្មោះ Sokha, born 2014-03-02, phone 012 345 678', 'utf8')
    for (let i = 0; i < 20; i++) file.write(secret)
    expect(readdirSync(at)).toEqual([])
    const bytes = readFileSync(onDisk(at))
    expect(bytes.length).toBe(20 * (secret.length + 16))
    expect(bytes.includes(secret.subarray(0, 12))).toBe(false)
    file.close()
    expect(readdirSync(at)).toEqual([])
  })

  it('refuses an entry changed on disk', () => {
    const at = fresh()
    const file = opened(at)
    const slot = file.write(Buffer.from('the case as this run last saw it'))
    const path = onDisk(at)
    const bytes = readFileSync(path)
    bytes[3] = (bytes[3] as number) ^ 1
    writeFileSync(path, bytes)
    expect(() => file.read(slot)).toThrow()
    file.close()
    expect(() => file.read(slot)).toThrow(/closed/)
  })

  it('is not made where no file can be', () => {
    expect(SpillFile.open(join(fresh(), 'missing', 'deeper'))).toBeUndefined()
  })
})
