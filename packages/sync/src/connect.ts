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

/** Where Primero is and how to sign in, without the password (a config file's part). */
export const PrimeroEndpoint = t.intersection([
  t.type({ baseUrl: t.string, username: t.string }),
  t.partial({
    /** `basic` (every Primero 2.x, the default) or `token` (a login session). */
    auth: t.keyof({ basic: null, token: null }),
    timeoutMs: TimeoutMs,
    allowInsecureHttp: t.boolean,
  }),
])

/** Where OSCaR is and the API user's email, without the password. */
export const OscarEndpoint = t.intersection([
  t.type({ baseUrl: t.string, email: t.string }),
  t.partial({ timeoutMs: TimeoutMs, allowInsecureHttp: t.boolean }),
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
}

export interface Connection {
  readonly primero: PrimeroClient
  readonly oscar: OscarInteropClient
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>

/**
 * The two clients for `settings`. Throws a `TypeError` (a programmer error) when a URL
 * cannot work, as the clients do; the message never quotes a value.
 *
 * @example
 * const { primero, oscar } = connect({
 *   primero: { baseUrl: 'https://primero.example.org', username: 'sync', password },
 *   oscar: { baseUrl: 'https://oscar.example.org', email: 'sync@example.org', password: oscarPassword },
 * })
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
      ...optional('logger', options.logger),
      ...optional('retry', options.primeroRetry),
      ...optional('fetch', options.fetch),
    }),
    oscar: createOscarClient({
      baseUrl: o.baseUrl,
      auth: { email: o.email, password: o.password },
      ...optional('timeoutMs', o.timeoutMs),
      ...optional('allowInsecureHttp', o.allowInsecureHttp),
      ...optional('logger', options.logger),
      ...optional('retry', options.oscarRetry),
      ...optional('fetch', options.fetch),
    }),
  }
}
