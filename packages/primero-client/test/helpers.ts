/** Shared test helpers: a fake with a client, task runners, a recording logger, clocks. */
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { afterEach, expect } from 'vitest'

import type { LogFields, Logger, PrimeroClient, PrimeroClientOptions } from '../src/index.js'
import { createPrimeroClient } from '../src/index.js'
import type { FakePrimero, FakePrimeroOptions } from '../src/testing/index.js'
import { startFakePrimero } from '../src/testing/index.js'

const open: FakePrimero[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()))
})

/** Starts a fake, closed after the test. */
export const fakePrimero = async (options?: FakePrimeroOptions): Promise<FakePrimero> => {
  const fake = await startFakePrimero(options)
  open.push(fake)
  return fake
}

export type ClientOverrides = Partial<Omit<PrimeroClientOptions, 'baseUrl' | 'auth'>> & {
  readonly token?: boolean
}

/** A client for `fake`, with fast retries unless told otherwise. */
export const clientFor = (fake: FakePrimero, overrides: ClientOverrides = {}): PrimeroClient => {
  const { token, ...rest } = overrides
  return createPrimeroClient({
    baseUrl: fake.url,
    auth: token
      ? { mode: 'token', username: fake.username, password: fake.password }
      : { username: fake.username, password: fake.password },
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 },
    timeoutMs: 5_000,
    ...rest,
  })
}

export const withClient = async (
  options?: FakePrimeroOptions,
  overrides?: ClientOverrides,
): Promise<{ readonly fake: FakePrimero; readonly primero: PrimeroClient }> => {
  const fake = await fakePrimero(options)
  return { fake, primero: clientFor(fake, overrides) }
}

/** Runs a task that must succeed, and returns its value. */
export const ok = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task()
  if (E.isLeft(result)) expect.fail(`expected success, got ${String(result.left)}`)
  return result.right
}

/** Runs a task that must fail, and returns its error. */
export const fails = async <L>(task: TE.TaskEither<L, unknown>): Promise<L> => {
  const result = await task()
  if (E.isRight(result)) expect.fail('expected a failure, got a success')
  return result.left
}

export interface LogEvent {
  readonly level: 'debug' | 'info' | 'warn' | 'error'
  readonly event: string
  readonly fields: LogFields | undefined
}

/** A logger that keeps every event. */
export const recordingLogger = (): Logger & { readonly events: LogEvent[] } => {
  const events: LogEvent[] = []
  const at =
    (level: LogEvent['level']) =>
    (event: string, fields?: LogFields): void => {
      events.push({ level, event, fields })
    }
  return { events, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** A clock that moves 1 ms each time it is read: every server timestamp differs. */
export const tickingClock = (start = Date.parse('2025-08-01T00:00:00.000Z')): (() => Date) => {
  let now = start
  return () => new Date(now++)
}

/** A clock a test moves by hand. */
export const manualClock = (start = Date.parse('2025-08-01T00:00:00.000Z')) => {
  let now = start
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) }
}

/** The requests the fake received to `path` with `method`. */
export const calls = (fake: FakePrimero, method: string, path: string | RegExp): number =>
  fake.requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  ).length
