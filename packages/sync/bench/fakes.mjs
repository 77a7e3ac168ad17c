// The benchmark's fakes in a process of their own (forked by `fakesProcess.mjs`), so that
// the bench's peak RSS and CPU profile are the sync's alone. Starts both fakes, seeds the
// Cambodia scenario, and answers the few questions the bench asks over IPC: the fakes'
// addresses, their clock, and the counts the floor is computed from.
import { cambodia } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { seedCambodiaScenario } from '@primero-interop/sync/testing'

import { windowOf } from './wire.mjs'

const { referralToOscar } = cambodia.primero.serviceResponseTypes

// The fakes' clock moves 1 ms each time it is read (writes spread over seconds, as
// Primero needs to page them); the bench moves it an hour between runs.
let now = 0
const clock = () => new Date((now += 1))
let fakes

const handlers = {
  start: async ({ size, startAt, seed }) => {
    now = Date.parse(startAt)
    const primero = await startFakePrimero({ clock })
    const oscar = await startFakeOscar({ clock })
    fakes = { primero, oscar }
    const scenario = seedCambodiaScenario({ primero, oscar }, { cases: size, seed, now: clock() })
    return {
      primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
      oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
      since: scenario.since,
    }
  },
  now: () => now,
  advance: ({ ms }) => (now += ms),
  // What the floor needs of the data, for a run over (since, until] that starts at
  // `started`, the last one having started at `lastStart` (ms, or undefined).
  world: ({ since, until, lastStart }) => {
    const clients = fakes.oscar.clients()
    return {
      ...windowOf(fakes.primero.cases(), since, until, referralToOscar),
      oscarChanged: clients.filter(
        (c) => lastStart === undefined || Date.parse(c.updated_at) >= lastStart,
      ).length,
      oscarOfDay: clients.filter((c) => String(c.updated_at).slice(0, 10) >= until.slice(0, 10))
        .length,
    }
  },
  rss: () => process.memoryUsage().rss,
  // Issue #17's other run: a share of the cases edited by caseworkers (a field the mapping
  // ignores).
  edit: ({ share }) => {
    const cases = fakes.primero.cases()
    const step = Math.max(1, Math.round(1 / share))
    let edited = 0
    for (let i = 0; i < cases.length; i += step) {
      fakes.primero.editCase(cases[i].id, { bench_note: `edited ${now}` })
      edited += 1
    }
    return edited
  },
  // The records of a fresh scenario, for the mappers' throughput.
  records: async ({ size, seed }) => {
    const primero = await startFakePrimero()
    const oscar = await startFakeOscar()
    seedCambodiaScenario({ primero, oscar }, { cases: size, seed })
    const cases = primero.cases()
    const referrals = Object.fromEntries(cases.map((c) => [c.id, primero.referrals(c.id)]))
    const records = { cases, referrals, clients: oscar.clients() }
    await Promise.all([primero.close(), oscar.close()])
    return records
  },
  close: async () => {
    if (fakes !== undefined) await Promise.all([fakes.primero.close(), fakes.oscar.close()])
    fakes = undefined
  },
}

process.on('message', async ({ id, type, args }) => {
  try {
    const result = await handlers[type](args ?? {})
    process.send({ id, result })
  } catch (error) {
    process.send({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
process.on('disconnect', () => process.exit(0))
