/**
 * What may be said of an id. Ids go into reports and logs; a field that should hold an id
 * but holds free text (a name typed into the wrong box) must not. An id is 1 to 64 letters,
 * digits and `_ . : -`; anything else is named by what it is, never quoted.
 */
const ID = /^[A-Za-z0-9_.:-]{1,64}$/

/** Whether `u` can be said as an id. */
export const isUsableId = (u: unknown): u is string => typeof u === 'string' && ID.test(u)

/** `u` itself when it is an id; otherwise words that say it is not one. */
export const sayId = (u: unknown): string => (isUsableId(u) ? u : '(a value that is not an id)')

/**
 * Two 32-bit hashes of `id` (FNV-1a, and a variant that mixes its state further): a
 * 64-bit key for tables of typed arrays (`HashIndex`), the second taken
 * as the place in the table.
 */
export const hashId = (id: string): readonly [number, number] => {
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15)
  }
  // FNV's low bits are its best mixed: the place is taken from them.
  return [b >>> 0, (a ^ (a >>> 16)) >>> 0]
}
