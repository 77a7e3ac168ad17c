/**
 * A set of record ids, for `pages()` to yield each case of a window once: a first sync of
 * 100,000 cases yields 100,000 ids. As strings in a `Set`, each took about 80 bytes of
 * V8's heap, which the heap then grows by several times over before it collects. A
 * Primero id is a lowercase UUID: here it is its 16 bytes in an open-addressed table of
 * typed arrays (about 22 bytes an id, outside V8's heap). Exact: any other id is kept as
 * the string it is.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Slots at first; the table doubles when three quarters are taken. */
const FIRST_SLOTS = 1024

export class IdSet {
  /** Four 32-bit words a slot; `taken` marks the slots in use. */
  private words: Uint32Array
  private taken: Uint8Array
  private uuids = 0
  private readonly others = new Set<string>()

  /** `slots`: the table's first size, a power of two (tests start small to see it grow). */
  constructor(slots = FIRST_SLOTS) {
    if (!Number.isInteger(Math.log2(slots))) throw new RangeError('slots must be a power of two')
    this.words = new Uint32Array(4 * slots)
    this.taken = new Uint8Array(slots)
  }

  get size(): number {
    return this.uuids + this.others.size
  }

  has(id: string): boolean {
    const key = keyOf(id)
    return key === undefined ? this.others.has(id) : this.slotOf(key) >= 0
  }

  add(id: string): void {
    const key = keyOf(id)
    if (key === undefined) {
      this.others.add(id)
      return
    }
    if (this.slotOf(key) >= 0) return
    if (4 * (this.uuids + 1) > 3 * this.taken.length) this.grow()
    this.place(key)
    this.uuids += 1
  }

  /** The slot holding `key`, or -1. */
  private slotOf(key: Uint32Array): number {
    const mask = this.taken.length - 1
    for (let slot = hashOf(key) & mask; this.taken[slot] === 1; slot = (slot + 1) & mask)
      if (this.holds(slot, key)) return slot
    return -1
  }

  private holds(slot: number, key: Uint32Array): boolean {
    const at = 4 * slot
    const { words } = this
    return (
      words[at] === key[0] &&
      words[at + 1] === key[1] &&
      words[at + 2] === key[2] &&
      words[at + 3] === key[3]
    )
  }

  private place(key: Uint32Array): void {
    const mask = this.taken.length - 1
    let slot = hashOf(key) & mask
    while (this.taken[slot] === 1) slot = (slot + 1) & mask
    this.taken[slot] = 1
    this.words.set(key, 4 * slot)
  }

  private grow(): void {
    const { words, taken } = this
    this.words = new Uint32Array(2 * words.length)
    this.taken = new Uint8Array(2 * taken.length)
    for (let slot = 0; slot < taken.length; slot++)
      if (taken[slot] === 1) this.place(words.subarray(4 * slot, 4 * slot + 4))
  }
}

const scratch = new Uint32Array(4)

/** A lowercase UUID's 16 bytes as four words (in a shared scratch array), or undefined. */
const keyOf = (id: string): Uint32Array | undefined => {
  if (id.length !== 36 || !UUID.test(id)) return undefined
  scratch[0] = Number.parseInt(id.slice(0, 8), 16)
  scratch[1] = Number.parseInt(id.slice(9, 13) + id.slice(14, 18), 16)
  scratch[2] = Number.parseInt(id.slice(19, 23) + id.slice(24, 28), 16)
  scratch[3] = Number.parseInt(id.slice(28, 36), 16)
  return scratch
}

/** The words mixed (a UUID's bits are not all random: its version and variant are fixed). */
const hashOf = (key: Uint32Array): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < 4; i++) {
    h = Math.imul(h ^ (key[i] as number), 0x01000193)
    h ^= h >>> 15
  }
  return h >>> 0
}
