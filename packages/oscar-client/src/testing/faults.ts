import { faultSwitch } from '@primero-interop/fake-kit'

/**
 * Faults the fake injects, for the requests they target (by default every request except
 * `…/admin_auth/*`, so that signing in keeps working; `path` narrows or widens that).
 * Counters (`count`, `next`) are consumed as requests arrive; rates draw from a seeded
 * generator, so a run is reproducible. `setFaults` replaces every fault at once.
 */
export interface FakeFaults {
  /** Target only requests whose path contains this (`'admin_auth'` targets sign-in too). */
  readonly path?: string
  /** Delay before the request is processed: fixed, or uniform in `[min, max]`. */
  readonly latencyMs?: number | readonly [number, number]
  /** Answer the next `count` targeted requests with `status` (HTML page when `html`). */
  readonly failNext?: {
    readonly status: number
    readonly count: number
    readonly html?: boolean
    readonly retryAfterSeconds?: number
  }
  /** Answer this share of targeted requests (0…1) with OSCaR's 500 HTML page. */
  readonly failureRate?: number
  /** Close the connection without processing: a share (0…1), or the next N requests. */
  readonly dropConnections?: number | { readonly next: number }
  /** Process the request, then close the connection without answering: the lost response. */
  readonly dropAfterProcessing?: boolean | { readonly next: number }
  /**
   * Process the request, then send the headers and the first half of the body and close the
   * connection: an answer cut mid-body (mid-array for `GET clients`). `true` or the next N.
   */
  readonly cutBody?: boolean | { readonly next: number }
  /** One-off: end every session now (the next authenticated request gets a 401). */
  readonly expireSessions?: boolean
  /** Answer 401 to every authenticated request (sign-in itself still succeeds). */
  readonly rejectTokens?: boolean
}

/** What the fault layer decides for one request. */
export type FaultPlan =
  | { readonly kind: 'drop' }
  | {
      readonly kind: 'fail'
      readonly status: number
      readonly html: boolean
      readonly retryAfterSeconds?: number
    }
  | { readonly kind: 'process'; readonly dropAfter: boolean; readonly cut: boolean }

/** The fault switches, with their counters. */
export const createFaults = (seed: number) => {
  const { random, delay } = faultSwitch(seed)
  let faults: FakeFaults = {}
  let failLeft = 0
  let dropLeft = 0
  let dropAfterLeft = 0
  let cutLeft = 0

  const targets = (path: string): boolean =>
    faults.path === undefined ? !path.includes('/admin_auth/') : path.includes(faults.path)

  return {
    set: (next: FakeFaults): void => {
      faults = { ...next }
      failLeft = next.failNext?.count ?? 0
      dropLeft = typeof next.dropConnections === 'object' ? next.dropConnections.next : 0
      dropAfterLeft =
        typeof next.dropAfterProcessing === 'object' ? next.dropAfterProcessing.next : 0
      cutLeft = typeof next.cutBody === 'object' ? next.cutBody.next : 0
    },
    get rejectTokens(): boolean {
      return faults.rejectTokens === true
    },
    latencyFor: (path: string): number => {
      return targets(path) ? delay(faults.latencyMs) : 0
    },
    plan: (path: string): FaultPlan => {
      if (!targets(path)) return { kind: 'process', dropAfter: false, cut: false }
      const drop = faults.dropConnections
      if (typeof drop === 'object' ? dropLeft-- > 0 : drop !== undefined && random() < drop)
        return { kind: 'drop' }
      const fail = faults.failNext
      if (fail !== undefined && failLeft > 0) {
        failLeft--
        return {
          kind: 'fail',
          status: fail.status,
          html: fail.html === true,
          ...(fail.retryAfterSeconds === undefined
            ? {}
            : { retryAfterSeconds: fail.retryAfterSeconds }),
        }
      }
      if (faults.failureRate !== undefined && random() < faults.failureRate)
        return { kind: 'fail', status: 500, html: true }
      const after = faults.dropAfterProcessing
      const dropAfter = typeof after === 'object' ? dropAfterLeft-- > 0 : after === true
      const cutBody = faults.cutBody
      const cut = !dropAfter && (typeof cutBody === 'object' ? cutLeft-- > 0 : cutBody === true)
      return { kind: 'process', dropAfter, cut }
    },
  }
}
