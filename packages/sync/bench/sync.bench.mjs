// `pnpm bench` (root; builds first): the sync against both fakes over HTTP on 127.0.0.1,
// the Cambodia scenario, a file store, every request counted at the wire, beside the floor
// of issue #14 and the production jobs' pattern on the same data. Writes a table to stdout
// and to BENCHMARKS.md (root), between its markers.
//   BENCH_SIZES=1000,10000 (default)  BENCH_LATENCIES=0,20,100 (default, ms per request)
//   --100k (or BENCH_100K=1) adds 100,000 cases; BENCH_RUNS=1000@0,10000@20 picks pairs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'

import { cambodia } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { connect, createSync, fileStore, writeCount } from '@primero-interop/sync'
import { seedCambodiaScenario } from '@primero-interop/sync/testing'

import { mapperThroughput } from './mappers.mjs'
import { floorOf, wire } from './wire.mjs'

const list = (value, fallback) => (value ? value.split(',').map(Number) : fallback)
const sizes = [
  ...list(process.env.BENCH_SIZES, [1_000, 10_000]),
  ...(process.argv.includes('--100k') || process.env.BENCH_100K ? [100_000] : []),
]
const latencies = list(process.env.BENCH_LATENCIES, [0, 20, 100])
// BENCH_RUNS=1000@0,10000@20 picks exact (cases@latency) pairs instead of the matrix.
const pairs = process.env.BENCH_RUNS
  ? process.env.BENCH_RUNS.split(',').map((p) => p.split('@').map(Number))
  : sizes.flatMap((size) => latencies.map((latencyMs) => [size, latencyMs]))
const HOUR = 3_600_000
const { referralToOscar } = cambodia.primero.serviceResponseTypes

const mb = (bytes) => Math.round(bytes / 2 ** 20)

/** One size at one latency: a first sync, the next hour (our own writes echo), a steady hour. */
const scenarioRuns = async (size, latencyMs) => {
  // A clock that moves 1 ms each time it is read (writes spread over seconds, as Primero
  // needs to page them) and an hour between runs.
  let now = Date.parse('2026-03-02T08:00:00.000Z')
  const clock = () => new Date((now += 1))
  const fakePrimero = await startFakePrimero({ clock })
  const fakeOscar = await startFakeOscar({ clock })
  const scenario = seedCambodiaScenario(
    { primero: fakePrimero, oscar: fakeOscar },
    { cases: size, seed: 14, now: clock() },
  )
  const net = wire()
  const dir = mkdtempSync(join(os.tmpdir(), 'primero-interop-bench-'))
  const store = fileStore(join(dir, 'state.json'))
  const sync = createSync({
    ...connect(
      {
        primero: {
          baseUrl: fakePrimero.url,
          username: fakePrimero.username,
          password: fakePrimero.password,
        },
        oscar: { baseUrl: fakeOscar.url, email: fakeOscar.email, password: fakeOscar.password },
      },
      { fetch: net.fetch },
    ),
    config: cambodia,
    store,
    since: scenario.since,
    clock,
  })
  const rows = []
  let since = scenario.since
  let lastStart
  for (const label of ['first sync', 'next hour (echoes)', 'steady hour']) {
    const started = clock().toISOString()
    const clients = fakeOscar.clients()
    const world = {
      cases: fakePrimero.cases(),
      oscarChanged: clients.filter(
        (c) => lastStart === undefined || Date.parse(c.updated_at) >= lastStart,
      ).length,
      oscarOfDay: clients.filter((c) => String(c.updated_at).slice(0, 10) >= started.slice(0, 10))
        .length,
      since,
      until: started,
      referralToOscar,
    }
    net.take()
    net.setLatency(latencyMs)
    let peak = process.memoryUsage().rss
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    const t0 = performance.now()
    const result = await sync.run()()
    const ms = performance.now() - t0
    clearInterval(sampler)
    net.setLatency(0)
    if (result._tag === 'Left') throw new Error(`${label} failed: ${result.left.code}`)
    const wireCounts = net.take()
    const { flows } = result.right
    const floor = floorOf(
      world,
      flows['oscar-to-primero'].created + flows['pending-defaults'].updated,
    )
    const stateBytes = Buffer.byteLength(readFileSync(join(dir, 'state.json')))
    rows.push({
      size,
      latencyMs,
      label,
      ms,
      wire: wireCounts,
      floor,
      writes: writeCount(result.right),
      peakRss: peak,
      stateBytes,
    })
    since = result.right.cursors.after.primero
    lastStart = Date.parse(started)
    now += HOUR
  }
  await Promise.all([fakePrimero.close(), fakeOscar.close()])
  rmSync(dir, { recursive: true, force: true })
  return rows
}

