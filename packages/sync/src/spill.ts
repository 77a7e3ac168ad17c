/**
 * Bytes one run holds for later, on disk instead of in memory: an append-only temporary
 * file, each entry encrypted (AES-256-GCM) under a key made for the file that never
 * leaves this process. The file is unlinked as soon as it is open (where the system
 * allows it: not on Windows, where `close` deletes it), so nothing is left behind when
 * the process ends, however it ends; and what was written cannot be read without the key,
 * which ends with the process. For what a large run holds between its flows (`Packed`,
 * `PackedMap`): its Primero cases, its ledgers and its bookkeeping, at 100,000 cases most
 * of its heap.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'

const TAG_BYTES = 16

/** A spill file let go without `close` (a run that threw) still gives its descriptor back. */
const closeLost = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd)
  } catch {
    // Closed already.
  }
})

export class SpillFile {
  private readonly key = randomBytes(32)
  /**
   * Where each entry starts, by slot, in a typed array (8 bytes an entry, where two arrays
   * of numbers took 16 and more): an entry ends where the next one starts, or at `end`.
   */
  private starts = new Float64Array(1024)
  private entries = 0
  private end = 0
  private fd: number | undefined

  private constructor(
    fd: number,
    /** The directory to delete on `close`, when the file could not be unlinked while open. */
    private readonly leftover: string | undefined,
  ) {
    this.fd = fd
    closeLost.register(this, fd, this)
  }

  /** A new spill file under `parent` (the system's temporary directory); `undefined` if none can be made. */
  static open(parent: string = os.tmpdir()): SpillFile | undefined {
    let dir: string | undefined
    try {
      dir = mkdtempSync(join(parent, 'primero-interop-'))
      const path = join(dir, 'held')
      const fd = openSync(path, 'w+', 0o600)
      try {
        unlinkSync(path)
        rmSync(dir, { recursive: true, force: true })
        return new SpillFile(fd, undefined)
      } catch {
        return new SpillFile(fd, dir)
      }
    } catch {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
      return undefined
    }
  }

  /** Entries written (slots are 0 up to this). */
  get count(): number {
    return this.entries
  }

  /** Writes `bytes`, and gives back the slot `read` takes. */
  write(bytes: Buffer): number {
    const fd = this.opened()
    const slot = this.entries
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(slot))
    const sealed = Buffer.concat([cipher.update(bytes), cipher.final(), cipher.getAuthTag()])
    let done = 0
    while (done < sealed.length)
      done += writeSync(fd, sealed, done, sealed.length - done, this.end + done)
    if (slot === this.starts.length) {
      const grown = new Float64Array(slot * 2)
      grown.set(this.starts)
      this.starts = grown
    }
    this.starts[slot] = this.end
    this.entries += 1
    this.end += sealed.length
    return slot
  }

  /** The bytes written at `slot`; throws if the file was changed underneath. */
  read(slot: number): Buffer {
    const fd = this.opened()
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.entries)
      throw new RangeError(`no spilled entry ${slot}`)
    const at = this.starts[slot] as number
    const length = (slot + 1 < this.entries ? (this.starts[slot + 1] as number) : this.end) - at
    const sealed = Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const n = readSync(fd, sealed, done, length - done, at + done)
      if (n === 0) throw new Error('spill file cut short')
      done += n
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce(slot))
    decipher.setAuthTag(sealed.subarray(length - TAG_BYTES))
    return Buffer.concat([
      decipher.update(sealed.subarray(0, length - TAG_BYTES)),
      decipher.final(),
    ])
  }

  /** Closes (and, where it could not be unlinked while open, deletes) the file. */
  close(): void {
    if (this.fd === undefined) return
    closeLost.unregister(this)
    closeSync(this.fd)
    this.fd = undefined
    if (this.leftover !== undefined) rmSync(this.leftover, { recursive: true, force: true })
  }

  private opened(): number {
    if (this.fd === undefined) throw new Error('spill file closed')
    return this.fd
  }
}

/** The GCM nonce of a slot: each slot is written once, so a key never sees one twice. */
const nonce = (slot: number): Buffer => {
  const iv = Buffer.alloc(12)
  iv.writeUIntBE(slot, 6, 6)
  return iv
}
