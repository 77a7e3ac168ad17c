/**
 * The example workflow on the real @openfn/runtime, twice, the first run's final state
 * feeding the second as a cron trigger would carry it.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import type { SyncReport } from '@primero-interop/sync'
import { seedCambodiaScenario } from '@primero-interop/sync/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = import.meta.dirname
const example = join(here, '..')
const builtEntry = join(example, 'node_modules', '@primero-interop', 'sync', 'dist', 'openfn.js')

interface FinalState {
  readonly configuration?: unknown
  readonly sync: { readonly cursors: Record<string, string> } & Record<string, unknown>
  readonly data: SyncReport
}

const writes = (report: SyncReport) =>
  Object.values(report.flows).reduce((n, c) => n + c.created + c.updated, 0)

describe('the OpenFn example workflow on @openfn/runtime', () => {
  let fakes: {
    primero: Awaited<ReturnType<typeof startFakePrimero>>
    oscar: Awaited<ReturnType<typeof startFakeOscar>>
  }
  let dir: string
  beforeAll(async () => {
    fakes = { primero: await startFakePrimero(), oscar: await startFakeOscar() }
    dir = await mkdtemp(join(tmpdir(), 'primero-interop-openfn-'))
  })
  afterAll(() => Promise.all([fakes.primero.close(), fakes.oscar.close()]))

  const configuration = () => ({
    primero: {
      baseUrl: fakes.primero.url,
      username: fakes.primero.username,
      password: fakes.primero.password,
    },
    oscar: { baseUrl: fakes.oscar.url, email: fakes.oscar.email, password: fakes.oscar.password },
    mapping: 'cambodia',
  })

  const runJob = async (input: unknown, name: string): Promise<FinalState> => {
    const inputPath = join(dir, `${name}-in.json`)
    const outputPath = join(dir, `${name}-out.json`)
    await writeFile(inputPath, JSON.stringify(input))
    await promisify(execFile)(
      process.execPath,
      [
        '--experimental-vm-modules',
        '--no-warnings',
        join(here, 'run-job.mjs'),
        join(example, 'job.js'),
        inputPath,
        outputPath,
      ],
      { cwd: example },
    )
    return JSON.parse(await readFile(outputPath, 'utf8')) as FinalState
  }

  it('syncs the scenario, then makes zero writes, with the cursors advanced and nothing private in the state', async () => {
    expect(existsSync(builtEntry), 'the adaptor is not built: run pnpm build').toBe(true)
    const scenario = seedCambodiaScenario(fakes, { cases: 30, seed: 3 })
    // No state.sync yet: the first run starts from the beginning, as a new deployment does.
    const first = await runJob({ configuration: configuration() }, 'first')
    expect(first.data.flows['primero-to-oscar'].created).toBe(scenario.expectedReferrals)
    expect(first.configuration).toBeUndefined()
    expect(first.sync.cursors['primero']).toBeDefined()
    expect(fakes.oscar.referrals().filter((r) => r.externalId !== '').length).toBeGreaterThan(0)

    await new Promise((r) => setTimeout(r, 20))
    const second = await runJob({ ...first, configuration: configuration() }, 'second')
    expect(writes(second.data)).toBe(0)
    expect(second.data.flows['primero-to-oscar'].read).toBeGreaterThan(0)
    expect(Date.parse(second.sync.cursors['primero'] ?? '')).toBeGreaterThan(
      Date.parse(first.sync.cursors['primero'] ?? ''),
    )

    for (const final of [first, second]) {
      const text = JSON.stringify(final)
      expect(Buffer.byteLength(JSON.stringify(final.sync))).toBeLessThan(50_000)
      for (const secret of [fakes.primero.password, fakes.oscar.password, fakes.oscar.email]) {
        expect(text).not.toContain(secret)
      }
      const names = [
        ...fakes.primero.cases().flatMap((c) => [c['name_first'], c['name_last']]),
        ...fakes.oscar
          .clients()
          .flatMap((c) => [
            c['given_name'],
            c['family_name'],
            c['local_given_name'],
            c['local_family_name'],
          ]),
      ].filter((n): n is string => typeof n === 'string' && n.length >= 3)
      for (const name of new Set(names)) expect(text).not.toContain(name)
    }
  })
})
