/**
 * The pause gate: when the server says "slow down" (a 429 or 503 with `Retry-After`, or an
 * overload status being backed off), EVERY request of the client waits until that time,
 * not only the one that was answered. Without it, one record waits while the rest of the
 * pipeline keeps hammering a server that asked for a rest.
 *
 * A client has one gate. Attempts wait on it before they queue for a slot and again once
 * they hold one (a request that got its slot during a pause does not slip out).
 */

/** Time as the gate sees it: injected in tests (`manualClock`), the system's otherwise. */
export interface Timers {
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  sleep: (ms) => (ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))),
}

export interface PauseGate {
  /** The gate's clock (ms since the epoch, or a test's manual time). */
  readonly now: () => number
  /** Resolves once no pause is in force (at once when there is none). */
  readonly wait: () => Promise<void>
  /**
   * Every request waits `ms` from now (capped at the gate's `maxPauseMs`). A pause only
   * ever lengthens: a shorter one asked while a longer one runs changes nothing.
   * Returns the pause now in force, in ms from now (0: none).
   */
  readonly pauseFor: (ms: number) => number
  /** Ms until the pause in force ends (0: none). */
  readonly remainingMs: () => number
}

export interface PauseGateOptions {
  /** The longest single pause (default 30 000 ms, the retry policy's `maxRetryAfterMs`). */
  readonly maxPauseMs?: number
  readonly timers?: Timers
}

export const DEFAULT_MAX_PAUSE_MS = 30_000

export const pauseGate = (options: PauseGateOptions = {}): PauseGate => {
  const timers = options.timers ?? systemTimers
  const maxPauseMs = options.maxPauseMs ?? DEFAULT_MAX_PAUSE_MS
  let until = Number.NEGATIVE_INFINITY
  const remainingMs = (): number => Math.max(0, until - timers.now())
  return {
    now: timers.now,
    wait: async () => {
      // A pause may be lengthened while we sleep: look again until none is left.
      for (let left = remainingMs(); left > 0; left = remainingMs()) await timers.sleep(left)
    },
    pauseFor: (ms) => {
      const wanted = Math.min(Math.max(0, ms), maxPauseMs)
      if (Number.isFinite(wanted)) until = Math.max(until, timers.now() + wanted)
      return remainingMs()
    },
    remainingMs,
  }
}

/**
 * A clock for tests: time stands still until `advance(ms)`; `sleep` resolves when the
 * clock passes its end. No real waiting, no real timers.
 *
 * @example
 * const clock = manualClock()
 * const slept = clock.sleep(1_000)
 * await clock.advance(1_000) // `slept` has resolved
 */
export const manualClock = (start = 0) => {
  let now = start
  let sleepers: Array<{ readonly at: number; readonly wake: () => void }> = []
  const flush = async (): Promise<void> => {
    // Let the woken continue (and maybe sleep again) before the caller looks.
    for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return {
    now: () => now,
    sleep: (ms: number): Promise<void> =>
      ms <= 0
        ? Promise.resolve()
        : new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    /** Moves time on by `ms`, wakes every sleeper whose time has come, lets them run. */
    advance: async (ms: number): Promise<void> => {
      now += ms
      const due = sleepers.filter((s) => s.at <= now)
      sleepers = sleepers.filter((s) => s.at > now)
      for (const s of due) s.wake()
      await flush()
    },
    /** How many sleepers wait. */
    sleeping: (): number => sleepers.length,
  }
}

export type ManualClock = ReturnType<typeof manualClock>
