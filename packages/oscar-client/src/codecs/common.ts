import * as t from 'io-ts'

/** `nullable` (OSCaR sends `null` or `""` for an absent value) and the decode paths. */
export { decodeWith, failingPaths, nullable } from '@primero-interop/http'

/**
 * Text as OSCaR expects it in a payload: a string, with `null` or an absent value turned
 * into `""` (OSCaR's upsert treats `null` differently from an empty field).
 *
 * @example
 * Text.decode(undefined) // right('')
 */
export const Text = new t.Type<string, string, unknown>(
  'Text',
  (u): u is string => typeof u === 'string',
  (u, c) => (u === undefined || u === null ? t.success('') : t.string.validate(u, c)),
  t.identity,
)
