/** The retry policy of the shared HTTP core, with this client's validation. */
import type { RetryOptions, RetryPolicy } from '@primero-interop/http'
import { retryPolicy as policyOf } from '@primero-interop/http'

export type { RetryOptions, RetryPolicy } from '@primero-interop/http'
export { delayBeforeRetry } from '@primero-interop/http'

/** The policy `options` ask for; throws a `TypeError` for a value that cannot work. */
export const retryPolicy = (options: RetryOptions | false | undefined): RetryPolicy => {
  const policy = policyOf(options)
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new TypeError(`retry.${key} must be a non-negative integer`)
    }
  }
  return policy
}
