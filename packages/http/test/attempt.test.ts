import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

import { describe, expect, it } from 'vitest'

import { createAttempt, semaphore } from '../src/index.js'
import { closeLast, serve } from './serve.js'

describe('one attempt', () => {
  it('never follows a redirect: the credentials stay with the origin they were meant for', async () => {
    const seen: Array<string | undefined> = []
    const elsewhere = await serve((req, res) => {
      seen.push(req.headers['access-token'] as string | undefined)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
    const url = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere}/steal` }).end()
    })
    const attempt = createAttempt({ timeoutMs: 5_000 })
    const answer = await attempt({
      method: 'GET',
      url: `${url}/api`,
      headers: { 'access-token': 'secret-token' },
    })
    expect(answer.kind === 'response' && answer.status).toBe(302)
    expect(seen).toEqual([])
  })

  it('reads JSON, empty and non-JSON bodies, keeping only the fact of the latter', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/json')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}')
      else if (req.url === '/empty') res.writeHead(204).end()
      else res.writeHead(500, { 'content-type': 'text/html' }).end('<p>Sokha</p>')
    })
    const attempt = createAttempt({ timeoutMs: 5_000 })
    const json = await attempt({ method: 'GET', url: `${url}/json` })
    expect(json.kind === 'response' && [json.status, json.body]).toEqual([
      200,
      { kind: 'json', value: { a: 1 } },
    ])
    const empty = await attempt({ method: 'GET', url: `${url}/empty` })
    expect(empty.kind === 'response' && empty.body).toEqual({ kind: 'empty' })
    const html = await attempt({ method: 'GET', url: `${url}/html` })
    expect(html.kind === 'response' && [html.status, html.contentType, html.body]).toEqual([
      500,
      'text/html',
      { kind: 'not-json' },
    ])
    expect(JSON.stringify(html)).not.toContain('Sokha')
  })

  it('sends JSON with accept: application/json and the given headers', async () => {
    let seen: unknown
    const url = await serve((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        seen = [
          req.method,
          req.headers.accept,
          req.headers['x-a'],
          Buffer.concat(chunks).toString(),
        ]
        res.writeHead(201).end()
      })
    })
    await createAttempt({ timeoutMs: 5_000 })({
      method: 'POST',
      url,
      json: { b: 2 },
      headers: { 'x-a': 'y' },
    })
    expect(seen).toEqual(['POST', 'application/json', 'y', '{"b":2}'])
  })

  it('a stalled body is a timeout', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"a":')
    })
    const exchange = await createAttempt({ timeoutMs: 100 })({ method: 'GET', url })
    expect(exchange).toMatchObject({ kind: 'failure', failure: 'timeout' })
  })

  it('a stalled body is a timeout even when fetch has lost its abort signal to a GC', async () => {
    // ky hands fetch an `AbortSignal.any` wrapper that a garbage collection may drop once
    // fetch has answered (nodejs/node#55428): its abort never reached the body, which hung.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"data":[{"id":1},')
    })
    const collecting = async (input: Request | URL | string, init?: RequestInit) => {
      const response = await fetch(input, init)
      setImmediate(gc)
      return response
    }
    const attempt = createAttempt({ timeoutMs: 300, fetch: collecting })
    expect(await attempt({ method: 'GET', url })).toMatchObject({ failure: 'timeout' })
    const streamed = await attempt({
      method: 'GET',
      url,
      records: { key: 'data', start: () => ({ add: () => undefined }) },
    })
    expect(streamed).toMatchObject({ failure: 'timeout' })
  })

  it('a refused connection provably never left; a dropped one may have arrived', async () => {
    const url = await serve((req) => req.socket.destroy())
    const attempt = createAttempt({ timeoutMs: 5_000 })
    expect(await attempt({ method: 'POST', url })).toMatchObject({
      kind: 'failure',
      failure: 'transfer',
    })
    await closeLast()
    expect(await attempt({ method: 'POST', url })).toMatchObject({
      kind: 'failure',
      failure: 'connect',
      code: 'ECONNREFUSED',
    })
  })

  it('holds a slot of the semaphore per attempt', async () => {
    let inFlight = 0
    let peak = 0
    const url = await serve((_req, res) => {
      inFlight += 1
      peak = Math.max(peak, inFlight)
      setImmediate(() => {
        inFlight -= 1
        res.writeHead(204).end()
      })
    })
    const attempt = createAttempt({ timeoutMs: 5_000, slots: semaphore(2) })
    await Promise.all(Array.from({ length: 6 }, () => attempt({ method: 'GET', url })))
    expect(peak).toBe(2)
  })
})
