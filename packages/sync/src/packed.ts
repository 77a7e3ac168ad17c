/**
 * Records one run holds between its flows (OSCaR's read serves flows 0 and 2, with flow 1
 * between them), kept small: as JSON, deflated in chunks of `PACKED_CHUNK` records, and
 * given back one chunk at a time. With `spill`, the chunks go to the run's encrypted
 * spill file (`spill.ts`), never anywhere readable. The records must be plain JSON values
 * (what a client decodes): they come back equal, not identical.
 *
 * A day's read of 90,000 children was about 80 MiB as objects; packed it is about 9 MiB
 * (100 bytes a child at 500 a chunk). Reading it back costs an inflate per chunk per pass.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib'

import { HashIndex } from './hashIndex.js'
import { hashId } from './ids.js'
import { SpillFile } from './spill.js'

/** Records per deflated chunk: large enough to compress well, small enough to inflate in ms. */
export const PACKED_CHUNK = 500

export class Packed<A> implements Iterable<A> {
  /** Each sealed chunk, deflated, or its slot in `file`. */
  private chunks: Array<Buffer | number> = []
  private open: string[] = []
  private count = 0
  private file: SpillFile | undefined

  /** `spill`: sealed chunks go to an encrypted temporary file (`SpillFile`). */
  constructor(private readonly options: { readonly spill?: boolean } = {}) {}

  /** How many records it holds. */
  get length(): number {
    return this.count
  }

  add(record: A): void {
    this.open.push(JSON.stringify(record))
    this.count += 1
    if (this.open.length >= PACKED_CHUNK) this.seal()
  }

  /** The records in the order they were added; each pass inflates the chunks again. */
  *[Symbol.iterator](): Iterator<A> {
    for (const chunk of this.chunks) {
      const bytes = typeof chunk === 'number' ? this.spilled().read(chunk) : chunk
      yield* JSON.parse(inflateRawSync(bytes).toString('utf8')) as A[]
    }
    for (const text of this.open) yield JSON.parse(text) as A
  }

  /** Lets go of every record, and of the spill file. */
  release(): void {
    this.chunks = []
    this.open = []
    this.count = 0
    this.file?.close()
    this.file = undefined
  }

  private spilled(): SpillFile {
    if (this.file === undefined) throw new Error('spilled chunk without its file')
    return this.file
  }

  private seal(): void {
    const bytes = deflateRawSync(Buffer.from(`[${this.open.join(',')}]`, 'utf8'))
    if (this.options.spill === true && this.file === undefined && this.chunks.length === 0)
      this.file = SpillFile.open()
    this.chunks.push(this.file === undefined ? bytes : this.file.write(bytes))
    this.open = []
  }
}

/** `value` as deflated JSON (`unpackJson` gives it back, equal). */
export const packJson = (value: unknown): Buffer =>
  deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'))

export const unpackJson = <A>(bytes: Buffer): A =>
  JSON.parse(inflateRawSync(bytes).toString('utf8')) as A

/** Records a `PackedMap` learns its dictionary from, and the dictionary's size. */
const DICTIONARY_SAMPLE = 16
const DICTIONARY_BYTES = 8192
/** The mark of a deflated entry (JSON never starts with it). */
const DEFLATED = '\u0001'

/** A spill file and where each key's record is in it. */
interface Spill {
  readonly file: SpillFile
  readonly index: HashIndex
}

/**
 * Records by key, each one deflated on its own against a dictionary learnt from the
 * first records (their field names and common values): a Primero case of about 1 KB of
 * JSON keeps about 200 bytes, and is read back in tens of microseconds. For records one
 * run reads or writes one by one and may need again, by key, in any order. The first
 * `DICTIONARY_SAMPLE` records are kept as plain JSON; a value comes back equal to what
 * was set, not identical.
 *
 * With `spill`, the records go with their keys, as plain JSON (see `spillOne`), to an
 * encrypted temporary file (`SpillFile`), and memory keeps a hash of each key and where its
 * record is (`HashIndex`). Without a temporary directory they stay in memory.
 */
export class PackedMap<A> {
  /** In memory: each record as plain JSON or deflated (a flat one-byte string). */
  private readonly records = new Map<string, string>()
  private sample: string[] = []
  private dictionary: Buffer | undefined
  private spill: Spill | undefined

  constructor(private readonly options: { readonly spill?: boolean } = {}) {}

  get size(): number {
    return this.spill?.index.size ?? this.records.size
  }

  has(key: string): boolean {
    return this.spill === undefined ? this.records.has(key) : this.spilled(key) !== undefined
  }

  get(key: string): A | undefined {
    if (this.spill !== undefined) return this.spilled(key)?.[1]
    const entry = this.records.get(key)
    if (entry === undefined) return undefined
    if (!entry.startsWith(DEFLATED)) return JSON.parse(entry) as A
    return JSON.parse(this.inflate(Buffer.from(entry.slice(1), 'latin1'))) as A
  }

