import { describe, expect, it } from 'vitest'

import { countdown, faultSwitch, requestLog, seededRandom } from '../src/index.js'

describe('fake-kit', () => {
  it('the seeded generator repeats per seed and stays in [0, 1)', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const xs = Array.from({ length: 100 }, () => a())
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(seededRandom(43)()).not.toBe(xs[0])
  })

  it('the fault switch: chance, latency and countdowns', () => {
    const f = faultSwitch(1)
    expect(f.chance(true)).toBe(true)
    expect(f.chance(undefined) || f.chance(0) || f.chance(false)).toBe(false)
    expect(f.delay(undefined)).toBe(0)
    expect(f.delay(7)).toBe(7)
    const d = f.delay([10, 20])
    expect(d >= 10 && d <= 20).toBe(true)
    const next = countdown(2)
    expect([next.take(), next.take(), next.take()]).toEqual([true, true, false])
  })

  it('the request log counts what is in flight', () => {
    const log = requestLog<{ id: number }>()
    const done1 = log.enter({ id: 1 })
    const done2 = log.enter({ id: 2 })
    done1()
    done1()
    done2()
    log.enter({ id: 3 })()
    expect(log.entries.map((e) => e.id)).toEqual([1, 2, 3])
    expect(log.maxInFlight()).toBe(2)
    log.clear()
    expect([log.entries.length, log.maxInFlight()]).toEqual([0, 0])
  })
})
