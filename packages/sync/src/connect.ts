/**
 * One way for every host (the CLI, OpenFn, the demo, the benchmark, the tests) to build
 * the two clients from one settings object, checked by one codec. The passwords are in
 * the settings because the host got them from its secret store (the CLI: environment
 * variables; OpenFn: the step's credential); they go into the clients and nowhere else.
 */
import {
  createOscarClient,
  type OscarClientOptions,
  type OscarInteropClient,
} from '@primero-interop/oscar-client'
import {
  createPrimeroClient,
  type PrimeroClient,
  type PrimeroClientOptions,
} from '@primero-interop/primero-client'
import * as t from 'io-ts'

import type { Logger } from './logger.js'

/** A whole number in [min, max]: a setting outside it could skip changes or never end. */
export const between = (min: number, max: number) =>
  new t.Type<number, number, unknown>(
    `a whole number from ${min} to ${max}`,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) =>
      typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max
        ? t.success(u)
        : t.failure(u, c),
    t.identity,
  )

/** A request's time limit: from one second to ten minutes. */
export const TimeoutMs = between(1_000, 10 * 60_000)

/**
 * Records in parallel, and so requests in flight to each system, by default: measured to
 * keep the pipeline full at 20 to 100 ms a request (packages/http/README.md, "Defaults").
 */
export const DEFAULT_CONCURRENCY = 16

/**
 * The most requests in flight to Primero: its stock nginx (docker/nginx/…/security.conf)
 * allows 20 connections per client address (`limit_conn default 20`) and queues at most 20
 * requests over 50 a second (`limit_req … burst=20`); past either it answers 503.
 */
export const PRIMERO_MAX_CONCURRENCY = 20

/**
 * The most requests in flight to OSCaR: it has no rate limit, but its servers run
 * Passenger with a few single-threaded processes: more than this only queues there.
 */
export const OSCAR_MAX_CONCURRENCY = 32

/** Where Primero is and how to sign in, without the password (a config file's part). */
export const PrimeroEndpoint = t.intersection([
  t.type({ baseUrl: t.string, username: t.string }),
  t.partial({
    /** `basic` (every Primero 2.x, the default) or `token` (a login session). */
    auth: t.keyof({ basic: null, token: null }),
    timeoutMs: TimeoutMs,
    allowInsecureHttp: t.boolean,
    /** Requests in flight to Primero (default: the sync's concurrency), 1 to 20. */
    concurrency: between(1, PRIMERO_MAX_CONCURRENCY),
  }),
])

/** Where OSCaR is and the API user's email, without the password. */
export const OscarEndpoint = t.intersection([
  t.type({ baseUrl: t.string, email: t.string }),
  t.partial({
    timeoutMs: TimeoutMs,
    allowInsecureHttp: t.boolean,
    /** Requests in flight to OSCaR (default: the sync's concurrency), 1 to 32. */
    concurrency: between(1, OSCAR_MAX_CONCURRENCY),
  }),
])

const Password = t.type({ password: t.string })

export const PrimeroSettings = t.intersection([PrimeroEndpoint, Password])
export type PrimeroSettings = t.TypeOf<typeof PrimeroSettings>

export const OscarSettings = t.intersection([OscarEndpoint, Password])
export type OscarSettings = t.TypeOf<typeof OscarSettings>

/** Both systems: what `connect` takes. */
export const ConnectionSettings = t.type(
  { primero: PrimeroSettings, oscar: OscarSettings },
  'ConnectionSettings',
)
export type ConnectionSettings = t.TypeOf<typeof ConnectionSettings>

/** What a host adds to the settings: its logger, and for tests a faster retry. */
export interface ConnectOptions {
  readonly logger?: Logger
  readonly primeroRetry?: PrimeroClientOptions['retry']
  readonly oscarRetry?: OscarClientOptions['retry']
  /** The `fetch` both clients use (default: the global one): a proxy, or a test's network. */
  readonly fetch?: typeof globalThis.fetch
  /**
   * The sync's `concurrency` (records in parallel; default 16): each client then allows as
   * many requests in flight, so neither caps the sync below its setting, up to its system's
   * ceiling (Primero 20, OSCaR 32). An endpoint's own `concurrency` overrides it for that
   * system: a small server can be spared while the other runs at full speed.
   */
  readonly concurrency?: number
}

export interface Connection {
  readonly primero: PrimeroClient
  readonly oscar: OscarInteropClient
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>

/** Requests in flight for one system: its own setting, else the sync's, within its ceiling. */
const inFlight = (own: number | undefined, sync: number | undefined, max: number): number => {
  const wanted = own ?? sync ?? DEFAULT_CONCURRENCY
  if (!Number.isInteger(wanted) || wanted < 1)
    throw new TypeError('concurrency must be a positive whole number')
  return Math.min(wanted, max)
}

/**
 * The two clients for `settings`. Throws a `TypeError` (a programmer error) when a URL
 * cannot work, as the clients do; the message never quotes a value. Pass the sync's
 * `concurrency` so that neither client caps it.
 *
 * @example
 * const { primero, oscar } = connect({
 *   primero: { baseUrl: 'https://primero.example.org', username: 'sync', password },
 *   oscar: { baseUrl: 'https://oscar.example.org', email: 'sync@example.org', password: oscarPassword },
 * }, { concurrency })
 */
export const connect = (settings: ConnectionSettings, options: ConnectOptions = {}): Connection => {
  const { primero: p, oscar: o } = settings
  return {
    primero: createPrimeroClient({
      baseUrl: p.baseUrl,
      auth:
        p.auth === 'token'
          ? { mode: 'token', username: p.username, password: p.password }
          : { username: p.username, password: p.password },
      ...optional('timeoutMs', p.timeoutMs),
      ...optional('allowInsecureHttp', p.allowInsecureHttp),
      concurrency: inFlight(p.concurrency, options.concurrency, PRIMERO_MAX_CONCURRENCY),
      ...optional('logger', options.logger),
      ...optional('retry', options.primeroRetry),
      ...optional('fetch', options.fetch),
    }),
    oscar: createOscarClient({
      baseUrl: o.baseUrl,
      auth: { email: o.email, password: o.password },
      ...optional('timeoutMs', o.timeoutMs),
      ...optional('allowInsecureHttp', o.allowInsecureHttp),
      concurrency: inFlight(o.concurrency, options.concurrency, OSCAR_MAX_CONCURRENCY),
      ...optional('logger', options.logger),
      ...optional('retry', options.oscarRetry),
      ...optional('fetch', options.fetch),
    }),
  }
}