  set(key: string, value: A): void {
    if (this.spill !== undefined) return this.spillOne(this.spill, key, value)
    const json = JSON.stringify(value)
    if (this.dictionary === undefined) {
      this.records.set(key, json)
      this.sample.push(json)
      if (this.sample.length >= DICTIONARY_SAMPLE) this.learn()
      return
    }
    const bytes = this.deflate(json)
    // A flat one-byte string, its mark included (`mark + text` would keep a cons string):
    // compact in V8's heap, no buffer per entry.
    const entry = Buffer.allocUnsafe(bytes.length + 1)
    entry.write(DEFLATED, 0, 'latin1')
    bytes.copy(entry, 1)
    this.records.set(key, entry.toString('latin1'))
  }

  delete(key: string): void {
    if (this.spill === undefined) this.records.delete(key)
    else this.spill.index.delete(key, this.isKeyOf(this.spill.file, key))
  }

  /** Every key with its record (in the order the keys were first set, unless spilled). */
  *entries(): IterableIterator<[string, A]> {
    const { spill } = this
    if (spill !== undefined) {
      for (const slot of spill.index.records()) yield this.read(spill.file, slot)
      return
    }
    for (const key of this.records.keys()) {
      const value = this.get(key)
      if (value !== undefined) yield [key, value]
    }
  }

  /** Lets go of every record (and of the spill file: a later record starts another). */
  clear(): void {
    this.records.clear()
    this.spill?.file.close()
    this.spill = undefined
    this.sample = []
    this.dictionary = undefined
  }

  /** The characters its entries take in memory (a measure of its size, for tests and benchmarks). */
  get storedChars(): number {
    let n = 0
    for (const entry of this.records.values()) n += entry.length
    return n
  }

  /** Whether its records go to a spill file. */
  get spilling(): boolean {
    return this.spill !== undefined
  }

  /** Spilling, the records so far go to the file; else the dictionary, from the sample. */
  private learn(): void {
    const file = this.options.spill === true ? SpillFile.open() : undefined
    if (file !== undefined) {
      // Each candidate's key is read back (`isKeyOf`): half the hash is enough.
      const spill = { file, index: new HashIndex(hashId, { wide: false }) }
      this.spill = spill
      for (const [key, json] of this.records) this.spillOne(spill, key, JSON.parse(json) as A)
      this.records.clear()
      this.sample = []
      return
    }
    // zlib looks back from the dictionary's end: the most recent bytes matter most.
    this.dictionary = Buffer.from(this.sample.join(''), 'utf8').subarray(-DICTIONARY_BYTES)
    this.sample = []
  }

  /**
   * A spilled record is not deflated: each `deflateRawSync` makes a zlib stream (about
   * 270 KiB of native memory, and a 16 KiB buffer the heap frees only when it collects),
   * and at 10,000 cases the many left the process's native heap about 30 MiB larger.
   */
  private spillOne(spill: Spill, key: string, value: A): void {
    const json = Buffer.from(JSON.stringify([key, value]), 'utf8')
    spill.index.put(key, spill.file.write(json), this.isKeyOf(spill.file, key))
  }

  /** The record of `key`, read from the spill file, with its key. */
  private spilled(key: string): [string, A] | undefined {
    const spill = this.spill
    if (spill === undefined) return undefined
    let hit: [string, A] | undefined
    spill.index.find(key, (slot) => {
      const record = this.read(spill.file, slot)
      if (record[0] === key) hit = record
      return hit !== undefined
    })
    return hit
  }

  private isKeyOf(file: SpillFile, key: string): (slot: number) => boolean {
    return (slot) => this.read(file, slot)[0] === key
  }

  private read(file: SpillFile, slot: number): [string, A] {
    return JSON.parse(file.read(slot).toString('utf8')) as [string, A]
  }

  private deflate(json: string): Buffer {
    return deflateRawSync(Buffer.from(json, 'utf8'), { dictionary: this.dictionary })
  }

  private inflate(bytes: Buffer): string {
    return inflateRawSync(bytes, { dictionary: this.dictionary }).toString('utf8')
  }
}

/** The hash is the key: no key is held in memory to tell two apart (see `PackedSet`). */
const byHash = (): boolean => true

/**
 * Keys, as their 64-bit hashes in a `HashIndex` (about 24 bytes a key, not 70 to 150 in a
 * `Set`), the hash taken for the key as `IdKinds` takes it: two of 100,000 keys share one
 * about once in 4 billion sets. Membership never touches the disk. For iteration, the keys
 * are also logged in the order first added, in a `Packed` (`spill`: its chunks go to the
 * spill file); each key's index entry is its place in the log, so a key deleted and added
 * again comes once, at its new place.
 */
export class PackedSet implements Iterable<string> {
  private readonly index = new HashIndex()
  private readonly log: Packed<string>

  constructor(options: { readonly spill?: boolean } = {}) {
    this.log = new Packed<string>(options)
  }

  get size(): number {
    return this.index.size
  }

  has(key: string): boolean {
    return this.index.find(key, byHash) !== undefined
  }

  add(key: string): void {
    if (this.has(key)) return
    this.index.put(key, this.log.length, byHash)
    this.log.add(key)
  }

  delete(key: string): void {
    this.index.delete(key, byHash)
  }

  clear(): void {
    this.index.clear()
    this.log.release()
  }

  *[Symbol.iterator](): Iterator<string> {
    let at = 0
    for (const key of this.log) {
      if (this.index.find(key, byHash) === at) yield key
      at += 1
    }
  }
}
