import type { RetryOptions } from '../options.js'

/**
 * The delay before retry number `retry` (1-based): exponential from `baseDelayMs`, capped at
 * `maxDelayMs`, jittered to between half and all of it so that clients do not retry in step.
 * A server's `Retry-After` is honoured when longer, within `maxDelayMs`.
 *
 * @example
 * backoffMs({ limit: 3, baseDelayMs: 100, maxDelayMs: 1000 }, 2, undefined, () => 1) // 200
 */
export const backoffMs = (
  policy: Required<RetryOptions>,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  const jittered = exponential / 2 + (random() * exponential) / 2
  const wanted = Math.max(jittered, retryAfterMs ?? 0)
  return Math.round(Math.min(policy.maxDelayMs, wanted))
}

/** `Retry-After` as milliseconds (seconds or an HTTP date), if present and sensible. */
export const retryAfterMs = (headers: Headers, now: number = Date.now()): number | undefined => {
  const value = headers.get('retry-after')
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })
