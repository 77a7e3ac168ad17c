import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { cambodia } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { afterEach, describe, expect, it } from 'vitest'

import { EXIT, main } from '../src/cli/main.js'
import type { SyncReport } from '../src/index.js'
import { capture } from './admin/helpers.js'

const tempDir = () => mkdtemp(join(tmpdir(), 'primero-interop-cli-'))

describe('primero-interop --help', () => {
  it('documents every flag of sync and the secrets it reads', async () => {
    const c = capture()
    expect(await main(['sync', '--help'], c.io)).toBe(EXIT.ok)
    for (const flag of [
      '--config',
      '--state',
      '--since',
      '--dry-run',
      '--flows',
      '--every',
      '--json',
      '--log-level',
    ]) {
      expect(c.out()).toContain(flag)
    }
    expect(c.out()).toContain('PRIMERO_PASSWORD')
    expect(c.out()).toContain('OSCAR_PASSWORD')
    expect(c.out()).toMatch(/Exit codes: 0 .*, 1 .*, 2 .*, 64 /)
  })

  it('documents the demo flags', async () => {
    const c = capture()
    expect(await main(['demo', '--help'], c.io)).toBe(EXIT.ok)
    expect(c.out()).toContain('--cases')
    expect(c.out()).toContain('--seed')
  })

  it('rejects an unknown flow and a malformed interval as usage errors (64)', async () => {
    expect(await main(['sync', '--config', 'x.json', '--flows', 'everything'], capture().io)).toBe(
      EXIT.usage,
    )
    expect(await main(['sync', '--config', 'x.json', '--every', 'often'], capture().io)).toBe(
      EXIT.usage,
    )
  })
})

describe('primero-interop demo', () => {
  it('syncs a seeded scenario twice and exits 0 because the second run wrote nothing', async () => {
    const c = capture()
    expect(await main(['demo', '--cases', '12', '--seed', '2'], c.io)).toBe(EXIT.ok)
    expect(c.out()).toContain('== First run')
    expect(c.out()).toContain('== Second run')
    expect(c.out()).toMatch(/the second run made 0 writes/)
  })
})

