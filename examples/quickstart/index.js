// The quick start: what `primero-interop demo` does, through the public API.
// Run it with `pnpm demo` from the repository root.
import { cambodia } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { connect, createSync, memoryStore, writeCount } from '@primero-interop/sync'
import { seedCambodiaScenario } from '@primero-interop/sync/testing'

// 1. Two fake servers on 127.0.0.1 that behave like Primero and OSCaR, traps included.
const fakePrimero = await startFakePrimero()
const fakeOscar = await startFakeOscar()

// 2. A Cambodian scenario: MoSVY referrals to NGOs, NGO referrals to MoSVY, decisions
//    both ways, shared cases, a child without consent, a few malformed records.
const scenario = seedCambodiaScenario(
  { primero: fakePrimero, oscar: fakeOscar },
  { cases: 24, seed: 1 },
)

// 3. The clients and the sync. In production: your URLs, and passwords from a secret store.
const { primero, oscar } = connect({
  primero: {
    baseUrl: fakePrimero.url,
    username: fakePrimero.username,
    password: fakePrimero.password,
  },
  oscar: { baseUrl: fakeOscar.url, email: fakeOscar.email, password: fakeOscar.password },
})
const sync = createSync({
  primero,
  oscar,
  config: cambodia,
  store: memoryStore(),
  since: scenario.since,
})

// 4. Run twice. The second run reads the same window and must write nothing.
for (const run of ['first', 'second']) {
  const result = await sync.run()()
  if (result._tag === 'Left') throw new Error(`${run} run failed: ${result.left.message}`)
  const report = result.right
  console.log(`\n${run} run: ${writeCount(report)} writes, ${report.issues.length} issues`)
  console.table(report.flows)
  for (const issue of report.issues) {
    console.log(`  ${issue.flow}  ${issue.recordId}  ${issue.code}`)
  }
}

await Promise.all([fakePrimero.close(), fakeOscar.close()])
