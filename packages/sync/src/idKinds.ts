/**
 * What each id a run has read is, for the report's labels (`SyncIssue.idKind`). A run
 * names three or four ids a case: a `Map` of them took about 45 bytes an id (keyed by
 * the id, or by a hash of it as a number). Here an id is a 64-bit hash in a table of
 * typed arrays, open addressing: about 9 bytes a slot, at most 3 slots in 4 taken.
 * Two ids share a hash about once in 10^8 runs of 100,000 cases; the first named keeps it.
 */
import { hashId as hash } from './ids.js'
import type { IdKind } from './report.js'

/** Every kind of id, in the order the table numbers them. */
export const ID_KINDS: ReadonlyArray<IdKind> = [
  'caseId',
  'recordId',
  'referralId',
  'globalId',
  'oscarReferral',
  'position',
]
const FIRST_SLOTS = 1024

export class IdKinds {
  private high = new Uint32Array(FIRST_SLOTS)
  private low = new Uint32Array(FIRST_SLOTS)
  /** 0: an empty slot; otherwise the kind's place in `ID_KINDS`, plus one. */
  private kinds = new Uint8Array(FIRST_SLOTS)
  private taken = 0

  get size(): number {
    return this.taken
  }

  get(id: string): IdKind | undefined {
    const [high, low] = hash(id)
    const at = this.find(high, low)
    const kind = this.kinds[at] ?? 0
    return kind === 0 ? undefined : ID_KINDS[kind - 1]
  }

  /** Names `id` as `kind`, unless it was named before. */
  name(id: string, kind: IdKind): void {
    const [high, low] = hash(id)
    this.put(high, low, ID_KINDS.indexOf(kind) + 1)
  }

  clear(): void {
    this.high = new Uint32Array(FIRST_SLOTS)
    this.low = new Uint32Array(FIRST_SLOTS)
    this.kinds = new Uint8Array(FIRST_SLOTS)
    this.taken = 0
  }

  private put(high: number, low: number, kind: number): void {
    const at = this.find(high, low)
    if (this.kinds[at] !== 0) return
    this.high[at] = high
    this.low[at] = low
    this.kinds[at] = kind
    this.taken += 1
    if (this.taken * 4 > this.kinds.length * 3) this.grow()
  }

  /** The slot of the hash: where it is, or the empty slot where it would go. */
  private find(high: number, low: number): number {
    const mask = this.kinds.length - 1
    let at = low & mask
    while (this.kinds[at] !== 0 && (this.high[at] !== high || this.low[at] !== low))
      at = (at + 1) & mask
    return at
  }

  private grow(): void {
    const { high, low, kinds } = this
    this.high = new Uint32Array(kinds.length * 2)
    this.low = new Uint32Array(kinds.length * 2)
    this.kinds = new Uint8Array(kinds.length * 2)
    this.taken = 0
    for (let i = 0; i < kinds.length; i++)
      if (kinds[i] !== 0) this.put(high[i] as number, low[i] as number, kinds[i] as number)
  }
}
