/**
 * What both fakes' fault switches draw on: rates from one seeded generator (a run with
 * faults repeats exactly), a latency fixed or uniform in a range, and "the next N" counters.
 */
import { seededRandom } from './random.js'

/** A delay: fixed, or uniform in `[min, max]`. */
export type Latency = number | readonly [number, number]

export interface FaultSwitch {
  /** The generator the switch draws from. */
  readonly random: () => number
  /** Whether a switch fires: always for `true`, at `rate` (0…1) for a number, else never. */
  readonly chance: (rate: number | boolean | undefined) => boolean
  /** The delay `latency` asks for (0 when absent). */
  readonly delay: (latency: Latency | undefined) => number
}

export const faultSwitch = (seed: number): FaultSwitch => {
  const random = seededRandom(seed)
  return {
    random,
    chance: (rate) => rate === true || (typeof rate === 'number' && rate > 0 && random() < rate),
    delay: (latency) => {
      if (latency === undefined) return 0
      return typeof latency === 'number'
        ? latency
        : latency[0] + random() * (latency[1] - latency[0])
    },
  }
}

/** A counter of "the next N" requests: `take()` is true N times, then false. */
export const countdown = (n: number) => {
  let left = n
  return {
    take: (): boolean => {
      if (left <= 0) return false
      left -= 1
      return true
    },
  }
}

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))
