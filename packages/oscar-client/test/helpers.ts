import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import {
  createOscarClient,
  type LogFields,
  type Logger,
  type OscarClientOptions,
  type OscarError,
  type OscarInteropClient,
} from '@primero-interop/oscar-client'
import {
  type FakeOscar,
  type FakeOscarOptions,
  startFakeOscar,
} from '@primero-interop/oscar-client/testing'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

export interface LogEvent {
  readonly level: keyof Logger
  readonly event: string
  readonly fields?: LogFields
}

export const recordingLogger = (): { readonly logger: Logger; readonly events: LogEvent[] } => {
  const events: LogEvent[] = []
  const at =
    (level: keyof Logger) =>
    (event: string, fields?: LogFields): void => {
      events.push({ level, event, ...(fields === undefined ? {} : { fields }) })
    }
  return {
    events,
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  }
}

/** Fast retries for tests: the backoff is real but a few milliseconds. */
export const FAST_RETRY = { limit: 3, baseDelayMs: 2, maxDelayMs: 10 } as const

export interface Harness {
  readonly fake: FakeOscar
  readonly oscar: OscarInteropClient
  readonly events: LogEvent[]
  /** A second client against the same fake. */
  readonly newClient: (options?: Partial<OscarClientOptions>) => OscarInteropClient
}

const open: FakeOscar[] = []

/** A fake OSCaR and a client of it. Close them all with `closeAll` in `afterEach`. */
export const harness = async (
  fakeOptions: FakeOscarOptions = {},
  clientOptions: Partial<OscarClientOptions> = {},
): Promise<Harness> => {
  const fake = await startFakeOscar(fakeOptions)
  open.push(fake)
  const { logger, events } = recordingLogger()
  const newClient = (options: Partial<OscarClientOptions> = {}): OscarInteropClient =>
    createOscarClient({
      baseUrl: fake.url,
      auth: { email: fake.email, password: fake.password },
      retry: FAST_RETRY,
      logger,
      ...clientOptions,
      ...options,
    })
  return { fake, oscar: newClient(), events, newClient }
}

export const closeAll = async (): Promise<void> => {
  await Promise.all(open.splice(0).map((fake) => fake.close()))
  await Promise.all(stubs.splice(0).map((close) => close()))
}

/** Runs a task that must succeed. */
export const right = async <A>(task: TE.TaskEither<OscarError, A>): Promise<A> => {
  const result = await task()
  if (E.isLeft(result)) throw new Error(`expected a success, got ${result.left.message}`)
  return result.right
}

/** Runs a task that must fail. */
export const left = async <A>(task: TE.TaskEither<OscarError, A>): Promise<OscarError> => {
  const result = await task()
  if (E.isRight(result)) throw new Error('expected a failure, got a success')
  return result.left
}

/** Requests the fake received on a path ending with `suffix`. */
export const hits = (fake: FakeOscar, suffix: string, method?: string) =>
  fake.requests.filter(
    (r) => r.path.endsWith(suffix) && (method === undefined || r.method === method),
  )

const stubs: Array<() => Promise<void>> = []

/** A throwaway local server answering with `handler`, for shapes the fake never sends. */
export const startStub = async (
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<string> => {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stubs.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Answers a stub's sign-in with session headers; everything else with `rest`. */
export const withSignIn =
  (rest: (req: IncomingMessage, res: ServerResponse, body: string) => void) =>
  (req: IncomingMessage, res: ServerResponse, body: string): void => {
    if (req.url?.includes('/admin_auth/sign_in')) {
      res.writeHead(200, {
        'content-type': 'application/json',
        'access-token': 'stub-token',
        client: 'stub-client',
        uid: 'api@oscar.test',
        expiry: String(Math.floor(Date.now() / 1000) + 3600),
      })
      res.end('{"data":{}}')
      return
    }
    rest(req, res, body)
  }

/** A port on 127.0.0.1 where nothing listens: connecting is refused. */
export const deadPort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** A clock tests move by hand. */
export const manualClock = (start: string) => {
  let now = new Date(start)
  return {
    clock: (): Date => new Date(now),
    set: (iso: string): void => {
      now = new Date(iso)
    },
  }
}

/** Signs in to the fake by hand: headers for raw requests that bypass the client. */
export const rawSession = async (fake: FakeOscar): Promise<Record<string, string>> => {
  const signIn = await fetch(`${fake.url}/api/v1/admin_auth/sign_in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: fake.email, password: fake.password }),
  })
  return {
    'content-type': 'application/json',
    'access-token': signIn.headers.get('access-token') ?? '',
    client: signIn.headers.get('client') ?? '',
    uid: signIn.headers.get('uid') ?? '',
  }
}
