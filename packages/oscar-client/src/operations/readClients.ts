import type { StreamedRecords } from '@primero-interop/http'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import type { OscarClient } from '../codecs/Client.js'
import { OscarClientsResponse } from '../codecs/Responses.js'
import { toOscarDay } from '../dates.js'
import type { OscarError } from '../errors.js'
import type { Answer, Requester } from '../http/request.js'
import type { Wire } from '../http/wire.js'
import { redactPath } from '../http/wire.js'
import type { Logger } from '../logger.js'
import type {
  ClientRecords,
  ClientSink,
  ReadClientsIntoResult,
  RejectedRecord,
  RepairedRecord,
} from './clientRecords.js'
import { arraySink, clientRecords } from './clientRecords.js'
import { decodeAnswer } from './decodeAnswer.js'

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

/**
 * `clients` holds the records read; `rejected` the ones without a usable `global_id`;
 * `repaired` names the records of `clients` read with a field repaired or left out.
 */
export interface ReadClientsResult {
  readonly clients: ReadonlyArray<OscarClient>
  readonly rejected: ReadonlyArray<RejectedRecord>
  readonly repaired: ReadonlyArray<RepairedRecord>
}

/** The records of an answer read as a whole (not streamed): fed one by one, as if they were. */
const fedRecords = <A>(
  start: () => ClientSink<A>,
  records: ReadonlyArray<unknown>,
): ClientRecords<A> => {
  const read = clientRecords(start())
  for (const record of records) read.add(record)
  return read
}

/** The sink a streamed answer's records went to. */
const streamedInto = <S>(answer: Answer<S>): S | undefined =>
  answer.body.kind === 'json' ? answer.body.records : undefined

/**
 * Decodes each record on its own and tolerantly (see `readClient`): a record without a
 * usable `global_id` is reported by index and paths, one with an odd field is kept and
 * named in `repaired`.
 */
export const splitRecords = (records: ReadonlyArray<unknown>): ReadClientsResult =>
  fedRecords(arraySink, records).finish()

/**
 * `GET /api/v1/organizations/clients`, each record decoded as it arrives and handed to the
 * sink `start()` returned (see `ClientSink`). `start` is called once per attempt whose
 * answer is read: a retried read starts over with a fresh sink, the earlier one dropped
 * without its `done`. Throws a `RangeError` at call time when `since` or `until` is not a
 * day (a programmer error).
 */
export const readClientsInto =
  (request: Requester, logger: Logger) =>
  <A>(
    window: ReadWindow,
    start: () => ClientSink<A>,
  ): TE.TaskEither<OscarError, ReadClientsIntoResult<A>> => {
    const wire: Wire = {
      method: 'GET',
      path: 'api/v1/organizations/clients',
      searchParams: {
        since_date: toOscarDay(window.since, 'since'),
        ...(window.until === undefined ? {} : { end_date: toOscarDay(window.until, 'until') }),
      },
    }
    const records: StreamedRecords<ClientRecords<A>> = {
      key: 'data',
      start: () => clientRecords(start()),
    }
    return pipe(
      () => request({ ...wire, mode: 'idempotent', records }),
      TE.chainEitherK((answer) =>
        pipe(
          decodeAnswer(wire, OscarClientsResponse)(answer),
          // Streamed, the envelope's `data` is left empty: its records went to the sink.
          E.map((envelope) => streamedInto(answer) ?? fedRecords(start, envelope.data)),
        ),
      ),
      TE.map((read) => {
        const result = read.finish()
        for (const { index, globalId, paths } of result.rejected)
          logger.warn('oscar.client_rejected', { index, globalId, paths: paths.join(',') })
        for (const { index, globalId, paths, dropped } of result.repaired) {
          const fields = { index, globalId, paths: paths.join(','), dropped: dropped.join(',') }
          logger.warn('oscar.client_repaired', fields)
        }
        logger.info('oscar.clients_read', {
          path: redactPath(wire),
          clients: read.kept(),
          rejected: result.rejected.length,
          repaired: result.repaired.length,
        })
        return result
      }),
    )
  }
