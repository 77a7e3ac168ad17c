/**
 * How a SyncState is laid out in a collection: split into parts, each part's JSON cut into
 * values under Lightning's limit, and a head value that names the parts.
 *
 * - The ledgers (`referrals`, `decisions`, `links`, `retries`, `parked`, `holdings`) are
 *   split into `BUCKETS` parts by a hash of each entry's key, so a save rewrites only the
 *   buckets that changed (the write-ahead save before a referral POST touches one).
 * - Everything else (`version`, `cursors`, `pending`, `seen`, ...) is the `base` part.
 * - A part's JSON longer than `maxValueChars` is cut into several values.
 *
 * Keys: the head is `<key>`; a part's values are `<key>:<part>:<hash>:<index>`, where
 * `<hash>` is the part's content hash: a new content is a new key, so the head switches
 * from one complete set of values to the next (a save that dies half-way leaves the old
 * head, and the old values, whole).
 */
import { createHash } from 'node:crypto'

import type { CollectionItem } from './client.js'

export const LEDGERS = ['referrals', 'decisions', 'links', 'retries', 'parked', 'holdings'] as const

/** Buckets per ledger. */
export const BUCKETS = 16

/** Lightning refuses a value over 1,000,000 characters (`Collections.Item`): stay below. */
export const MAX_VALUE_CHARS = 900_000

export interface PartRef {
  readonly name: string
  readonly hash: string
  readonly chunks: number
}

export interface Head {
  readonly format: 1
  /** Counts the saves: a run that finds a newer head than it loaded was overtaken. */
  readonly revision: number
  readonly parts: ReadonlyArray<PartRef>
}

export interface Part {
  readonly ref: PartRef
  /** The part's JSON, cut into values. */
  readonly pieces: ReadonlyArray<string>
}

const fnv1a = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

const hashOf = (json: string): string =>
  createHash('sha256').update(json).digest('hex').slice(0, 16)

/** Cuts a string into pieces of at most `max` UTF-16 units, never inside a surrogate pair. */
const cut = (s: string, max: number): string[] => {
  const pieces: string[] = []
  let at = 0
  while (at < s.length) {
    let end = Math.min(s.length, at + max)
    const last = s.charCodeAt(end - 1)
    if (end < s.length && last >= 0xd800 && last <= 0xdbff) end -= 1
    pieces.push(s.slice(at, end))
    at = end
  }
  return pieces.length === 0 ? [''] : pieces
}

const part = (name: string, value: unknown, maxValueChars: number): Part => {
  const json = JSON.stringify(value)
  const pieces = cut(json, maxValueChars)
  return { ref: { name, hash: hashOf(json), chunks: pieces.length }, pieces }
}

/** The state as parts (empty buckets left out). */
export const splitState = (state: object, maxValueChars: number): Part[] => {
  const record = state as Record<string, unknown>
  const base: Record<string, unknown> = { ...record }
  const parts: Part[] = []
  for (const ledger of LEDGERS) {
    const entries = record[ledger]
    if (typeof entries !== 'object' || entries === null) continue
    // The base keeps an empty ledger, so a ledger with no entries comes back as `{}`.
    base[ledger] = {}
    const buckets = new Map<number, Record<string, unknown>>()
    for (const [key, entry] of Object.entries(entries)) {
      const b = fnv1a(key) % BUCKETS
      let bucket = buckets.get(b)
      if (bucket === undefined) buckets.set(b, (bucket = {}))
      bucket[key] = entry
    }
    for (const b of [...buckets.keys()].sort((x, y) => x - y))
      parts.push(part(`${ledger}.${b}`, buckets.get(b), maxValueChars))
  }
  return [part('base', base, maxValueChars), ...parts]
}

export const valueKey = (key: string, ref: PartRef, index: number): string =>
  `${key}:${ref.name}:${ref.hash}:${index}`

/** The values that hold a part. */
export const itemsOf = (key: string, p: Part): CollectionItem[] =>
  p.pieces.map((value, i) => ({ key: valueKey(key, p.ref, i), value }))

export const keysOf = (key: string, ref: PartRef): string[] =>
  Array.from({ length: ref.chunks }, (_, i) => valueKey(key, ref, i))

/**
 * The state from its parts' values, or what is wrong (a part missing or not matching its
 * hash): names of parts and keys only.
 */
export const joinState = (
  key: string,
  head: Head,
  values: ReadonlyMap<string, string>,
): { readonly state: unknown } | { readonly problem: string } => {
  let state: Record<string, unknown> | undefined
  const ledgers: Array<[string, unknown]> = []
  for (const ref of head.parts) {
    const pieces = keysOf(key, ref).map((k) => values.get(k))
    const missing = keysOf(key, ref).find((_, i) => pieces[i] === undefined)
    if (missing !== undefined) return { problem: `value ${missing} is missing` }
    const json = pieces.join('')
    if (hashOf(json) !== ref.hash) return { problem: `part ${ref.name} does not match its hash` }
    let parsed: unknown
    try {
      parsed = JSON.parse(json)
    } catch {
      return { problem: `part ${ref.name} is not JSON` }
    }
    if (ref.name === 'base') state = parsed as Record<string, unknown>
    else ledgers.push([ref.name.replace(/\.\d+$/, ''), parsed])
  }
  if (state === undefined || typeof state !== 'object')
    return { problem: 'the base part is missing' }
  for (const [ledger, entries] of ledgers) {
    const target = state[ledger]
    if (typeof target !== 'object' || target === null || typeof entries !== 'object')
      return { problem: `part ${ledger} does not fit the base part` }
    Object.assign(target, entries)
  }
  return { state }
}

/** The head value, checked. */
export const parseHead = (text: string): Head | undefined => {
  try {
    const u = JSON.parse(text) as Partial<Head>
    if (u.format !== 1 || typeof u.revision !== 'number' || !Array.isArray(u.parts))
      return undefined
    const ok = u.parts.every(
      (p) =>
        typeof p.name === 'string' &&
        typeof p.hash === 'string' &&
        /^[0-9a-f]+$/.test(p.hash) &&
        Number.isInteger(p.chunks) &&
        p.chunks >= 1,
    )
    return ok ? (u as Head) : undefined
  } catch {
    return undefined
  }
}