describe('primero-interop sync', () => {
  const servers: Array<{ close: () => Promise<void> }> = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })

  const setup = async (config?: (urls: { primero: string; oscar: string }) => unknown) => {
    const fakePrimero = await startFakePrimero()
    const fakeOscar = await startFakeOscar()
    servers.push(fakePrimero, fakeOscar)
    const dir = await tempDir()
    const path = join(dir, 'sync.json')
    const urls = { primero: fakePrimero.url, oscar: fakeOscar.url }
    await writeFile(
      path,
      JSON.stringify(
        config?.(urls) ?? {
          primero: { baseUrl: urls.primero, username: fakePrimero.username },
          oscar: { baseUrl: urls.oscar, email: fakeOscar.email },
          state: 'state/sync-state.json',
        },
      ),
    )
    const env = { PRIMERO_PASSWORD: fakePrimero.password, OSCAR_PASSWORD: fakeOscar.password }
    return { fakePrimero, fakeOscar, dir, path, env }
  }

  it('names the invalid field of a config file, and exits 2', async () => {
    const s = await setup((urls) => ({
      primero: { username: 'u' },
      oscar: { baseUrl: urls.oscar, email: 'e' },
    }))
    const c = capture(s.env)
    expect(await main(['sync', '--config', s.path], c.io)).toBe(EXIT.runFailed)
    expect(c.err()).toContain('primero.baseUrl')
  })

  it.each([
    ['overlapMinutes', -600, 'overlapMinutes must be a whole number from 0 to 1440'],
    ['concurrency', 1e9, 'concurrency must be a whole number from 1 to 64'],
  ])(
    'refuses %s out of range, naming the setting and its range, and exits 2',
    async (key, value, said) => {
      const s = await setup((urls) => ({
        primero: { baseUrl: urls.primero, username: 'u' },
        oscar: { baseUrl: urls.oscar, email: 'e' },
        [key]: value,
      }))
      const c = capture(s.env)
      expect(await main(['sync', '--config', s.path], c.io)).toBe(EXIT.runFailed)
      expect(c.err()).toContain(said)
      expect(s.fakeOscar.requests).toHaveLength(0)
    },
  )

  it('takes passwords only from the environment', async () => {
    const s = await setup()
    const c = capture({ OSCAR_PASSWORD: s.env.OSCAR_PASSWORD })
    expect(await main(['sync', '--config', s.path], c.io)).toBe(EXIT.runFailed)
    expect(c.err()).toContain('PRIMERO_PASSWORD is not set')
  })

  it('runs, prints the report as JSON, saves a private state file, and never prints a secret', async () => {
    const s = await setup()
    const kase = s.fakePrimero.seedCases([
      {
        name_first: 'Sokha',
        name_last: 'Chan',
        sex: 'female',
        date_of_birth: '2014-03-02',
        location_current: '2040302',
        risk_level: 'high',
        consent_for_services: true,
        disclosure_other_orgs: true,
        services_section: [
          {
            unique_id: '6f1c2a4e-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
            service_type: 'family_support',
            service_subtype: ['family_support_family_support'],
            service_response_type: cambodia.primero.serviceResponseTypes.referralToOscar,
            service_implementing_agency: 'agency-cif',
          },
        ],
      },
    ])[0]
    s.fakePrimero.seedReferral(String(kase?.['id']), {
      service_record_id: '6f1c2a4e-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
      transitioned_to: 'agency-cif-user',
    })
    const c = capture(s.env)
    expect(await main(['sync', '--config', s.path, '--json', '--log-level', 'silent'], c.io)).toBe(
      EXIT.ok,
    )
    const report = JSON.parse(c.out()) as SyncReport
    expect(report.flows['primero-to-oscar'].created).toBe(1)
    expect(s.fakeOscar.referrals()).toHaveLength(1)
    const statePath = join(s.dir, 'state', 'sync-state.json')
    expect((await stat(statePath)).mode & 0o777).toBe(0o600)
    const state = await readFile(statePath, 'utf8')
    for (const text of [c.out(), c.err(), state]) {
      expect(text).not.toContain(s.env.PRIMERO_PASSWORD)
      expect(text).not.toContain(s.env.OSCAR_PASSWORD)
      expect(text).not.toContain('Sokha')
    }

    const again = capture(s.env)
    expect(await main(['sync', '--config', s.path], again.io)).toBe(EXIT.ok)
    expect(again.out()).toMatch(/primero-to-oscar\s+1\s+0\s+0\s+1/)
    expect(s.fakeOscar.referrals()).toHaveLength(1)
  })

  it('exits 1 when records failed, and 2 when the run failed', async () => {
    const s = await setup()
    // A referral of a service OSCaR does not know: OSCaR refuses it, so the record fails.
    const row = 'd1e2f3a4-0000-4000-8000-000000000001'
    const [kase] = s.fakePrimero.seedCases([
      {
        name_first: 'Dara',
        date_of_birth: '2014-02-28',
        sex: 'female',
        location_current: '2040302',
        risk_level: 'high',
        consent_for_services: true,
        disclosure_other_orgs: true,
        services_section: [
          {
            unique_id: row,
            service_type: 'other',
            service_subtype: ['a_service_oscar_does_not_know'],
            service_response_type: cambodia.primero.serviceResponseTypes.referralToOscar,
            service_implementing_agency: 'agency-cif',
          },
        ],
      },
    ])
    s.fakePrimero.seedReferral(String(kase?.['id']), {
      service_record_id: row,
      transitioned_to: 'agency-cif-user',
      created_at: new Date().toISOString(),
    })
    const c = capture(s.env)
    expect(await main(['sync', '--config', s.path, '--log-level', 'silent'], c.io)).toBe(
      EXIT.recordsFailed,
    )
    expect(c.out()).toContain('UNKNOWN_SERVICE')
    expect(c.out()).not.toContain('Dara')

    // The next run only finds it waiting for its retry: nothing failed, yet it is not clean.
    const waiting = capture(s.env)
    expect(await main(['sync', '--config', s.path, '--log-level', 'silent'], waiting.io)).toBe(
      EXIT.recordsFailed,
    )
    expect(waiting.out()).toContain('RETRY_SCHEDULED')

    await s.fakeOscar.close()
    const down = capture(s.env)
    expect(await main(['sync', '--config', s.path, '--log-level', 'silent'], down.io)).toBe(
      EXIT.runFailed,
    )
    expect(down.err()).toContain('OSCAR_READ_FAILED')
  })

  it('--every runs again after each interval until it is stopped, then ends with the last code', async () => {
    const s = await setup()
    let stop = (): void => undefined
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    const waits: number[] = []
    const c = capture(s.env)
    const running = main(['sync', '--config', s.path, '--every', '90s', '--log-level', 'silent'], {
      ...c.io,
      stopped,
      // The third wait never ends by itself: the loop must keep waiting until stopped.
      wait: (ms) => {
        waits.push(ms)
        if (waits.length === 3) setImmediate(stop)
        return {
          done: waits.length < 3 ? Promise.resolve() : new Promise<void>(() => undefined),
          cancel: () => undefined,
        }
      },
    })
    expect(await running).toBe(EXIT.ok)
    expect(waits).toEqual([90_000, 90_000, 90_000])
    expect(c.out().match(/^Run of /gm)).toHaveLength(3)
  })

  it('a dry run plans without writing a state file', async () => {
    const s = await setup()
    const c = capture(s.env)
    expect(await main(['sync', '--config', s.path, '--dry-run'], c.io)).toBe(EXIT.ok)
    expect(c.out()).toContain('Dry run')
    await expect(stat(join(s.dir, 'state', 'sync-state.json'))).rejects.toThrow()
  })
})
