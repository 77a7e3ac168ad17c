/**
 * A JSON answer read as its bytes arrive: the elements of the array under one top-level
 * key are parsed one at a time and handed to a sink, so neither the answer's text nor its
 * whole tree is ever held (OSCaR's `GET clients` answers every child in one `{"data":[…]}`).
 * The parsing is `@streamparser/json`'s (see the README for why).
 */
import { JSONParser } from '@streamparser/json'

import type { Body } from './body.js'
import { chunksOf } from './body.js'

/** Where a streamed array's elements go, one at a time, as soon as each is parsed. */
export interface RecordSink {
  readonly add: (record: unknown) => void
}

/**
 * Asks an attempt to stream a 2xx JSON answer: the elements of the array under `key` (a
 * top-level key, e.g. OSCaR's `data`) go to a sink instead of the body's value. `start` is
 * called once per attempt whose answer is streamed, so a retried attempt starts over with a
 * fresh sink: what an earlier attempt's sink received is never mixed in.
 */
export interface StreamedRecords<S extends RecordSink = RecordSink> {
  readonly key: string
  readonly start: () => S
}

/** The caller's bug (a sink or `start` that threw, a bad key): thrown out of the attempt as it is. */
export class CallerFault {
  constructor(readonly error: unknown) {}
}

/** A fresh sink; a `start` that throws is the caller's bug too. */
const sinkOf = <S extends RecordSink>(records: StreamedRecords<S>): S => {
  try {
    return records.start()
  } catch (error) {
    throw new CallerFault(error)
  }
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Reads `body` as JSON, handing each element of the array under `records.key` to a fresh
 * sink and dropping it from the tree at once. The body's `value` is the rest of the
 * top-level value (small): that array left empty, its other keys kept, so the envelope can
 * still be checked. When the value under the key is not an array, nothing reaches the sink
 * and it is kept as it came. Whitespace only is `empty`; malformed JSON (trailing garbage
 * included) is `not-json` (the rest is not read). A lost connection rejects as the read
 * does, `signal` aborting rejects with its reason, and a sink (or `start`) that throws
 * rejects with a `CallerFault` around its error (a key that is not a plain name too).
 *
 * @example
 * const records = { key: 'data', start: () => ({ add: (record: unknown) => kept.push(record) }) }
 * const body = await streamRecords(response.body!, records, AbortSignal.timeout(30_000))
 */
export const streamRecords = async <S extends RecordSink>(
  body: ReadableStream<Uint8Array>,
  records: StreamedRecords<S>,
  signal: AbortSignal,
): Promise<Body<S>> => {
  if (!PLAIN_KEY.test(records.key))
    throw new CallerFault(new TypeError('streamRecords: the key must be a plain property name'))
  const sink = sinkOf(records)
  // keepStack stays on (its `false` also drops the top-level object's other keys): each
  // element is taken out of its array here instead, the moment it is emitted.
  const parser = new JSONParser({ paths: ['$', `$.${records.key}.*`], keepStack: true })
  let root: { readonly value: unknown } | undefined
  parser.onValue = ({ value, key, parent, stack }) => {
    if (stack.length === 0) {
      root = { value }
      return
    }
    // The members of an object under the key stay where they are: the envelope check refuses it.
    if (typeof key !== 'number' || !Array.isArray(parent)) return
    parent.pop()
    try {
      sink.add(value)
    } catch (error) {
      throw new CallerFault(error)
    }
  }
  /** Whether `write` parsed; a sink's error goes on up. */
  const parses = (write: () => void): boolean => {
    try {
      write()
      return true
    } catch (error) {
      if (error instanceof CallerFault) throw error
      return false
    }
  }
  for await (const chunk of chunksOf(body, signal))
    if (!parses(() => parser.write(chunk))) return { kind: 'not-json' }
  // The parser ends itself after a complete top-level value.
  if (!parses(() => (parser.isEnded ? undefined : parser.end()))) return { kind: 'not-json' }
  if (root === undefined) return { kind: 'empty' }
  return { kind: 'json', value: root.value, records: sink }
}
