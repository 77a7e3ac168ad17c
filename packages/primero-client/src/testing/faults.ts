/** The fake's fault switches: decided per request, from a seeded generator or exactly. */
import type { FaultSwitch } from '@primero-interop/fake-kit'

import type { FailNext, FakeFaults } from './types.js'

/** What to do instead of (or after) handling a request. */
export type Fault =
  | { readonly kind: 'drop'; readonly afterHandling: boolean }
  | {
      readonly kind: 'respond'
      readonly afterHandling: boolean
      readonly status: number
      readonly retryAfterSeconds?: number
      readonly body?: string
      readonly contentType?: string
    }

const html =
  '<!DOCTYPE html><html><body><h1>We are sorry, but something went wrong.</h1></body></html>'

export interface FaultState {
  set(faults: FakeFaults): void
  latency(): number
  /** The fault for this request, if any (consumes one `failNext`). */
  next(method: string, path: string): Fault | undefined
}

export const faultState = ({ chance, delay }: FaultSwitch): FaultState => {
  let faults: FakeFaults = {}
  let failNext: (FailNext & { remaining: number }) | undefined
  const retryAfter = (): { retryAfterSeconds?: number } =>
    faults.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: faults.retryAfterSeconds }

  return {
    set: (next) => {
      const { expireTokens: _oneShot, ...rest } = next
      faults = rest
      failNext =
        next.failNext === undefined
          ? undefined
          : { ...next.failNext, remaining: next.failNext.count }
    },
    latency: () => delay(faults.latencyMs),
    next: (method, path) => {
      const f = failNext
      if (
        f !== undefined &&
        f.remaining > 0 &&
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === undefined || path.startsWith(f.path))
      ) {
        f.remaining -= 1
        const afterHandling = f.afterHandling === true
        if (f.drop === true) return { kind: 'drop', afterHandling }
        return {
          kind: 'respond',
          afterHandling,
          status: f.status ?? 503,
          ...(f.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: f.retryAfterSeconds }),
          ...(f.body === undefined
            ? {}
            : { body: f.body, contentType: f.contentType ?? 'text/plain' }),
        }
      }
      if (chance(faults.dropConnections)) return { kind: 'drop', afterHandling: false }
      if (chance(faults.rate429)) {
        return { kind: 'respond', afterHandling: false, status: 429, ...retryAfter() }
      }
      if (chance(faults.nonJson)) {
        return {
          kind: 'respond',
          afterHandling: false,
          status: 500,
          body: html,
          contentType: 'text/html; charset=utf-8',
        }
      }
      if (chance(faults.failureRate)) {
        return {
          kind: 'respond',
          afterHandling: false,
          status: faults.failureStatus ?? 503,
          ...retryAfter(),
        }
      }
      return undefined
    },
  }
}
