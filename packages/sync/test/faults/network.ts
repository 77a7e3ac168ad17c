/**
 * A network between the sync and the two fakes that fails as real ones do, chosen by a
 * seeded schedule: refused connections (the request never left), 502 pages from a gateway
 * before or after the server acted, connections lost after the server acted, and the
 * process itself dying at a given request, before it left or after the server acted.
 */
import { seededRandom } from '@primero-interop/fake-kit'

export interface FaultProfile {
  /** Share of requests refused before they leave (ECONNREFUSED). */
  readonly refuse: number
  /** Share answered 502 by a gateway without reaching the server. */
  readonly gatewayBefore: number
  /** Share the server acts on, then a gateway answers 502 (an HTML page). */
  readonly gatewayAfter: number
  /** Share the server acts on, then the connection is lost (the answer never arrives). */
  readonly lostAfter: number
}

/** What fired, over every process of a test file: for the figures in RELIABILITY.md. */
export const fired = {
  requests: 0,
  refused: 0,
  gatewayBefore: 0,
  gatewayAfter: 0,
  lostAfter: 0,
  crashesBefore: 0,
  crashesAfter: 0,
}

export const NO_FAULTS: FaultProfile = {
  refuse: 0,
  gatewayBefore: 0,
  gatewayAfter: 0,
  lostAfter: 0,
}

/** The process dies at its `at`-th request: before it leaves, or after the server acted. */
export interface Crash {
  readonly at: number
  readonly afterServer: boolean
  /**
   * Which requests `at` counts: any request, or only the creates: a case created from an
   * OSCaR child (`POST /api/v2/cases`) or a referral sent to OSCaR (the upsert).
   */
  readonly during?: 'any' | 'case-create' | 'referral-create'
}

const kindOf = (
  input: Parameters<typeof globalThis.fetch>[0],
  init: RequestInit | undefined,
): Crash['during'] => {
  const request = input instanceof Request ? input : undefined
  const method = (request?.method ?? init?.method ?? 'GET').toUpperCase()
  const url = request?.url ?? String(input)
  if (method === 'POST' && /\/api\/v2\/cases(\?|$)/.test(url)) return 'case-create'
  if (method === 'POST' && url.includes('/clients/upsert')) return 'referral-create'
  return 'any'
}

/**
 * The session secrets the servers handed out (OSCaR's `access-token` and `client`
 * headers, a Primero bearer token): leak canaries beside the passwords.
 */
export const sessionSecrets = new Set<string>()

const SECRET_HEADERS = ['access-token', 'client'] as const

const collectSecrets = async (response: Response): Promise<void> => {
  for (const name of SECRET_HEADERS) {
    const value = response.headers.get(name)
    if (value) sessionSecrets.add(value)
  }
  if (!response.url.includes('/api/v2/tokens')) return
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { token?: unknown } | undefined
  if (typeof body?.token === 'string') sessionSecrets.add(body.token)
}

/** Fires and counts the crashes of each kind (for the figures). */
export const crashesDuring = { any: 0, 'case-create': 0, 'referral-create': 0 }

const connectError = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  })

const lostError = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
  })

const gatewayPage = () =>
  new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
    status: 502,
    headers: { 'content-type': 'text/html' },
  })

export interface Process {
  readonly fetch: typeof globalThis.fetch
  /** Resolves when the process dies (never, without a crash). */
  readonly died: Promise<void>
  readonly dead: () => boolean
  /** Requests the process made. */
  readonly requests: () => number
}

/**
 * One process's network: `profile` decides each request's fate (seeded: a schedule
 * replays exactly), and `crash` kills the process. A dead process's requests never end.
 */
export const processNetwork = (
  seed: number,
  profile: FaultProfile,
  crash: Crash | undefined,
): Process => {
  const random = seededRandom(seed)
  let count = 0
  let counted = false
  let dead = false
  let die = (): void => undefined
  const died = new Promise<void>((resolve) => (die = resolve))
  const never = new Promise<Response>(() => undefined)
  const kill = (): Promise<Response> => {
    dead = true
    die()
    return never
  }
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (dead) return never
    fired.requests += 1
    const during = crash?.during ?? 'any'
    if (during === 'any' || kindOf(input, init) === during) count += 1
    const crashHere = crash !== undefined && count === crash.at && !counted
    if (crashHere) {
      counted = true
      crashesDuring[during] += 1
    }
    if (crashHere && !crash.afterServer) {
      fired.crashesBefore += 1
      return kill()
    }
    const roll = random()
    let edge = profile.refuse
    if (!crashHere && roll < edge) {
      fired.refused += 1
      throw connectError()
    }
    if (!crashHere && roll < (edge += profile.gatewayBefore)) {
      fired.gatewayBefore += 1
      return gatewayPage()
    }
    const response = await globalThis.fetch(input, init)
    await collectSecrets(response)
    // The fakes act on a request before they answer: with the answer here, it has acted.
    const drained = () => response.arrayBuffer().catch(() => undefined)
    if (crashHere) {
      fired.crashesAfter += 1
      return drained().then(kill)
    }
    // Another request of this process crashed it meanwhile: this answer is never read.
    if (dead) return drained().then(() => never)
    if (roll < (edge += profile.gatewayAfter)) {
      fired.gatewayAfter += 1
      return drained().then(gatewayPage)
    }
    if (roll < (edge += profile.lostAfter)) {
      fired.lostAfter += 1
      await drained()
      throw lostError()
    }
    return response
  }
  return { fetch, died, dead: () => dead, requests: () => count }
}
