/**
 * A `fetch` for tests that holds every request until released, counting how many are in
 * flight at once: how a test sees a client's concurrency without timing anything.
 */
export const holdingFetch = () => {
  let live = 0
  let peak = 0
  let held: Array<() => void> = []
  let holding = true
  const fetch: typeof globalThis.fetch = async (input, init) => {
    live += 1
    peak = Math.max(peak, live)
    try {
      if (holding) await new Promise<void>((resolve) => held.push(resolve))
      return await globalThis.fetch(input, init)
    } finally {
      live -= 1
    }
  }
  return {
    fetch,
    /** Requests waiting to be let go. */
    held: () => held.length,
    /** The most requests in flight at once since the start (or the last `reset`). */
    peak: () => peak,
    /** Starts counting the peak again from the requests in flight now. */
    reset: () => {
      peak = live
    },
    /** Lets the first held request go. */
    releaseFirst: () => {
      held.shift()?.()
    },
    /** Lets the held requests go; `andLater`: and every later one. */
    release: (andLater = false) => {
      holding = !andLater
      const go = held
      held = []
      for (const resolve of go) resolve()
    },
  }
}
