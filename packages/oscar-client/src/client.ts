import { pauseGate } from '@primero-interop/http'
import { pipe } from 'fp-ts/lib/function.js'
import type * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import type { OscarClient, OscarOrganization } from './codecs/Client.js'
import type { OscarLinkUpdate, OscarReferralStatusUpdate, OscarUpsert } from './codecs/Payloads.js'
import type { OscarError } from './errors.js'
import { createRequester } from './http/request.js'
import { createSessions } from './http/session.js'
import { createTransport } from './http/wire.js'
import type { ClientSink, ReadClientsIntoResult } from './operations/clientRecords.js'
import { arraySink } from './operations/clientRecords.js'
import { listOrganizations } from './operations/listOrganizations.js'
import type { ReadClientsResult, ReadWindow } from './operations/readClients.js'
import { readClientsInto } from './operations/readClients.js'
import type { WriteResult } from './operations/sendInBatches.js'
import { updateLinks, updateReferralStatuses } from './operations/updates.js'
import type { UpsertResult } from './operations/upsertClient.js'
import { upsertClient } from './operations/upsertClient.js'
import type { OscarClientOptions } from './options.js'
import { resolveOptions } from './options.js'

/** What `createOscarClient` returns. Every call is lazy: run the `TaskEither` to send. */
export interface OscarInteropClient {
  /** Clients changed since a day; each record decoded alone, malformed ones reported. */
  readonly readClients: (window: ReadWindow) => TE.TaskEither<OscarError, ReadClientsResult>
  /**
   * The same read, each client handed to a sink as soon as it is decoded, so that only what
   * the sink keeps stays in memory (the answer is parsed as it arrives, never held whole).
   * `start` is called once per attempt whose answer is read: a retried read starts over with
   * a fresh sink. `clients` is the sink's `done()`.
   */
  readonly readClientsInto: <A>(
    window: ReadWindow,
    start: () => ClientSink<A>,
  ) => TE.TaskEither<OscarError, ReadClientsIntoResult<A>>
  /** `readClients` keeping the clients (a warn event is logged per rejected record). */
  readonly listClients: (
    window: ReadWindow,
  ) => TE.TaskEither<OscarError, ReadonlyArray<OscarClient>>
  /** Creates a referral or updates a child; never resent once it may have arrived. */
  readonly upsertClient: (payload: OscarUpsert) => TE.TaskEither<OscarError, UpsertResult>
  /** Writes Primero's ids onto OSCaR children. */
  readonly updateLinks: (
    links: ReadonlyArray<OscarLinkUpdate>,
  ) => TE.TaskEither<OscarError, WriteResult>
  /** Sends Primero's decisions on NGO referrals, one item per request, in order. */
  readonly updateReferralStatuses: (
    updates: ReadonlyArray<OscarReferralStatusUpdate>,
  ) => TE.TaskEither<OscarError, WriteResult>
  /** Every NGO of the OSCaR instance. */
  readonly listOrganizations: () => TE.TaskEither<OscarError, ReadonlyArray<OscarOrganization>>
  /** Ends the session server-side, if there is one (each sign-in adds one). Never fails. */
  readonly signOut: () => T.Task<void>
}

/**
 * A client of OSCaR's interoperability API v1. Throws at construction (a programmer
 * error) on a malformed `baseUrl`, or plain http to a host other than loopback unless
 * `allowInsecureHttp: true`. Signs in once, lazily, and reuses the session.
 *
 * @example
 * const oscar = createOscarClient({ baseUrl: 'https://oscar.example.org', auth: { email, password } })
 * const result = await oscar.readClients({ since: '2024-03-01' })()
 * const clients = E.isRight(result) ? result.right.clients : []
 */
export const createOscarClient = (options: OscarClientOptions): OscarInteropClient => {
  const config = resolveOptions(options)
  // One gate per client: a server asking for a rest slows every request down, not one.
  const gate = pauseGate({
    maxPauseMs: Math.max(config.retry.maxDelayMs, config.retry.maxRetryAfterMs),
  })
  const send = createTransport(config, gate)
  const sessions = createSessions(config, send)
  const request = createRequester(config, send, sessions, gate)
  const into = readClientsInto(request, config.logger)
  const read = (window: ReadWindow): TE.TaskEither<OscarError, ReadClientsResult> =>
    into(window, arraySink)
  return {
    readClients: read,
    readClientsInto: into,
    listClients: (window) =>
      pipe(
        read(window),
        TE.map((result) => result.clients),
      ),
    upsertClient: upsertClient(request),
    updateLinks: updateLinks(request),
    updateReferralStatuses: updateReferralStatuses(request),
    listOrganizations: listOrganizations(request),
    signOut: () => sessions.signOut,
  }
}
