import { inspect } from 'node:util'

import {
  createOscarClient,
  type OscarError,
  type OscarInteropClient,
} from '@primero-interop/oscar-client'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient, anUpsert, aStatusUpdate, GLOBAL_ID } from './fixtures/records.js'
import {
  closeAll,
  harness,
  type LogEvent,
  rawSession,
  recordingLogger,
  sleep,
  startStub,
  withSignIn,
} from './helpers.js'

afterEach(closeAll)

const PASSWORD = 'Pl4nted-P@ssw0rd-9731'
const WRONG_PASSWORD = 'Wr0ng-Pl4nted-Secret'
const GIVEN = 'Sreypov-Planted'
const FAMILY = 'ស្រីពៅ'
const PHONE = '099-555-0173'
/** A name that could pass for a one-word field name. */
const LOWER_NAME = 'sreypov'
const BIRTH = '2013-07-29'

/** Every way an error can be printed or serialised. */
const renderings = (error: OscarError): string[] => [
  error.message,
  String(error),
  JSON.stringify(error),
  inspect(error, { depth: 10 }),
  error.stack ?? '',
]

describe('no secret and no child data in errors or logs', () => {
  it('the planted password, access token and child name never appear', async () => {
    const { logger, events } = recordingLogger()
    const tokens: string[] = []
    // Observe the tokens the fake hands out, to look for them afterwards.
    const spyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const token = response.headers.get('access-token')
      if (token !== null) tokens.push(token)
      return response
    }
    const { fake } = await harness({ password: PASSWORD })
    const client = (
      options: { baseUrl?: string; password?: string; timeoutMs?: number } = {},
    ): OscarInteropClient =>
      createOscarClient({
        baseUrl: options.baseUrl ?? fake.url,
        auth: { email: fake.email, password: options.password ?? PASSWORD },
        retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 },
        timeoutMs: options.timeoutMs ?? 5_000,
        logger,
        fetch: spyFetch,
      })
    const child = anUpsert({
      given_name: GIVEN,
      family_name: FAMILY,
      external_case_worker_mobile: PHONE,
      date_of_birth: BIRTH,
    })
    const errors: OscarError[] = []
    const collect = async (task: () => Promise<E.Either<OscarError, unknown>>): Promise<void> => {
      const result = await task()
      expect(E.isLeft(result)).toBe(true)
      if (E.isLeft(result)) errors.push(result.left)
    }
    const oscar = client()

    // A 500 HTML page that quotes the child (checked: it really does).
    const page = await fetch(`${fake.url}/api/v1/organizations/clients/upsert`, {
      method: 'POST',
      headers: await rawSession(fake),
      body: JSON.stringify({ organization: { ...child, organization_name: 'no-such-ngo' } }),
    })
    expect([page.status, await page.text()]).toEqual([500, expect.stringContaining(GIVEN)])
    await collect(oscar.upsertClient({ ...child, organization_name: 'no-such-ngo' }))
    // A 422 from the fake.
    await collect(oscar.upsertClient({ ...child, services: [{ uuid: '', name: 'Not Specified' }] }))
    // A record with an odd field holding the name, in a read: kept, the field left out.
    fake.seedClient(aClient({ global_id: GLOBAL_ID, family_name: FAMILY, status: { was: GIVEN } }))
    const read = await oscar.readClients({ since: '2000-01-01' })()
    expect(E.isRight(read) && read.right.repaired).toHaveLength(1)
    // A timeout and a lost response on an upsert carrying the name.
    const impatient = client({ timeoutMs: 250 })
    expect(E.isRight(await impatient.listOrganizations()())).toBe(true) // signed in: the upsert times out
    fake.setFaults({ path: 'upsert', latencyMs: 600 })
    await collect(impatient.upsertClient(child))
    fake.setFaults({ dropAfterProcessing: true })
    await collect(oscar.upsertClient(child))
    // 401s after the token was sent, and a refused password.
    fake.setFaults({ rejectTokens: true })
    await collect(oscar.listClients({ since: '2024-01-01' }))
    fake.setFaults({})
    await collect(client({ password: WRONG_PASSWORD }).listOrganizations())
    // Failing answers that quote the child: a 422, update_statuses' reason, a JSON 500, HTML.
    const stub = await startStub(
      withSignIn((req, res) => {
        const url = req.url ?? ''
        if (url.includes('upsert')) {
          res.writeHead(422, { 'content-type': 'application/json' })
          res.end(
            JSON.stringify({
              external_id: 'x',
              message: { given_name: [`${GIVEN} is odd`], [GIVEN]: ['x'], [LOWER_NAME]: ['y'] },
            }),
          )
        } else if (url.includes('update_statuses')) {
          res.writeHead(422, { 'content-type': 'application/json' })
          res.end(
            JSON.stringify({
              error: `Couldn't find Client ${GIVEN} ${FAMILY}`,
              message: 'Record error.',
            }),
          )
        } else if (url.includes('update_links')) {
          res.writeHead(500, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ error: `${GIVEN} ${PHONE}` }))
        } else {
          res.writeHead(500, { 'content-type': 'text/html' })
          res.end(`<html><pre>${GIVEN} ${FAMILY} ${BIRTH}</pre></html>`)
        }
      }),
    )
    const stubbed = client({ baseUrl: stub })
    await collect(stubbed.upsertClient(child))
    await collect(stubbed.updateReferralStatuses([aStatusUpdate()]))
    await collect(
      stubbed.updateLinks([
        { global_id: GLOBAL_ID, external_id: GIVEN, external_id_display: '', is_referred: false },
      ]),
    )
    await collect(stubbed.listClients({ since: '2024-01-01' }))
    await sleep(650)

    expect(tokens.length).toBeGreaterThan(0)
    expect(errors.map((e) => e._tag)).toEqual([
      'NonJsonResponse',
      'Rejected',
      'OutcomeUnknown',
      'OutcomeUnknown',
      'AuthError',
      'AuthError',
      'Rejected',
      'Rejected',
      'HttpError',
      'NonJsonResponse',
    ])
    const secrets = [PASSWORD, WRONG_PASSWORD, GIVEN, FAMILY, LOWER_NAME, PHONE, BIRTH, ...tokens]
    const texts = [
      ...errors.flatMap(renderings),
      JSON.stringify(events),
      inspect(events, { depth: 10 }),
    ]
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret)
    // The 422 whose keys held names kept the real field, and said there were others.
    expect(errors[6]).toMatchObject({ code: 'invalid-fields', fields: ['given_name', 'other'] })
  })
})

