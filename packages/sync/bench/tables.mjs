// The bench's tables (Markdown), and BENCHMARKS.md's generated part.
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import v8 from 'node:v8'

const mb = (bytes) => Math.round(bytes / 2 ** 20)
const ratio = (a, b) => (b === 0 ? '–' : `${(a / b).toFixed(2)}×`)
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

export const endToEndTable = (rows) => [
  '| cases | latency | concurrency | run | wall | Primero reads (floor) | Primero writes | OSCaR reads+sign-ins (floor) | OSCaR writes | production jobs, Primero reads | ours / production | peak RSS (sync) | state |',
  '| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => {
    const p = r.wire.primero
    const o = r.wire.oscar
    return `| ${r.size.toLocaleString('en')} | ${r.latencyMs} ms | ${r.concurrency} | ${r.label} | ${seconds(r.ms)} | ${p.reads} (${r.floor.primeroReads}) | ${p.writes} | ${o.reads + o.signIns} (${r.floor.oscarReads}) | ${o.writes} | ${r.floor.production.primeroReads} | ${ratio(p.reads, r.floor.production.primeroReads)} | ${mb(r.peakRss)} MiB | ${(r.stateBytes / 1000).toFixed(1)} KB |`
  }),
]

/** First syncs measured at concurrency 1 and at the default, side by side. */
export const speedUpTable = (rows) => {
  const first = rows.filter((r) => r.label === 'first sync')
  const pairs = first
    .filter((r) => r.concurrency === 'default')
    .map((d) => [
      d,
      first.find((r) => r.concurrency === 1 && r.size === d.size && r.latencyMs === d.latencyMs),
    ])
    .filter(([, one]) => one !== undefined)
  if (pairs.length === 0) return []
  return [
    '| cases | latency | first sync, concurrency 1 | first sync, default | default faster by |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...pairs.map(
      ([d, one]) =>
        `| ${d.size.toLocaleString('en')} | ${d.latencyMs} ms | ${seconds(one.ms)} | ${seconds(d.ms)} | ${(one.ms / d.ms).toFixed(1)}× |`,
    ),
  ]
}

export const report = (rows, mappers, heap) => {
  const speedUp = speedUpTable(rows)
  return [
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString().slice(0, 10)}.`,
    `Each scenario's sync in a process of its own, both fakes in another (peak RSS is that sync's process only, in that scenario alone), HTTP on 127.0.0.1; latency added to every request; a file store. V8 heap limit: ${Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20).toLocaleString('en')} MiB${process.execArgv.some((a) => a.startsWith('--max-old-space-size')) ? ' (set with --max-old-space-size)' : " (Node's default)"}; heap growth: ${heap === 'v8' ? "V8's default (up to 4 times what is live)" : 'as the command line bounds it, 1.5 times what is live (`boundHeapGrowth`)'}.`,
    'Floor: issue #14 (pages + referrals reads of candidate cases + one lookup, a filtered search, per OSCaR child changed since the last run + one read per case created with our id and per conditional write + 2). The CI check (`test/perf/floor.ts`) is stricter: 8 lookups and 3 read-backs per search.',
    'Production jobs: computed on the same data (INTEGRATION.md: three window reads, both OSCaR flows looking up every child of the day, every hour).',
    '',
    '| mapper | records | records/s |',
    '| --- | ---: | ---: |',
    ...mappers.map((m) => `| ${m.mapper} | ${m.records} | ${m.perSecond.toLocaleString('en')} |`),
    '',
    ...endToEndTable(rows),
    ...(speedUp.length > 0 ? ['', ...speedUp] : []),
  ]
}

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

/** Replaces what lies between BENCHMARKS.md's markers with `table`. */
export const writeBenchmarks = (path, table) => {
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
