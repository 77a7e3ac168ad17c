/**
 * A known password and a known child's name are planted in requests and in failing
 * responses; neither may appear in any error (message, String, JSON) or any log event.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import type { PrimeroClient, PrimeroError } from '../src/index.js'
import type { FakePrimero } from '../src/testing/index.js'
import { childName } from './arbitraries/case.js'
import { lookups } from './fixtures/cases.js'
import { clientFor, fakePrimero, recordingLogger } from './helpers.js'
import { rewriting, withFields } from './rewriting.js'

const password = 'Plant3d-S3cret-Passw0rd!'
const name = 'Chanthavy Sokhom'

const secretsOf = (fake: FakePrimero, planted: string): ReadonlyArray<string> => [
  password,
  planted,
  ...planted.split(' ').filter((part) => part.length >= 4),
  encodeURIComponent(planted),
  Buffer.from(`${fake.username}:${password}`).toString('base64'),
]

const exposures = (error: PrimeroError): ReadonlyArray<string> => [
  error.message,
  String(error),
  JSON.stringify(error),
  `${error}`,
]

const setup = async (logger = recordingLogger()) => {
  const fake = await fakePrimero({ password, lookups })
  // Primero answers `bad-dob` with a `case_id` that is not a string: its ids are unusable.
  const fetch = rewriting(withFields('bad-dob', { case_id: 7 }))
  const basic = clientFor(fake, { logger, fetch, retry: { limit: 1, baseDelayMs: 1 } })
  const token = clientFor(fake, { logger, token: true, retry: false })
  return { fake, basic, token, logger }
}

/** Every way the planted values could fail a request, each giving an error. */
const failures = (
  fake: FakePrimero,
  primero: PrimeroClient,
  token: PrimeroClient,
  planted: string,
): ReadonlyArray<() => Promise<E.Either<PrimeroError, unknown>>> => {
  const quoted = JSON.stringify({
    errors: [{ status: 422, detail: planted, message: `${planted} is not valid` }],
  })
  return [
    // 422 whose message quotes the submitted name (the fake quotes values, as Primero does).
    () => primero.createCase({ name_first: planted, risk_level: planted })(),
    // 422 whose `detail` is the name itself rather than a pointer.
    async () => {
      fake.setFaults({
        failNext: { count: 1, status: 422, body: quoted, contentType: 'application/json' },
      })
      return primero.createCase({ name_first: planted })()
    },
    // 500 whose JSON body holds the name, and an HTML 500 that does.
    async () => {
      fake.setFaults({
        failNext: { count: 2, status: 500, body: quoted, contentType: 'application/json' },
      })
      return primero.updateCase('e1', { name_first: planted })()
    },
    async () => {
      const html = `<html><pre>${planted} ${password}</pre></html>`
      fake.setFaults({ failNext: { count: 2, status: 500, body: html, contentType: 'text/html' } })
      return primero.getCase('e1')()
    },
    // The name as a filter value and as a match value, then the request fails.
    async () => {
      fake.setFaults({ failNext: { count: 2, status: 503 } })
      return primero.listCases({ filters: { name: planted } })()
    },
    async () => {
      fake.setFaults({ failNext: { count: 2, drop: true } })
      return primero.findCases({ oscar_number: planted })()
    },
    // A record whose ids are unusable and whose date field holds the name: a DecodeError.
    () => primero.getCase('bad-dob')(),
    // The name in an id (a caller's mistake) still reaches only a redacted query.
    () => primero.listReferrals('missing')(),
    // A refused token login with the planted password in its body.
    async () => {
      fake.setFaults({
        failNext: {
          count: 1,
          status: 401,
          path: '/api/v2/tokens',
          body: `{"error":"${password}"}`,
        },
      })
      return token.getCase('e1')()
    },
  ]
}

describe('redaction', () => {
  it('no error and no log event carries the planted password or name', async () => {
    const { fake, basic, token, logger } = await setup()
    fake.seedCases([
      { id: 'e1', name_first: name },
      { id: 'bad-dob', date_of_birth: name },
    ])
    const secrets = secretsOf(fake, name)
    const errors: PrimeroError[] = []
    for (const run of failures(fake, basic, token, name)) {
      const result = await run()
      if (E.isRight(result)) expect.fail('expected a failure')
      errors.push(result.left)
    }
    expect(errors.map((e) => e._tag)).toEqual([
      'HttpError',
      'HttpError',
      'HttpError',
      'HttpError',
      'HttpError',
      'NetworkError',
      'DecodeError',
      'NotFound',
      'AuthError',
    ])
    // What is kept is still useful: the pointer of the invalid field, the status, the path.
    expect(errors[0]).toMatchObject({ status: 422, fields: ['/risk_level'] })
    expect(errors[1]).toMatchObject({ status: 422, fields: [] })
    expect(errors[6]).toMatchObject({ paths: ['case_id', 'date_of_birth'], id: 'bad-dob' })
    const logged = JSON.stringify(logger.events)
    expect(logger.events.length).toBeGreaterThan(10)
    for (const secret of secrets) {
      for (const error of errors)
        for (const text of exposures(error)) expect(text).not.toContain(secret)
      expect(logged).not.toContain(secret)
    }
  })

  it('holds for generated names (property)', async () => {
    const logger = recordingLogger()
    const { fake, basic, token } = await setup(logger)
    await fc.assert(
      fc.asyncProperty(childName, async (planted) => {
        logger.events.length = 0
        fake.seedCases([
          { id: 'e1', name_first: planted },
          { id: 'bad-dob', date_of_birth: planted },
        ])
        const texts: string[] = []
        for (const run of failures(fake, basic, token, planted).slice(0, 7)) {
          const result = await run()
          expect(E.isLeft(result)).toBe(true)
          if (E.isLeft(result)) texts.push(...exposures(result.left))
        }
        texts.push(JSON.stringify(logger.events))
        for (const secret of secretsOf(fake, planted)) {
          for (const text of texts) expect(text).not.toContain(secret)
        }
      }),
      { numRuns: 25 },
    )
  })

  it('the client object does not expose the password', async () => {
    const { basic } = await setup()
    expect(JSON.stringify(basic)).not.toContain(password)
    expect(Object.values(basic).map(String).join()).not.toContain(password)
  })

  it('option errors never quote the options', () => {
    const remote = { url: `http://primero.example.org/?token=${password}`, username: 'u', password }
    expect(() => clientFor(remote as FakePrimero)).toThrow(TypeError)
    try {
      clientFor(remote as FakePrimero)
    } catch (error) {
      expect(String(error)).not.toContain(password)
      expect(String(error)).not.toContain('example.org')
    }
  })
})
