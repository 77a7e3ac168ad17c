import { delayBeforeRetry, retryAfterMs, retryPolicy } from '@primero-interop/http'
import { createOscarClient, toOscarDay } from '@primero-interop/oscar-client'
import * as fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'

import { redactPath } from '../src/http/wire.js'
import { closeAll, harness, right, startStub, withSignIn } from './helpers.js'

afterEach(closeAll)

const auth = { email: 'api@oscar.test', password: 'Pl4nted-Secret' }

describe('createOscarClient refuses unsafe or malformed options', () => {
  it('plain http only to loopback unless allowInsecureHttp', () => {
    expect(() => createOscarClient({ baseUrl: 'http://oscar.example.org', auth })).toThrow(
      /allowInsecureHttp/,
    )
    expect(() => createOscarClient({ baseUrl: 'http://10.0.0.5:3000', auth })).toThrow(TypeError)
    for (const baseUrl of [
      'http://127.0.0.1:3000',
      'http://localhost',
      'http://[::1]:8080',
      'https://oscar.example.org',
    ])
      expect(() => createOscarClient({ baseUrl, auth })).not.toThrow()
    expect(() =>
      createOscarClient({ baseUrl: 'http://oscar.example.org', auth, allowInsecureHttp: true }),
    ).not.toThrow()
  })

  it('malformed URLs, credentials in the URL, bad numbers; messages echo none of it', () => {
    const cases = [
      () => createOscarClient({ baseUrl: 'not a url Pl4nted-Secret', auth }),
      () => createOscarClient({ baseUrl: 'ftp://oscar.example.org', auth }),
      () => createOscarClient({ baseUrl: 'https://user:Pl4nted-Secret@oscar.example.org', auth }),
      () => createOscarClient({ baseUrl: 'https://oscar.example.org/?token=Pl4nted-Secret', auth }),
      () => createOscarClient({ baseUrl: 'https://oscar.example.org', auth, timeoutMs: 0 }),
      () =>
        createOscarClient({ baseUrl: 'https://oscar.example.org', auth, retry: { limit: 1.5 } }),
      () =>
        createOscarClient({
          baseUrl: 'https://oscar.example.org',
          auth,
          retry: { baseDelayMs: -1 },
        }),
    ]
    for (const make of cases) {
      expect(make).toThrow()
      try {
        make()
      } catch (error) {
        expect(String(error)).not.toContain('Pl4nted-Secret')
      }
    }
  })

  it('keeps a path prefix of baseUrl', async () => {
    const paths: string[] = []
    const url = await startStub(
      withSignIn((req, res) => {
        paths.push(req.url ?? '')
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"organizations":[]}')
      }),
    )
    const { newClient } = await harness()
    await right(newClient({ baseUrl: `${url}/oscar` }).listOrganizations())
    expect(paths).toEqual(['/oscar/api/v1/organizations'])
  })

  it('logs nothing by default and a broken logger does not break a call', async () => {
    const { newClient } = await harness()
    const throwing = () => {
      throw new Error('logger down')
    }
    const oscar = newClient({
      logger: { debug: throwing, info: throwing, warn: throwing, error: throwing },
    })
    await right(oscar.listOrganizations())
  })
})

describe('dates', () => {
  it('a Date counts by its UTC day', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const day = date.toISOString().slice(0, 10)
          expect(toOscarDay(date, 'since')).toBe(`${day} 00:00:00`)
          expect(toOscarDay(day, 'since')).toBe(`${day} 00:00:00`)
          expect(toOscarDay(date.toISOString(), 'since')).toBe(`${day} 00:00:00`)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('a date-time with a zone counts by its UTC day; without one, as UTC', () => {
    expect(toOscarDay('2024-03-01T01:00:00+07:00', 'since')).toBe('2024-02-29 00:00:00')
    expect(toOscarDay('2024-03-01 23:30', 'since')).toBe('2024-03-01 00:00:00')
    for (const bad of ['2024-13-01', '2023-02-29', '01/03/2024', '', 'yesterday'])
      expect(() => toOscarDay(bad, 'since')).toThrow(RangeError)
  })
})

describe('redaction and backoff', () => {
  it('keeps query values only for date keys holding dates', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), (value) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}/.test(value))
        const path = redactPath({
          path: 'api/v1/x',
          searchParams: { since_date: value, name: value },
        })
        expect(path).toBe('/api/v1/x?since_date=[redacted]&name=[redacted]')
      }),
      { numRuns: 200 },
    )
    expect(redactPath({ path: 'a', searchParams: { since_date: '2024-01-02 00:00:00' } })).toBe(
      '/a?since_date=2024-01-02 00:00:00',
    )
  })

  it('backoff grows exponentially, is jittered within [half, all], capped, and honours Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
        (baseDelayMs, maxDelayMs, retry, r, after) => {
          const delay = delayBeforeRetry(
            retryPolicy({ baseDelayMs, maxDelayMs }),
            retry,
            after,
            () => r,
          )
          const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1))
          expect(delay).toBeLessThanOrEqual(maxDelayMs)
          expect(delay).toBeGreaterThanOrEqual(Math.min(maxDelayMs, Math.floor(exponential / 2)))
          if (after !== undefined)
            expect(delay).toBe(
              Math.round(
                Math.min(maxDelayMs, Math.max(after, exponential / 2 + (r * exponential) / 2)),
              ),
            )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000)
    expect(
      retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000),
    ).toBe(6000)
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined()
    expect(retryAfterMs(new Headers())).toBeUndefined()
  })
})