const ratio = (a, b) => (b === 0 ? '–' : `${(a / b).toFixed(2)}×`)

const endToEndTable = (rows) => [
  '| cases | latency | run | wall | Primero reads (floor) | Primero writes | OSCaR reads+sign-ins (floor) | OSCaR writes | production jobs, Primero reads | ours / production | peak RSS | state |',
  '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => {
    const p = r.wire.primero
    const o = r.wire.oscar
    return `| ${r.size.toLocaleString('en')} | ${r.latencyMs} ms | ${r.label} | ${(r.ms / 1000).toFixed(1)} s | ${p.reads} (${r.floor.primeroReads}) | ${p.writes} | ${o.reads + o.signIns} (${r.floor.oscarReads}) | ${o.writes} | ${r.floor.production.primeroReads} | ${ratio(p.reads, r.floor.production.primeroReads)} | ${mb(r.peakRss)} MiB | ${(r.stateBytes / 1000).toFixed(1)} KB |`
  }),
]

const main = async () => {
  const rows = []
  for (const [size, latencyMs] of pairs) {
    const done = await scenarioRuns(size, latencyMs)
    for (const r of done) {
      rows.push(r)
      console.log(endToEndTable([r]).at(-1))
    }
  }
  // Mapping throughput on the smallest scenario's records.
  const fakePrimero = await startFakePrimero()
  const fakeOscar = await startFakeOscar()
  seedCambodiaScenario({ primero: fakePrimero, oscar: fakeOscar }, { cases: 1_000, seed: 14 })
  const mappers = mapperThroughput(
    fakePrimero.cases(),
    (id) => fakePrimero.referrals(id),
    fakeOscar.clients(),
  )
  await Promise.all([fakePrimero.close(), fakeOscar.close()])
  const header = [
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString().slice(0, 10)}.`,
    'Both fakes and the sync in one process, HTTP on 127.0.0.1; latency added to every request; a file store.',
    'Floor: issue #14 (pages + referrals reads of candidate cases + a lookup, search and confirmation, per OSCaR child changed since the last run + 2).',
    'Production jobs: computed on the same data (INTEGRATION.md: three window reads, both OSCaR flows looking up every child of the day, every hour).',
  ]
  const table = [
    ...header,
    '',
    '| mapper | records | records/s |',
    '| --- | ---: | ---: |',
    ...mappers.map((m) => `| ${m.mapper} | ${m.records} | ${m.perSecond.toLocaleString('en')} |`),
    '',
    ...endToEndTable(rows),
  ].join('\n')
  console.log(`\n${table}`)
  const path = new URL('../../../BENCHMARKS.md', import.meta.url)
  const START = '<!-- bench:start -->'
  const END = '<!-- bench:end -->'
  let doc
  try {
    doc = readFileSync(path, 'utf8')
  } catch {
    doc = `# Benchmarks\n\n${START}\n${END}\n`
  }
  const at = doc.indexOf(START)
  const end = doc.indexOf(END)
  const updated =
    at >= 0 && end > at
      ? `${doc.slice(0, at + START.length)}\n${table}\n${doc.slice(end)}`
      : `${doc}\n${START}\n${table}\n${END}\n`
  writeFileSync(path, updated)
}

await main()
