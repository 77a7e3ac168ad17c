import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import type { OscarClient } from '../codecs/Client.js'
import { OscarClientsResponse } from '../codecs/Responses.js'
import { toOscarDay } from '../dates.js'
import type { OscarError } from '../errors.js'
import type { Requester } from '../http/request.js'
import type { Wire } from '../http/wire.js'
import { redactPath } from '../http/wire.js'
import type { Logger } from '../logger.js'
import { decodeAnswer } from './decodeAnswer.js'
import { readClient } from './tolerantClient.js'

/**
 * A read window. `since` is sent as `since_date=YYYY-MM-DD 00:00:00`: OSCaR compares days
 * (`DATE(updated_at) >= day`), so records changed earlier that day come back again. With
 * `until` (sent as `end_date`, same format) OSCaR switches to `created_at BETWEEN since AND
 * until` (midnight at the start of `until`'s day): a historical window of creations.
 * A `Date` counts by its UTC day.
 */
export interface ReadWindow {
  readonly since: Date | string
  readonly until?: Date | string
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
 * `clients` holds the records read; `rejected` the ones without a usable `global_id`;
 * `repaired` names the records of `clients` read with a field repaired or left out.
 */
export interface ReadClientsResult {
  readonly clients: ReadonlyArray<OscarClient>
  readonly rejected: ReadonlyArray<RejectedRecord>
  readonly repaired: ReadonlyArray<RepairedRecord>
}

const globalIdOf = (u: unknown): string | undefined => {
  const id =
    typeof u === 'object' && u !== null
      ? (u as { readonly global_id?: unknown }).global_id
      : undefined
  return typeof id === 'string' && id !== '' ? id : undefined
}

/**
 * Decodes each record on its own and tolerantly (see `readClient`): a record without a
 * usable `global_id` is reported by index and paths, one with an odd field is kept and
 * named in `repaired`.
 */
export const splitRecords = (records: ReadonlyArray<unknown>): ReadClientsResult => {
  const clients: OscarClient[] = []
  const rejected: RejectedRecord[] = []
  const repaired: RepairedRecord[] = []
  records.forEach((record, index) => {
    const read = readClient(record)
    if (E.isLeft(read)) {
      const globalId = globalIdOf(record)
      rejected.push({ index, ...(globalId === undefined ? {} : { globalId }), paths: read.left })
      return
    }
    const { client, touched } = read.right
    clients.push(client)
    if (touched.paths.length > 0) repaired.push({ index, globalId: client.global_id, ...touched })
  })
  return { clients, rejected, repaired }
}

/**
 * `GET /api/v1/organizations/clients`. Throws a `RangeError` at call time when `since` or
 * `until` is not a day (a programmer error).
 */
export const readClients =
  (request: Requester, logger: Logger) =>
  (window: ReadWindow): TE.TaskEither<OscarError, ReadClientsResult> => {
    const wire: Wire = {
      method: 'GET',
      path: 'api/v1/organizations/clients',
      searchParams: {
        since_date: toOscarDay(window.since, 'since'),
        ...(window.until === undefined ? {} : { end_date: toOscarDay(window.until, 'until') }),
      },
    }
    return pipe(
      () => request({ ...wire, mode: 'idempotent' }),
      TE.chainEitherK(decodeAnswer(wire, OscarClientsResponse)),
      TE.map((envelope) => {
        const result = splitRecords(envelope.data)
        for (const { index, globalId, paths } of result.rejected)
          logger.warn('oscar.client_rejected', { index, globalId, paths: paths.join(',') })
        for (const { index, globalId, paths, dropped } of result.repaired) {
          const fields = { index, globalId, paths: paths.join(','), dropped: dropped.join(',') }
          logger.warn('oscar.client_repaired', fields)
        }
        logger.info('oscar.clients_read', {
          path: redactPath(wire),
          clients: result.clients.length,
          rejected: result.rejected.length,
          repaired: result.repaired.length,
        })
        return result
      }),
    )
  }
