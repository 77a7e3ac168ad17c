import { seededRandom } from '@primero-interop/fake-kit'

/** A small seeded generator (mulberry32): the same seed gives the same scenario. */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number
  readonly int: (min: number, max: number) => number
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** A lowercase v4-shaped uuid. */
  readonly uuid: () => string
  /** A ULID-shaped id (26 Crockford base-32 characters), as OSCaR's `global_id`. */
  readonly ulid: () => string
}

export const seeded = (seed: number): Random => {
  const next = seededRandom(seed)
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <A>(items: ReadonlyArray<A>): A => items[int(0, items.length - 1)] as A
  // Loops, not arrays: a 100,000-case scenario draws millions of characters.
  const hex = (n: number): string => {
    let out = ''
    for (let i = 0; i < n; i++) out += int(0, 15).toString(16)
    return out
  }
  const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  const ulid = (): string => {
    let out = '01'
    for (let i = 0; i < 24; i++) out += crockford.charAt(int(0, crockford.length - 1))
    return out
  }
  return {
    next,
    int,
    pick,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`,
    ulid,
  }
}
