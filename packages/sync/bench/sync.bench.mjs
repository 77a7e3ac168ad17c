// Benchmark of a sync window against both fakes (built packages: run `pnpm build` first).
// BENCH_CASES (default 10000) cases changed in one window, one in ten referred to an NGO.
// Prints: first run (the window), second run (same window, must write nothing), state size.
import { cambodia } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { connect, createSync, memoryStore, writeCount } from '@primero-interop/sync'

const n = Number(process.env.BENCH_CASES ?? 10_000)
const hex = (prefix, i) =>
  `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`
// 200 cases a second: Primero cannot page more than 1,000 changed in one second reliably.
const start = Date.now() - 3_600_000
const at = (i) => new Date(start + i * 5).toISOString()
const { referralToOscar } = cambodia.primero.serviceResponseTypes

const fakePrimero = await startFakePrimero()
const fakeOscar = await startFakeOscar()
const cases = Array.from({ length: n }, (_, i) => ({
  id: hex(1, i),
  case_id: hex(2, i),
  name_first: 'Bench',
  name_last: `Child ${i}`,
  sex: 'female',
  date_of_birth: '2015-06-01',
  location_current: '2040302',
  risk_level: 'medium',
  consent_for_services: true,
  disclosure_other_orgs: true,
  created_at: at(i),
  last_updated_at: at(i),
  services_section:
    i % 10 === 0
      ? [
          {
            unique_id: hex(3, i),
            service_type: 'family_support',
            service_subtype: ['family_support_family_support'],
            service_response_type: referralToOscar,
            service_implementing_agency: 'agency-cif',
          },
        ]
      : [],
}))
fakePrimero.seedCases(cases)
for (let i = 0; i < n; i += 10) {
  fakePrimero.seedReferral(hex(1, i), {
    id: hex(4, i),
    service_record_id: hex(3, i),
    transitioned_to: 'agency-cif-user',
    created_at: at(i),
  })
}

const store = memoryStore()
const sync = createSync({
  ...connect({
    primero: {
      baseUrl: fakePrimero.url,
      username: fakePrimero.username,
      password: fakePrimero.password,
    },
    oscar: { baseUrl: fakeOscar.url, email: fakeOscar.email, password: fakeOscar.password },
  }),
  config: cambodia,
  store,
})

let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50)
for (const label of ['first run', 'next run (nothing changed)']) {
  const started = performance.now()
  const result = await sync.run()()
  const ms = performance.now() - started
  if (result._tag === 'Left') throw new Error(`${label} failed: ${result.left.message}`)
  const report = result.right
  const read = report.flows['primero-to-oscar'].read
  console.log(
    `${label}: ${read} cases in ${(ms / 1000).toFixed(1)} s (${Math.round(read / (ms / 1000))} cases/s), ` +
      `${writeCount(report)} writes, requests primero ${report.requests.primero} / oscar ${report.requests.oscar}`,
  )
}
clearInterval(sampler)
console.log(
  `state: ${Buffer.byteLength(JSON.stringify(store.current()))} bytes; peak RSS ${Math.round(peakRss / 2 ** 20)} MiB (fakes and sync in one process)`,
)
await Promise.all([fakePrimero.close(), fakeOscar.close()])
