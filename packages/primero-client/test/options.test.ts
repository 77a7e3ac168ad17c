import { describe, expect, it } from 'vitest'

import type { FetchFn, PrimeroClientOptions } from '../src/index.js'
import { createPrimeroClient } from '../src/index.js'
import { ok } from './helpers.js'

const auth = { username: 'u', password: 'p' }
const make =
  (baseUrl: string, extra: Partial<PrimeroClientOptions> = {}) =>
  () =>
    createPrimeroClient({ baseUrl, auth, ...extra })

describe('createPrimeroClient options', () => {
  it('accepts https anywhere and plain http only to loopback', () => {
    for (const url of [
      'https://primero.example.org',
      'http://127.0.0.1:3000',
      'http://127.9.8.7',
      'http://localhost:8080/',
      'http://[::1]:3000',
    ]) {
      expect(make(url)).not.toThrow()
    }
    expect(make('http://primero.example.org')).toThrow(/plain http/)
    expect(make('http://10.0.0.5')).toThrow(TypeError)
    expect(make('http://primero.example.org', { allowInsecureHttp: true })).not.toThrow()
  })

  it('throws on what cannot work, without quoting it', () => {
    expect(make('ftp://primero.example.org')).toThrow(TypeError)
    expect(make('not a url')).toThrow(/absolute URL/)
    expect(make('https://u:secret@primero.example.org')).toThrow(/credentials/)
    expect(make('https://primero.example.org/?token=secret')).toThrow(/query/)
    expect(() =>
      createPrimeroClient({ baseUrl: 'https://x.org', auth: { username: 'u', password: '' } }),
    ).toThrow(/auth.password/)
    expect(make('https://x.org', { timeoutMs: 0 })).toThrow(/timeoutMs/)
    expect(make('https://x.org', { concurrency: 1.5 })).toThrow(/concurrency/)
    expect(make('https://x.org', { retry: { limit: -1 } })).toThrow(/retry.limit/)
    try {
      make('https://u:secret@primero.example.org')()
    } catch (error) {
      expect(String(error)).not.toContain('secret')
    }
  })

  it('keeps a path prefix of baseUrl and uses the injected fetch', async () => {
    const seen: string[] = []
    const fetch: FetchFn = async (input, init) => {
      const request = new Request(input, init)
      seen.push(`${request.method} ${request.url} ${request.headers.get('accept')}`)
      return new Response(JSON.stringify({ data: { id: 'e1' } }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }
    const primero = createPrimeroClient({
      baseUrl: 'https://primero.example.org/v2-instance/',
      auth,
      fetch,
    })
    await ok(primero.getCase('e 1/x'))
    expect(seen).toEqual([
      'GET https://primero.example.org/v2-instance/api/v2/cases/e%201%2Fx application/json',
    ])
  })
})
