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
 * A 52-bit hash of `id` (two 32-bit FNV-1a hashes, 20 and 32 bits of them): a number a
 * `Map` keys without a string per id. For labels only, never for identity.
 */
export const idHash = (id: string): number => {
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15)
  }
  return (a >>> 12) * 2 ** 32 + (b >>> 0)
}
