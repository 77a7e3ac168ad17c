/** Raw HTTP to the fake, to test it without the client. */
import type { FakePrimero } from '../../src/testing/index.js'

export interface RawReply {
  readonly status: number
  readonly headers: Headers
  readonly json: any // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly text: string
}

export const basic = (fake: FakePrimero): string =>
  `Basic ${Buffer.from(`${fake.username}:${fake.password}`).toString('base64')}`

export const api = async (
  fake: FakePrimero,
  method: string,
  path: string,
  body?: unknown,
  authorization: string | null = basic(fake),
): Promise<RawReply> => {
  const headers: Record<string, string> = {}
  if (authorization !== null) headers.authorization = authorization
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, json, text }
}

/** The ids of `GET /api/v2/cases?…`. */
export const ids = async (fake: FakePrimero, query: string): Promise<string[]> =>
  ((await api(fake, 'GET', `/api/v2/cases?${query}`)).json.data as Array<{ id: string }>).map(
    (c) => c.id,
  )
