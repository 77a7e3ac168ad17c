/**
 * Keys to small integers (a record's slot in a spill file, an id's kind), the keys
 * themselves not held: memory keeps a 64-bit hash of each key (or its low half) and its
 * integer, in typed arrays (open addressing, at most 3 places in 4 taken): 16 to 32 bytes
 * a key, where a `Map` with the key took 70 to 130. A hash is a hint, and `matches`
 * decides: a spilled record read back says whether its key is the one asked, so keys that
 * share a hash are still told apart; a caller that answers `true` takes the hash for the
 * key.
 */
import { hashId } from './ids.js'

const EMPTY = -1
const GONE = -2
const FIRST_PLACES = 1024

export class HashIndex {
  /** The hash's high half: not kept when `wide` is false. */
  private high: Uint32Array | undefined
  private low = new Uint32Array(FIRST_PLACES)
  /** Each key's integer (0 or more), `EMPTY`, or `GONE` (deleted: searches go past it). */
  private slots = new Int32Array(FIRST_PLACES).fill(EMPTY)
  private live = 0
  private gone = 0

  /**
   * `hash`: the key's 64-bit hash, as two 32-bit halves (tests give one that collides).
   * `wide: false` keeps only the low half (8 bytes a place, not 12): for callers whose
   * `matches` reads the key back, where a shared half costs one read more, no more.
   */
  constructor(
    private readonly hash: (key: string) => readonly [number, number] = hashId,
    private readonly options: { readonly wide?: boolean } = {},
  ) {
    this.high = this.halves()
  }

  get size(): number {
    return this.live
  }

  /** The integer of `key`: `matches(slot)` says whether a candidate is `key`'s. */
  find(key: string, matches: (slot: number) => boolean): number | undefined {
    const at = this.placeOf(key, matches)
    return at.found ? this.slots[at.place] : undefined
  }

  /** `key`'s record is now at `slot` (a new record, or its latest). */
  put(key: string, slot: number, matches: (slot: number) => boolean): void {
    const at = this.placeOf(key, matches)
    if (!at.found) {
      if (this.slots[at.place] === GONE) this.gone -= 1
      this.live += 1
      const [high, low] = this.hash(key)
      if (this.high !== undefined) this.high[at.place] = high
      this.low[at.place] = low
    }
    this.slots[at.place] = slot
    if ((this.live + this.gone) * 4 > this.slots.length * 3) this.rebuild()
  }

  delete(key: string, matches: (slot: number) => boolean): void {
    const at = this.placeOf(key, matches)
    if (!at.found) return
    this.slots[at.place] = GONE
    this.live -= 1
    this.gone += 1
  }

  /** The slots of every record held, in no particular order. */
  *records(): IterableIterator<number> {
    for (const slot of this.slots) if (slot >= 0) yield slot
  }

  clear(): void {
    this.high = this.halves()
    this.low = new Uint32Array(FIRST_PLACES)
    this.slots = new Int32Array(FIRST_PLACES).fill(EMPTY)
    this.live = 0
    this.gone = 0
  }

  /**
   * Where `key` is (`found`), or the place it would take: the first deleted place on its
   * way, else the empty place that ends the search.
   */
  private placeOf(
    key: string,
    matches: (slot: number) => boolean,
  ): { readonly place: number; readonly found: boolean } {
    const [high, low] = this.hash(key)
    const mask = this.slots.length - 1
    let free: number | undefined
    for (let place = low & mask; ; place = (place + 1) & mask) {
      const slot = this.slots[place] as number
      if (slot === EMPTY) return { place: free ?? place, found: false }
      if (slot === GONE) free ??= place
      else if (
        this.low[place] === low &&
        (this.high === undefined || this.high[place] === high) &&
        matches(slot)
      )
        return { place, found: true }
    }
  }

  private halves(size = FIRST_PLACES): Uint32Array | undefined {
    return this.options.wide === false ? undefined : new Uint32Array(size)
  }

  /** The same records in a table sized for them, without the deleted places. */
  private rebuild(): void {
    const { high, low, slots } = this
    let size = FIRST_PLACES
    while (this.live * 2 > size) size *= 2
    this.high = this.halves(size)
    this.low = new Uint32Array(size)
    this.slots = new Int32Array(size).fill(EMPTY)
    this.gone = 0
    const mask = size - 1
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number
      if (slot < 0) continue
      let place = (low[i] as number) & mask
      while (this.slots[place] !== EMPTY) place = (place + 1) & mask
      if (this.high !== undefined && high !== undefined) this.high[place] = high[i] as number
      this.low[place] = low[i] as number
      this.slots[place] = slot
    }
  }
}
