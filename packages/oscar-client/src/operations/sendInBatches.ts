import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'

import { failingPaths } from '../codecs/common.js'
import type { OscarError } from '../errors.js'
import { atItem, DecodeError } from '../errors.js'
import type { Requester } from '../http/request.js'
import type { Wire } from '../http/wire.js'
import { redactPath } from '../http/wire.js'

/** The outcome of a batched write: OSCaR's last message and how many items were applied. */
export interface WriteResult {
  readonly message: string
  readonly applied: number
}

/** What an empty write answers: nothing was sent. */
export const NOTHING_SENT: WriteResult = { message: 'Nothing to send.', applied: 0 }

const messageOf = (body: unknown): string => {
  const message =
    typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : ''
}

/**
 * Checks every item with `codec` (nothing is sent if one is invalid), then PUTs them as
 * `{"data":[…]}`, `size` items per request, in order, from item `from` (the items before
 * it count as applied already), stopping at the first failure. A failure names the first
 * item of the failing request (`failedIndex`) and the items applied before it
 * (`applied`); a 2xx counts as applied whatever its body.
 */
export const sendInBatches =
  <A, O>(request: Requester, wire: Wire, codec: t.Type<A, O, unknown>, size: number, from = 0) =>
  async (items: ReadonlyArray<A>): Promise<E.Either<OscarError, WriteResult>> => {
    const encoded: O[] = []
    for (const [index, item] of items.entries()) {
      const decoded = codec.decode(item)
      if (E.isLeft(decoded)) {
        const paths = failingPaths(decoded.left).map((p) =>
          p === '' ? `${index}` : `${index}.${p}`,
        )
        const error = new DecodeError({ method: wire.method, path: redactPath(wire), paths })
        return E.left(atItem(error, index, 0))
      }
      encoded.push(codec.encode(decoded.right))
    }
    if (encoded.length === 0) return E.right(NOTHING_SENT)
    let message = ''
    for (let start = from; start < encoded.length; start += size) {
      const data = encoded.slice(start, start + size)
      const answer = await request({ ...wire, json: { data }, mode: 'idempotent' })
      if (E.isLeft(answer)) return E.left(atItem(answer.left, start, start))
      message = messageOf(answer.right.body.kind === 'json' ? answer.right.body.value : undefined)
    }
    return E.right({ message, applied: encoded.length })
  }
