/**
 * The one retry policy: which failures may be sent again, how long to wait (jittered
 * exponential backoff, at least the server's `Retry-After` in seconds or as an HTTP date,
 * capped), and the loop that does it. Whether a REQUEST may be resent at all (an upsert
 * must not be) is the caller's decision: it says so per attempt.
 */

import type { PauseGate } from './pause.js'

/** `retry` option of both clients. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3: at most 4 attempts). */
  readonly limit?: number
  /** The first backoff step (default 500 ms); each retry doubles it, with jitter. */
  readonly baseDelayMs?: number
  /** The longest backoff (default 30 000 ms). */
  readonly maxDelayMs?: number
  /** The longest wait a `Retry-After` header may impose (default: `maxDelayMs`). */
  readonly maxRetryAfterMs?: number
}

export type RetryPolicy = Required<RetryOptions>

export const DEFAULT_LIMIT = 3
export const DEFAULT_BASE_DELAY_MS = 500
/** 30 s: Primero asks for 60 s when its configuration is locked; a wait is capped here. */
export const DEFAULT_MAX_DELAY_MS = 30_000

/** The policy `options` ask for, defaults filled in (`false`: a single attempt). Not validated. */
export const retryPolicy = (options: RetryOptions | false | undefined): RetryPolicy => {
  const o: RetryOptions = options === false ? { limit: 0 } : (options ?? {})
  const maxDelayMs = o.maxDelayMs ?? DEFAULT_MAX_DELAY_MS
  return {
    limit: o.limit ?? DEFAULT_LIMIT,
    baseDelayMs: o.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
    maxDelayMs,
    maxRetryAfterMs: o.maxRetryAfterMs ?? maxDelayMs,
  }
}

/**
 * Statuses worth another attempt of a request that is safe to resend: the server or a
 * proxy may answer differently soon. Not 501, 505 or other 5xx that say the request
 * itself cannot be served.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUSES.has(status)

/** `Retry-After` in milliseconds: delay seconds or an HTTP date (RFC 9110 §10.2.3). */
export const retryAfterMs = (headers: Headers, now: number = Date.now()): number | undefined => {
  const value = headers.get('retry-after')?.trim()
  if (value === undefined || value === '') return undefined
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000
  if (!/[a-z]/i.test(value)) return undefined
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The wait before retry number `retry` (1-based): exponential backoff from `baseDelayMs`,
 * capped at `maxDelayMs`, with "equal jitter" (half fixed, half random); at least the
 * server's `Retry-After` when it sent one, which is capped at `maxRetryAfterMs`.
 *
 * @example
 * delayBeforeRetry(retryPolicy({ baseDelayMs: 100 }), 2, undefined, () => 1) // 200
 */
export const delayBeforeRetry = (
  policy: RetryPolicy,
  retry: number,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number => {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  const backoff = step / 2 + (random() * step) / 2
  const wanted =
    retryAfter === undefined
      ? backoff
      : Math.max(backoff, Math.min(retryAfter, policy.maxRetryAfterMs))
  return Math.round(wanted)
}

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))

/** What the caller makes of one attempt. */
export type Step<R> =
  /** Final: return `result`. */
  | { readonly kind: 'done'; readonly result: R }
  /** `result` unless a retry is left: then wait and send again (`reason` is logged). */
  | {
      readonly kind: 'retryable'
      readonly result: R
      readonly reason: string
      readonly retryAfterMs?: number
      /**
       * The server is overloaded (see `isOverloadStatus`): with a gate, every request of
       * the client waits out this retry's delay, not only this one.
       */
      readonly pause?: boolean
    }
  /** Send again now, not counted as a retry (the credentials were renewed). */
  | { readonly kind: 'again' }

/** Where the loop is: `sent` counts every attempt, `retries` only the counted ones. */
export interface Progress {
  readonly sent: number
  readonly retries: number
}

/** Injected in tests: no real waiting, no real randomness. */
export interface RetryRuntime {
  readonly sleep: (ms: number) => Promise<void>
  readonly random: () => number
}

export const systemRuntime: RetryRuntime = { sleep, random: Math.random }

/**
 * Runs `attempt` until it is done, retrying what it calls retryable while `policy.limit`
 * allows. `onRetry` hears each wait before it starts. A retry marked `pause` pauses `gate`
 * (the client's) for its delay: the whole pipeline slows down, not one record. Resolves
 * with the last result and the progress made.
 */
export const withRetries = async <R>(
  policy: RetryPolicy,
  attempt: (progress: Progress) => Promise<Step<R>>,
  onRetry: (progress: Progress, reason: string, delayMs: number) => void = () => undefined,
  runtime: RetryRuntime = systemRuntime,
  gate?: PauseGate,
): Promise<{ readonly result: R } & Progress> => {
  let retries = 0
  for (let sent = 1; ; sent++) {
    const step = await attempt({ sent, retries })
    if (step.kind === 'again') continue
    if (step.kind === 'done' || retries >= policy.limit)
      return { result: step.result, sent, retries }
    retries++
    const delayMs = delayBeforeRetry(policy, retries, step.retryAfterMs, runtime.random)
    if (step.pause === true && gate !== undefined) gate.pauseFor(delayMs)
    onRetry({ sent, retries }, step.reason, delayMs)
    await runtime.sleep(delayMs)
  }
}
