/**
 * mulberry32: a small seeded generator, so that a fake's faults, tie orders and minted ids
 * repeat exactly from one run to the next.
 *
 * @example
 * const random = seededRandom(1); random() // the same number in every run
 */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
