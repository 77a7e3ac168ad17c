/**
 * One read's records, decoded one at a time as they arrive: each on its own and tolerantly
 * (`readClient`), the client handed to the caller's sink at once, the records refused or
 * repaired noted by index (never by value).
 */
import * as E from 'fp-ts/lib/Either.js'

import type { OscarClient } from '../codecs/Client.js'
import { readClient } from './tolerantClient.js'

/**
 * Where `readClientsInto` puts the clients it reads: `add` gets each one as soon as it is
 * decoded, `done` is called once the whole answer was read and checked, and its result is
 * the read's `clients`. Keep only what you need: the read itself holds one record at a time.
 */
export interface ClientSink<A> {
  readonly add: (client: OscarClient) => void
  readonly done: () => A
}

/** A record of a read that did not decode: where it was, and which fields failed. */
export interface RejectedRecord {
  readonly index: number
  readonly globalId?: string
  readonly paths: ReadonlyArray<string>
}

/**
 * A record of a read that was kept with some fields repaired or left out: where it was,
 * its global id, and the paths (never the values). A path names a field (`is_referred`,
 * `services.0.referral_id`) or a whole service left out (`services.2`, a service without
 * a `name`); `dropped` lists the paths left out, the others were repaired.
 */
export interface RepairedRecord {
  readonly index: number
  readonly globalId: string
  readonly paths: ReadonlyArray<string>
  readonly dropped: ReadonlyArray<string>
}

/**
 * What `readClientsInto` returns: `clients` is the sink's `done()`; `rejected` the records
 * without a usable `global_id`; `repaired` the clients read with a field repaired or left out.
 */
export interface ReadClientsIntoResult<A> {
  readonly clients: A
  readonly rejected: ReadonlyArray<RejectedRecord>
  readonly repaired: ReadonlyArray<RepairedRecord>
}

/** One attempt's records: `add` each raw record in answer order, then `finish` once. */
export interface ClientRecords<A> {
  readonly add: (record: unknown) => void
  /** How many clients went to the sink so far. */
  readonly kept: () => number
  readonly finish: () => ReadClientsIntoResult<A>
}

const globalIdOf = (u: unknown): string | undefined => {
  const id =
    typeof u === 'object' && u !== null
      ? (u as { readonly global_id?: unknown }).global_id
      : undefined
  return typeof id === 'string' && id !== '' ? id : undefined
}

/**
 * Decodes each record on its own and tolerantly (see `readClient`) into `sink`: a record
 * without a usable `global_id` is reported by index and paths, one with an odd field is
 * kept and named in `repaired`.
 */
export const clientRecords = <A>(sink: ClientSink<A>): ClientRecords<A> => {
  const rejected: RejectedRecord[] = []
  const repaired: RepairedRecord[] = []
  let index = 0
  let kept = 0
  return {
    add: (record) => {
      const at = index++
      const read = readClient(record)
      if (E.isLeft(read)) {
        const globalId = globalIdOf(record)
        rejected.push({
          index: at,
          ...(globalId === undefined ? {} : { globalId }),
          paths: read.left,
        })
        return
      }
      const { client, touched } = read.right
      if (touched.paths.length > 0)
        repaired.push({ index: at, globalId: client.global_id, ...touched })
      kept += 1
      sink.add(client)
    },
    kept: () => kept,
    finish: () => ({ clients: sink.done(), rejected, repaired }),
  }
}

/** A sink keeping every client in an array, in answer order. */
export const arraySink = (): ClientSink<ReadonlyArray<OscarClient>> => {
  const clients: OscarClient[] = []
  return { add: (client) => void clients.push(client), done: () => clients }
}
