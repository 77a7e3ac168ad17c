/** The fake's state as the routes see it, and the shape of an answer. */
import type { FakeAuth } from './auth.js'
import type { Store } from './store.js'
import type { FakeRecord } from './types.js'
import type { Directory } from './validate.js'

export interface World {
  readonly store: Store
  readonly auth: FakeAuth
  readonly dir: Directory
  readonly filterable: ReadonlySet<string>
  readonly idSearchFields: ReadonlyArray<string>
  readonly gbvModuleId: string
  /** Server time, ISO with milliseconds. */
  readonly now: () => string
}

/** What a route answers. */
export interface Reply {
  readonly status: number
  readonly json?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** Primero's error envelope: `{"errors":[{status,resource,detail,message}]}`. */
export const failure = (
  status: number,
  resource: string,
  items: ReadonlyArray<{ readonly detail?: string; readonly message: string }>,
  headers?: Readonly<Record<string, string>>,
): Reply => ({
  status,
  json: {
    errors: items.map((i) => ({ status, resource, detail: i.detail ?? null, message: i.message })),
  },
  ...(headers === undefined ? {} : { headers }),
})

export const notFound = (resource: string): Reply =>
  failure(404, resource, [{ message: 'Not Found' }])

export const unauthorized = (resource: string, message = 'Unauthorized'): Reply =>
  failure(401, resource, [{ message }], { 'www-authenticate': 'Bearer realm="Primero"' })

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
