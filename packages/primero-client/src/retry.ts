/** When and how long to wait before trying a request again. */

/** `retry` option: how many times to retry (default 3) and the backoff bounds. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  readonly limit?: number
  /** The first backoff step (default 500 ms); each retry doubles it, with jitter. */
  readonly baseDelayMs?: number
  /** The longest wait before a retry (default 30 000 ms), backoff or `Retry-After`. */
  readonly maxDelayMs?: number
  /** The longest wait a `Retry-After` header may impose (default: `maxDelayMs`). */
  readonly maxRetryAfterMs?: number
}

export interface RetryPolicy {
  readonly limit: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  readonly maxRetryAfterMs: number
}

export const retryPolicy = (options: RetryOptions | false | undefined): RetryPolicy => {
  const o: RetryOptions = options === false ? { limit: 0 } : (options ?? {})
  const maxDelayMs = o.maxDelayMs ?? 30_000
  const policy = {
    limit: o.limit ?? 3,
    baseDelayMs: o.baseDelayMs ?? 500,
    maxDelayMs,
    maxRetryAfterMs: o.maxRetryAfterMs ?? maxDelayMs,
  }
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new TypeError(`retry.${key} must be a non-negative integer`)
    }
  }
  return policy
}

/** Statuses worth another attempt: the server or a proxy may answer differently soon. */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** `Retry-After` in seconds (delta form only, as Primero sends it), else undefined. */
export const retryAfterSeconds = (headers: Headers): number | undefined => {
  const value = headers.get('retry-after')?.trim()
  return value !== undefined && /^\d{1,6}$/.test(value) ? Number(value) : undefined
}

/**
 * The wait before retry number `retry` (1-based): the server's `Retry-After` when given
 * (capped), else exponential backoff with "equal jitter" (half fixed, half random).
 */
export const delayBeforeRetry = (
  policy: RetryPolicy,
  retry: number,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number => {
  if (retryAfter !== undefined) return Math.min(retryAfter * 1000, policy.maxRetryAfterMs)
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))
