/**
 * Records one run holds between its flows (OSCaR's read serves flows 0 and 2, with flow 1
 * between them), kept small: as JSON, deflated in chunks of `PACKED_CHUNK` records, and
 * given back one chunk at a time. In memory only, never written anywhere: a record's
 * values stay inside the process, as they would as objects. The records must be plain
 * JSON values (what a client decodes): they come back equal, not identical.
 *
 * A day's read of 90,000 children was about 80 MiB as objects; packed it is about 9 MiB
 * (100 bytes a child at 500 a chunk). Reading it back costs an inflate per chunk per pass.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib'

import { SpillFile } from './spill.js'

/** Records per deflated chunk: large enough to compress well, small enough to inflate in ms. */
export const PACKED_CHUNK = 500

export class Packed<A> implements Iterable<A> {
  private readonly chunks: Buffer[] = []
  private open: string[] = []
  private count = 0

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
    for (const chunk of this.chunks)
      yield* JSON.parse(inflateRawSync(chunk).toString('utf8')) as A[]
    for (const text of this.open) yield JSON.parse(text) as A
  }

  private seal(): void {
    this.chunks.push(deflateRawSync(Buffer.from(`[${this.open.join(',')}]`, 'utf8')))
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

/**
 * Records by key, each one deflated on its own against a dictionary learnt from the
 * first records (their field names and common values): a Primero case of about 1 KB of
 * JSON keeps about 200 bytes, and is read back in tens of microseconds. For records one
 * run reads or writes one by one and may need again, by key, in any order. The first
 * `DICTIONARY_SAMPLE` records are kept as plain JSON; a value comes back equal to what
 * was set, not identical.
 *
 * With `spill`, the deflated records go to an encrypted temporary file (`SpillFile`) and
 * memory keeps only the keys: about 80 bytes a record. Without a temporary directory
 * they stay in memory.
 */
export class PackedMap<A> {
  /** Each record as plain JSON or deflated (a flat one-byte string), or its slot in `file`. */
  private readonly records = new Map<string, string | number>()
  private sample: string[] = []
  private dictionary: Buffer | undefined
  private file: SpillFile | undefined

  constructor(private readonly options: { readonly spill?: boolean } = {}) {}

  get size(): number {
    return this.records.size
  }

  has(key: string): boolean {
    return this.records.has(key)
  }

  get(key: string): A | undefined {
    const entry = this.records.get(key)
    if (entry === undefined) return undefined
    if (typeof entry === 'number') return this.inflate(this.spilled().read(entry))
    if (!entry.startsWith(DEFLATED)) return JSON.parse(entry) as A
    return this.inflate(Buffer.from(entry.slice(1), 'latin1'))
  }

  set(key: string, value: A): void {
    const json = JSON.stringify(value)
    if (this.dictionary === undefined) {
      this.records.set(key, json)
      this.sample.push(json)
      if (this.sample.length >= DICTIONARY_SAMPLE) {
        // zlib looks back from the dictionary's end: the most recent bytes matter most.
        this.dictionary = Buffer.from(this.sample.join(''), 'utf8').subarray(-DICTIONARY_BYTES)
        this.sample = []
        if (this.options.spill === true) this.file = SpillFile.open()
      }
      return
    }
    const bytes = deflateRawSync(Buffer.from(json, 'utf8'), { dictionary: this.dictionary })
    if (this.file !== undefined) {
      this.records.set(key, this.file.write(bytes))
      return
    }
    // A flat one-byte string, its mark included (`mark + text` would keep a cons string):
    // compact in V8's heap, no buffer per entry.
    const entry = Buffer.allocUnsafe(bytes.length + 1)
    entry.write(DEFLATED, 0, 'latin1')
    bytes.copy(entry, 1)
    this.records.set(key, entry.toString('latin1'))
  }

  delete(key: string): void {
    this.records.delete(key)
  }

  /** Every key with its record, in the order the keys were first set. */
  *entries(): IterableIterator<[string, A]> {
    for (const key of this.records.keys()) {
      const value = this.get(key)
      if (value !== undefined) yield [key, value]
    }
  }

  /** Lets go of every record (and of the spill file: a later record starts another). */
  clear(): void {
    this.records.clear()
    this.file?.close()
    this.file = undefined
    this.sample = []
    this.dictionary = undefined
  }

  /** The characters its entries take in memory (a measure of its size, for tests and benchmarks). */
  get storedChars(): number {
    let n = 0
    for (const entry of this.records.values()) if (typeof entry === 'string') n += entry.length
    return n
  }

  /** Whether its records go to a spill file. */
  get spilling(): boolean {
    return this.file !== undefined
  }

  private inflate(bytes: Buffer): A {
    const text = inflateRawSync(bytes, { dictionary: this.dictionary }).toString('utf8')
    return JSON.parse(text) as A
  }

  private spilled(): SpillFile {
    if (this.file === undefined) throw new Error('spilled entry without its file')
    return this.file
  }
}