describe('a generated name never reaches an error or a log event', () => {
  const khmer = fc
    .array(fc.integer({ min: 0x1780, max: 0x17b3 }), { minLength: 3, maxLength: 12 })
    .map((codes) => String.fromCodePoint(...codes))
  const name = fc.oneof(khmer, fc.stringMatching(/^Zq[a-z]{6,12}$/))

  it('in a 500 page and in a 422 that quote it', async () => {
    const stub = await startStub(
      withSignIn((req, res, body) => {
        const given = (JSON.parse(body) as { organization: { given_name: string } }).organization
          .given_name
        const html = req.headers['x-case'] === 'html'
        res.writeHead(html ? 500 : 422, { 'content-type': html ? 'text/html' : 'application/json' })
        res.end(
          html
            ? `<p>${given}</p>`
            : JSON.stringify({ message: { given_name: [given] }, name: given }),
        )
      }),
    )
    const { logger, events } = recordingLogger()
    const oscar = (kind: string): OscarInteropClient =>
      createOscarClient({
        baseUrl: stub,
        auth: { email: 'a@b.c', password: 'p' },
        logger,
        fetch: (input, init) =>
          fetch(input, { ...init, headers: { ...(init?.headers as object), 'x-case': kind } }),
      })
    const clients = { html: oscar('html'), json: oscar('json') }
    await fc.assert(
      fc.asyncProperty(
        name,
        fc.constantFrom('html', 'json') as fc.Arbitrary<'html' | 'json'>,
        async (given, kind) => {
          events.length = 0
          const result = await clients[kind].upsertClient(anUpsert({ given_name: given }))()
          expect(E.isLeft(result)).toBe(true)
          const texts = E.isLeft(result) ? renderings(result.left) : []
          for (const text of [...texts, JSON.stringify(events satisfies LogEvent[])])
            expect(text).not.toContain(given)
        },
      ),
      { numRuns: 60 },
    )
  })
})
