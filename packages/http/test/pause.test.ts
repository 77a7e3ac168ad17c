import type { ServerResponse } from 'node:http'

import { describe, expect, it, vi } from 'vitest'

import type { Exchange, PauseGate, Step } from '../src/index.js'
import {
  createAttempt,
  isOverloadStatus,
  isRetryableStatus,
  manualClock,
  pauseGate,
  retryAfterMs,
  retryPolicy,
  semaphore,
  withRetries,
} from '../src/index.js'
import { serve } from './serve.js'

describe('pause gate', () => {
  it('lets everything through when not paused, holds while paused, only ever lengthens', async () => {
    const clock = manualClock()
    const gate = pauseGate({ timers: clock, maxPauseMs: 5_000 })
    await gate.wait()
    expect(gate.pauseFor(2_000)).toBe(2_000)
    expect(gate.pauseFor(500)).toBe(2_000)
    let passed = false
    const waiting = gate.wait().then(() => (passed = true))
    await clock.advance(1_500)
    expect(gate.pauseFor(1_000)).toBe(1_000) // ends at 2 500 now
    await clock.advance(500)
    expect(passed).toBe(false)
    await clock.advance(500)
    await waiting
    expect(passed).toBe(true)
    expect(gate.remainingMs()).toBe(0)
  })

  it('caps a pause at maxPauseMs and ignores nonsense', () => {
    const clock = manualClock()
    const gate = pauseGate({ timers: clock, maxPauseMs: 3_000 })
    expect(gate.pauseFor(60_000)).toBe(3_000)
    expect(gate.pauseFor(Number.NaN)).toBe(3_000)
    expect(pauseGate({ timers: clock }).pauseFor(-5)).toBe(0)
  })
})

/**
 * `count` requests through one attempt function with `slots` in flight, each retried by
 * the shared loop as a client does (overload statuses marked `pause`). The server answers
 * `/0` with `first`, holds the others until released, and logs each arrival's clock time.
 */
const pipeline = async (options: {
  readonly slots: number
  readonly count: number
  readonly first: (res: ServerResponse) => void
  readonly baseDelayMs?: number
  readonly overloadPauseMs?: number
  readonly limit?: number
}) => {
  const clock = manualClock()
  const policy = retryPolicy({
    baseDelayMs: options.baseDelayMs ?? 100,
    maxDelayMs: 10_000,
    limit: options.limit ?? 3,
  })
  const gate: PauseGate = pauseGate({ timers: clock, maxPauseMs: 10_000 })
  const arrivals: Array<{ readonly path: string; readonly at: number }> = []
  const held: ServerResponse[] = []
  let holding = true
  let firstAnswered = false
  const url = await serve((req, res) => {
    arrivals.push({ path: req.url ?? '', at: clock.now() })
    if (req.url === '/0' && !firstAnswered) {
      firstAnswered = true
      options.first(res)
    } else if (holding) held.push(res)
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  const attempt = createAttempt({
    timeoutMs: 60_000,
    slots: semaphore(options.slots),
    gate,
    ...(options.overloadPauseMs === undefined ? {} : { overloadPauseMs: options.overloadPauseMs }),
  })
  const stepOf = (exchange: Exchange): Step<number> => {
    if (exchange.kind !== 'response') return { kind: 'done', result: -1 }
    const { status } = exchange
    if (!isRetryableStatus(status)) return { kind: 'done', result: status }
    const after = retryAfterMs(exchange.headers)
    return {
      kind: 'retryable',
      result: status,
      reason: String(status),
      pause: isOverloadStatus(status),
      ...(after === undefined ? {} : { retryAfterMs: after }),
    }
  }
  const results = Promise.all(
    Array.from({ length: options.count }, (_, i) =>
      withRetries(
        policy,
        async () => stepOf(await attempt({ method: 'GET', url: `${url}/${i}` })),
        () => undefined,
        { sleep: clock.sleep, random: () => 1 },
        gate,
      ),
    ),
  )
  const release = (): void => {
    holding = false
    for (const res of held.splice(0))
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  }
  return { clock, arrivals, held, release, results }
}

describe('a server asking for a rest pauses every request of the client', () => {
  it('429 Retry-After: 2 on the first of many in flight: nothing else reaches the server for 2 s', async () => {
    const run = await pipeline({
      slots: 4,
      count: 8,
      first: (res) => res.writeHead(429, { 'retry-after': '2' }).end(),
    })
    // /0 answered 429; /1../3 are held in flight.
    await vi.waitFor(() => expect(run.held).toHaveLength(3))
    run.release()
    // /0's retry and /4../7 (which got the freed slots or wait for one) all wait on the clock.
    await vi.waitFor(() => expect(run.clock.sleeping()).toBe(5))
    expect(run.arrivals.map((a) => a.path).sort()).toEqual(['/0', '/1', '/2', '/3'])
    await run.clock.advance(1_999)
    expect(run.arrivals).toHaveLength(4)
    await run.clock.advance(1)
    const results = await run.results
    expect(results.map((r) => r.result)).toEqual(Array(8).fill(200))
    expect(run.arrivals).toHaveLength(9)
    expect(run.arrivals.slice(4).every((a) => a.at >= 2_000)).toBe(true)
  })

  it('a 503 without Retry-After pauses everyone for its backoff (set before its slot is freed)', async () => {
    const run = await pipeline({
      slots: 2,
      count: 5,
      first: (res) => res.writeHead(503).end(),
      baseDelayMs: 400,
      overloadPauseMs: 100,
    })
    await vi.waitFor(() => expect(run.held).toHaveLength(1))
    run.release()
    // /0 backs off; /2 and /3 hold the two slots, paused; /4 queues for a slot.
    await vi.waitFor(() => expect(run.clock.sleeping()).toBe(3))
    expect(run.arrivals).toHaveLength(2)
    await run.clock.advance(399) // backoff: 400 ms (random() = 1)
    expect(run.arrivals).toHaveLength(2)
    await run.clock.advance(1)
    expect((await run.results).map((r) => r.result)).toEqual(Array(5).fill(200))
    expect(run.arrivals.slice(2).every((a) => a.at >= 400)).toBe(true)
  })

  it('a 500 (one record failing) pauses no one else', async () => {
    const run = await pipeline({
      slots: 2,
      count: 4,
      first: (res) => res.writeHead(500).end(),
    })
    // /2 takes /0's slot at once while /0 waits out its own backoff; then /3.
    await vi.waitFor(() => expect(run.held).toHaveLength(2))
    run.release()
    await vi.waitFor(() => expect(run.arrivals).toHaveLength(4))
    expect(run.clock.sleeping()).toBe(1)
    await run.clock.advance(100)
    expect((await run.results).map((r) => r.result)).toEqual(Array(4).fill(200))
  })

  it('a request sent once (not retried) answered 429 Retry-After still pauses the others', async () => {
    const run = await pipeline({
      slots: 2,
      count: 3,
      first: (res) => res.writeHead(429, { 'retry-after': '2' }).end(),
      limit: 0,
    })
    await vi.waitFor(() => expect(run.held).toHaveLength(1))
    run.release()
    await vi.waitFor(() => expect(run.clock.sleeping()).toBe(1))
    expect(run.arrivals).toHaveLength(2)
    await run.clock.advance(2_000)
    expect((await run.results).map((r) => r.result)).toEqual([429, 200, 200])
    expect(run.arrivals[2]?.at).toBe(2_000)
  })
})
