/** The fake's state as the routes see it, and the shape of an answer. */
import type { FakeAuth } from './auth.js'
import type { Store } from './store.js'
import type { FakeRecord } from './types.js'
import type { Directory } from './validate.js'

export interface World {
  readonly store: Store
  readonly auth: FakeAuth
  /** Devise's `paranoid`: a locked account's 401 says only "Invalid User name or password." */
  readonly paranoid: boolean
  readonly dir: Directory
  readonly filterable: ReadonlySet<string>
  readonly idSearchFields: ReadonlyArray<string>
  readonly gbvModuleId: string
  /** The fields a write keeps (`services_section.<field>` for row fields); undefined: all. */
  readonly writable: ReadonlySet<string> | undefined
  /** A seeded random number in [0, 1): the order of ties, per request. */
  readonly random: () => number
  /** Server time, ISO with milliseconds. */
  readonly now: () => string
}

/** What a route answers. */
export interface Reply {
  readonly status: number
  readonly json?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** `Set-Cookie` values. */
  readonly cookies?: ReadonlyArray<string>
}

/** One item of Primero's error envelope (`api/v2/errors/_error.json.jbuilder`). */
export interface ErrorItem {
  /** Omitted when absent, as Primero's view leaves it out. */
  readonly detail?: string | ReadonlyArray<string>
  readonly message: string | ReadonlyArray<string>
}

/**
 * Primero's error envelope: `{"errors":[{status,resource,detail?,message}]}`. `detail` is
 * left out when there is none (`json.detail error.detail if error.detail.present?`).
 */
export const failure = (
  status: number,
  resource: string,
  items: ReadonlyArray<ErrorItem>,
  headers?: Readonly<Record<string, string>>,
): Reply => ({
  status,
  json: {
    errors: items.map((i) => ({
      status,
      resource,
      ...(i.detail === undefined ? {} : { detail: i.detail }),
      message: i.message,
    })),
  },
  ...(headers === undefined ? {} : { headers }),
})

export const notFound = (resource: string): Reply =>
  failure(404, resource, [{ message: 'Not Found' }])

/**
 * Devise's 401: `{"error": "..."}` with `WWW-Authenticate: Basic realm="Primero"`
 * (`config.http_authentication_realm = 'Primero'` in `config/initializers/devise.rb`).
 */
export const unauthorized = (
  message = 'You need to sign in or sign up before continuing.',
): Reply => ({
  status: 401,
  headers: { 'www-authenticate': 'Basic realm="Primero"' },
  json: { error: message },
})

/** The `data` object of a request body, or undefined. */
export const dataOf = (body: unknown): FakeRecord | undefined => {
  const data =
    typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? (data as FakeRecord)
    : undefined
}

/** A paged list answer. */
export const pageOf = (all: ReadonlyArray<unknown>, page: number, per: number): Reply => ({
  status: 200,
  json: {
    data: all.slice((page - 1) * per, page * per),
    metadata: { total: all.length, per, page },
  },
})
