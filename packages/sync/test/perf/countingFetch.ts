/**
 * A `fetch` that counts the HTTP requests the sync makes, at the wire, per system and
 * kind: what `connect(..., { fetch })` hands both clients. Only methods and paths are
 * kept: never a body.
 */
export interface WireCount {
  reads: number
  writes: number
  signIns: number
}

export interface CountingFetch {
  readonly fetch: typeof globalThis.fetch
  readonly primero: WireCount
  readonly oscar: WireCount
  /** Every request, as `METHOD path`, in order: to say what a failing bound spent. */
  readonly log: string[]
  readonly reset: () => void
}

const zero = (): WireCount => ({ reads: 0, writes: 0, signIns: 0 })

/** Primero's API is `/api/v2`, OSCaR's `/api/v1`: the path says which system a request is for. */
const systemOf = (path: string): 'primero' | 'oscar' | undefined =>
  path.startsWith('/api/v2/') ? 'primero' : path.startsWith('/api/v1/') ? 'oscar' : undefined

/** Counts the requests made through it, at the wire. */
export const countingFetch = (): CountingFetch => {
  const counts = { primero: zero(), oscar: zero() }
  const log: string[] = []
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = input instanceof Request ? input : undefined
    const url = new URL(request?.url ?? String(input))
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
    const system = systemOf(url.pathname)
    if (system !== undefined) {
      const c = counts[system]
      if (/\/(tokens|admin_auth\/sign_in)\b/.test(url.pathname)) c.signIns += 1
      else if (method === 'GET') c.reads += 1
      else c.writes += 1
      log.push(`${system} ${method} ${url.pathname}`)
    }
    return globalThis.fetch(input, init)
  }
  return {
    fetch,
    get primero() {
      return counts.primero
    },
    get oscar() {
      return counts.oscar
    },
    log,
    reset: () => {
      counts.primero = zero()
      counts.oscar = zero()
      log.length = 0
    },
  }
}
