/**
 * Tolerant reading: one odd field never blocks a record. A record whose identity is usable
 * is kept; each typed field its codec refuses is repaired when the repair is certain, or
 * else left out, and named in a warning (its path, never its value).
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'

import { failingPaths } from './codecs/common.js'

/** A certain repair of a refused value, or `undefined` when there is none. */
export type Repair = (u: unknown) => unknown

/** The typed fields of one object: each field's codec, and its repair if it has one. */
export interface FieldRules {
  readonly codecs: Readonly<Record<string, t.Decoder<unknown, unknown>>>
  readonly repairs: Readonly<Record<string, Repair>>
  /** Subform fields: arrays of objects, each row checked by these rules on its own. */
  readonly rows?: Readonly<Record<string, FieldRules>>
}

/** What tolerant reading did to a record: every path repaired or left out. */
export interface Warnings {
  /** Every repaired or left-out path, such as `date_of_birth` or `services_section.2`. */
  readonly paths: ReadonlyArray<string>
  /** The ones of `paths` that were left out (the others were repaired). */
  readonly dropped: ReadonlyArray<string>
}

type Obj = Record<string, unknown>

const isObject = (u: unknown): u is Obj => typeof u === 'object' && u !== null && !Array.isArray(u)

interface Notes {
  readonly paths: string[]
  readonly dropped: string[]
}

const note = (notes: Notes, path: string, dropped: boolean): void => {
  notes.paths.push(path)
  if (dropped) notes.dropped.push(path)
}

/** A subform's rows: a row that is not an object is left out, the others checked. */
const fixRows = (value: unknown[], rules: FieldRules, at: string, notes: Notes): unknown[] =>
  value.flatMap((row, i) => {
    if (isObject(row)) return [fixObject(row, rules, `${at}.${i}`, notes)]
    note(notes, `${at}.${i}`, true)
    return []
  })

/** `record` with each refused typed field repaired or left out (and noted at `at`). */
const fixObject = (record: Obj, rules: FieldRules, at: string, notes: Notes): Obj => {
  const fixed: Obj = { ...record }
  for (const [key, codec] of Object.entries(rules.codecs)) {
    const value = record[key]
    const path = at === '' ? key : `${at}.${key}`
    const rows = rules.rows?.[key]
    if (value === undefined) continue
    if (rows !== undefined && Array.isArray(value)) {
      fixed[key] = fixRows(value, rows, path, notes)
    } else if (E.isLeft(codec.decode(value))) {
      const repaired = rules.repairs[key]?.(value)
      const certain = repaired !== undefined && E.isRight(codec.decode(repaired))
      if (certain) fixed[key] = repaired
      else delete fixed[key]
      note(notes, path, !certain)
    }
  }
  return fixed
}

/**
 * Decodes `u` with `codec`, tolerantly: a record that decodes as it is has no warnings; a
 * record whose identity is usable (`usable`) has its refused fields repaired or left out;
 * any other record is refused with its failing paths, as a strict decode would be.
 *
 * @example
 * decodeTolerant(PrimeroCase, caseRules, usableCase)({ id: 'e1', date_of_birth: '2012-1-5' })
 * // right({ value: { id: 'e1', date_of_birth: '2012-01-05' }, paths: ['date_of_birth'], dropped: [] })
 */
export const decodeTolerant =
  <A>(codec: t.Decoder<unknown, A>, rules: FieldRules, usable: (u: Obj) => boolean) =>
  (u: unknown): E.Either<ReadonlyArray<string>, Warnings & { readonly value: A }> => {
    const strict = codec.decode(u)
    if (E.isRight(strict)) return E.right({ value: strict.right, paths: [], dropped: [] })
    if (!isObject(u) || !usable(u)) return E.left(failingPaths(strict.left))
    const notes: Notes = { paths: [], dropped: [] }
    const fixed = codec.decode(fixObject(u, rules, '', notes))
    return E.isRight(fixed)
      ? E.right({ value: fixed.right, ...notes })
      : E.left(failingPaths(fixed.left))
  }
