import { cambodia } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import * as E from 'fp-ts/lib/Either.js'

import { renderSummary } from '../cli/output.js'
import { connect } from '../connect.js'
import { writeCount } from '../report.js'
import { memoryStore } from '../store.js'
import { createSync } from '../sync.js'
import { seedCambodiaScenario } from '../testing/scenario.js'

export interface DemoOptions {
  readonly cases: number
  readonly seed: number
  readonly json?: boolean
}

/**
 * `primero-interop demo`: a fake Primero and a fake OSCaR on 127.0.0.1, a seeded
 * Cambodian scenario, two sync runs. The second must write nothing. Resolves to the exit
 * code: 0 when it did, 1 when it did not, 2 when a run failed.
 */
export const runDemo = async (
  options: DemoOptions,
  io: { readonly stdout: (text: string) => void },
): Promise<number> => {
  const fakePrimero = await startFakePrimero()
  const fakeOscar = await startFakeOscar()
  try {
    const scenario = seedCambodiaScenario({ primero: fakePrimero, oscar: fakeOscar }, options)
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
      store: memoryStore(),
      since: scenario.since,
    })
    const reports = []
    for (const label of ['First run', 'Second run (same window: must write nothing)']) {
      const result = await sync.run()()
      if (E.isLeft(result)) {
        io.stdout(`${label} failed (${result.left.code}): ${result.left.message}\n`)
        return 2
      }
      reports.push(result.right)
      if (options.json !== true) io.stdout(`\n== ${label}\n${renderSummary(result.right)}`)
    }
    if (options.json === true) io.stdout(`${JSON.stringify(reports, null, 2)}\n`)
    const [first, second] = reports
    const idempotent = second !== undefined && writeCount(second) === 0
    if (options.json !== true && first !== undefined && second !== undefined) {
      io.stdout(
        `\n${first.flows['primero-to-oscar'].created} referrals sent to OSCaR (the scenario has ` +
          `${scenario.expectedReferrals} that OSCaR accepts); the second run made ${writeCount(second)} writes.\n`,
      )
    }
    return idempotent ? 0 : 1
  } finally {
    await Promise.all([fakePrimero.close(), fakeOscar.close()])
  }
}
