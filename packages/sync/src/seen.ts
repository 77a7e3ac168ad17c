/**
 * Fingerprints of fixed width (`flows/fingerprints.ts`) held as flat strings, not as a
 * `Set` of short strings: a day's read of 90,000 children is 180,000 fingerprints in
 * each run (two flows, the last run's and this one's), about 40 bytes each in a `Set`
 * and 8 here.
 */

/** Fingerprints of `width` characters, concatenated and sorted, searched by halves. */
export class SortedFingerprints {
  private readonly packed: string

  /** `packed`: fingerprints concatenated in any order (sorted here when they are not). */
  constructor(
    packed: string,
    private readonly width: number,
  ) {
    this.packed = isSorted(packed, width) ? packed : sortUnique(split(packed, width)).join('')
  }

  has(fingerprint: string): boolean {
    if (fingerprint.length !== this.width) return false
    let low = 0
    let high = Math.floor(this.packed.length / this.width) - 1
    while (low <= high) {
      const mid = (low + high) >>> 1
      const order = this.compareAt(mid, fingerprint)
      if (order === 0) return true
      if (order < 0) low = mid + 1
      else high = mid - 1
    }
    return false
  }

  /** The fingerprint at `index` against `fingerprint`: negative when it sorts first. */
  private compareAt(index: number, fingerprint: string): number {
    const at = index * this.width
    for (let i = 0; i < this.width; i++) {
      const d = this.packed.charCodeAt(at + i) - fingerprint.charCodeAt(i)
      if (d !== 0) return d
    }
    return 0
  }
}

/** Fingerprints as they come, in flat strings of `CHUNK` each. */
export class FingerprintLog {
  private static readonly CHUNK = 1024
  private readonly chunks: string[] = []
  private open: string[] = []
  /** The width of the fingerprints added (they are all one width). */
  private width = 1

  add(fingerprint: string): void {
    this.width = fingerprint.length
    this.open.push(fingerprint)
    if (this.open.length >= FingerprintLog.CHUNK) {
      this.chunks.push(this.open.join(''))
      this.open = []
    }
  }

  /**
   * The last `most` fingerprints added (one that was added twice counts at its last
   * place), each once, sorted and concatenated: what `SortedFingerprints` reads.
   */
  packed(most: number): string {
    const all = split(this.chunks.join('') + this.open.join(''), this.width)
    const last = new Set<string>()
    for (let i = all.length - 1; i >= 0 && last.size < most; i--) last.add(all[i] as string)
    return sortUnique([...last]).join('')
  }
}

const split = (packed: string, width: number): string[] =>
  Array.from({ length: Math.floor(packed.length / width) }, (_, i) =>
    packed.slice(i * width, (i + 1) * width),
  )

const sortUnique = (fingerprints: string[]): string[] =>
  [...new Set(fingerprints)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

const isSorted = (packed: string, width: number): boolean => {
  for (let at = width; at + width <= packed.length; at += width)
    if (packed.slice(at - width, at) >= packed.slice(at, at + width)) return false
  return true
}
