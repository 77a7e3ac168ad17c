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
