import { describe, expect, it } from 'vitest'

import { semaphore } from '../src/index.js'

describe('semaphore', () => {
  it('runs at most `limit` tasks at once, in arrival order, and frees a slot on failure', async () => {
    const slots = semaphore(2)
    let active = 0
    let peak = 0
    const order: number[] = []
    const gates: Array<() => void> = []
    const task = (i: number) => () =>
      new Promise<number>((resolve, reject) => {
        active += 1
        peak = Math.max(peak, active)
        order.push(i)
        gates.push(() => {
          active -= 1
          if (i === 0) reject(new Error('boom'))
          else resolve(i)
        })
      })
    const settled = Promise.allSettled([0, 1, 2, 3].map((i) => slots.run(task(i))))
    const settle = async (): Promise<void> => {
      for (let round = 0; round < 4; round++) {
        await new Promise((r) => setImmediate(r))
        gates.shift()?.()
      }
    }
    await settle()
    const results = await settled
    expect(peak).toBe(2)
    expect(order).toEqual([0, 1, 2, 3])
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ])
  })
})
