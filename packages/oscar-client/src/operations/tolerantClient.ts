/**
 * Reading a client tolerantly: only `global_id` identifies a child, so only a record
 * without a text `global_id` is refused. Any other field OSCaR sends in a shape the codec
 * refuses is repaired when the repair is certain, else left out; a service without a
 * `name` is left out whole. Each is named by its path, never by its value.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'

import { clientFields, OscarClient, serviceFields } from '../codecs/Client.js'
import { decodeWith } from '../codecs/common.js'

type Repair = (u: unknown) => unknown
type Json = Record<string, unknown>

/** What a tolerant read did to one client: the paths repaired or left out. */
export interface Touched {
  /** Every repaired or left-out path (`referral_id` → `services.0.referral_id`). */
  readonly paths: ReadonlyArray<string>
  /** The ones of `paths` left out (a whole service: `services.2`). */
  readonly dropped: ReadonlyArray<string>
}

/** `"88"` → 88: a referral id written as text. */
const digits: Repair = (u) =>
  typeof u === 'string' && /^\d+$/.test(u.trim()) ? Number(u.trim()) : undefined

/** `"true"` / `"false"` (any case) → the boolean. */
const flag: Repair = (u) => {
  const text = typeof u === 'string' ? u.trim().toLowerCase() : undefined
  return text === 'true' || text === 'false' ? text === 'true' : undefined
}

/** A list of strings with `null`s in it loses them; a bare string is a list of one. */
const strings: Repair = (u) =>
  typeof u === 'string' ? [u] : Array.isArray(u) ? u.filter((x) => x !== null) : undefined

const clientRepairs: Readonly<Record<string, Repair>> = {
  is_referred: flag,
  referral_consent_form: strings,
}
const serviceRepairs: Readonly<Record<string, Repair>> = { referral_id: digits }

const isJson = (u: unknown): u is Json => typeof u === 'object' && u !== null && !Array.isArray(u)
const accepts = (codec: t.Decoder<unknown, unknown>, u: unknown): boolean =>
  E.isRight(codec.decode(u))

class Notes implements Touched {
  readonly paths: string[] = []
  readonly dropped: string[] = []
  add(path: string, left: boolean): void {
    this.paths.push(path)
    if (left) this.dropped.push(path)
  }
}

/** `record`'s typed fields each kept, repaired or left out (noted under `prefix`). */
const settle = (
  record: Json,
  codecs: Readonly<Record<string, t.Decoder<unknown, unknown>>>,
  repairs: Readonly<Record<string, Repair>>,
  prefix: string,
  notes: Notes,
): Json => {
  const out: Json = {}
  for (const [key, value] of Object.entries(record)) {
    const codec = codecs[key]
    if (codec === undefined || value === undefined || accepts(codec, value)) {
      out[key] = value
      continue
    }
    const repaired = repairs[key]?.(value)
    const certain = repaired !== undefined && accepts(codec, repaired)
    if (certain) out[key] = repaired
    notes.add(`${prefix}${key}`, !certain)
  }
  return out
}

/** The services kept: each with a text `name`, its other fields settled. */
const settleServices = (services: ReadonlyArray<unknown>, notes: Notes): Json[] =>
  services.flatMap((service, i) => {
    if (!isJson(service) || typeof service['name'] !== 'string') {
      notes.add(`services.${i}`, true)
      return []
    }
    return [settle(service, serviceFields, serviceRepairs, `services.${i}.`, notes)]
  })

/**
 * One client, tolerantly: `Left` (the failing paths) only when it is not an object with a
 * text `global_id`; else the client and what was repaired or left out.
 *
 * @example
 * readClient({ global_id: 'G1', services: [{ name: 'x', referral_id: '88' }] })
 * // right({ client: { global_id: 'G1', services: [{ name: 'x', referral_id: 88 }] },
 * //         touched: { paths: ['services.0.referral_id'], dropped: [] } })
 */
export const readClient = (
  record: unknown,
): E.Either<ReadonlyArray<string>, { readonly client: OscarClient; readonly touched: Touched }> => {
  const strict = decodeWith(OscarClient)(record)
  if (E.isRight(strict))
    return E.right({ client: strict.right, touched: { paths: [], dropped: [] } })
  if (!isJson(record) || typeof record['global_id'] !== 'string') return strict
  const notes = new Notes()
  const { services, ...rest } = record
  const settled = settle(rest, clientFields, clientRepairs, '', notes)
  if (Array.isArray(services)) settled['services'] = settleServices(services, notes)
  else if (services === null) settled['services'] = null
  else if (services !== undefined) notes.add('services', true)
  const touched = { paths: notes.paths, dropped: notes.dropped }
  return E.map((client: OscarClient) => ({ client, touched }))(decodeWith(OscarClient)(settled))
}
