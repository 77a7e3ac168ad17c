/**
 * A fetch that goes to the fake and rewrites the records of its JSON answers: Primero
 * data the fake would never store (a number in `case_id`, a referral without an id).
 */
import type { FetchFn } from '../src/index.js'

type Obj = Record<string, unknown>

/** Rewrites each record of `data` (an object or an array of them) with `edit`. */
export const rewriting =
  (edit: (record: Obj) => Obj): FetchFn =>
  async (input, init) => {
    const response = await globalThis.fetch(input, init)
    const text = await response.text()
    const type = response.headers.get('content-type') ?? ''
    const headers = new Headers(response.headers)
    headers.delete('content-length')
    headers.delete('content-encoding')
    if (!type.includes('json') || text === '') {
      return new Response(text === '' ? null : text, {
        status: response.status,
        headers,
      })
    }
    const body = JSON.parse(text) as Obj
    const one = (u: unknown): unknown =>
      typeof u === 'object' && u !== null && !Array.isArray(u) ? edit(u as Obj) : u
    const data = Array.isArray(body['data']) ? body['data'].map(one) : one(body['data'])
    return new Response(JSON.stringify({ ...body, data }), {
      status: response.status,
      headers,
    })
  }

/** Sets `fields` on the records whose `id` is `id`. */
export const withFields =
  (id: string, fields: Obj) =>
  (record: Obj): Obj =>
    record['id'] === id ? { ...record, ...fields } : record
