import { cambodia, type MappingConfig } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import { checkMapping } from '../../src/admin/check.js'
import { startDemoFakes } from '../../src/admin/fakes.js'
import { primeroDirectoryFor } from '../../src/admin/fakeWorld.js'
import { EXIT, main } from '../../src/cli/main.js'
import { connect } from '../../src/index.js'
import { capture, writeConfig } from './helpers.js'

const fast = { limit: 2, baseDelayMs: 1, maxDelayMs: 5 }
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()))
})

/** Fakes whose directories drifted from the mapping. */
const drifted = async (config: MappingConfig) => {
  const dir = primeroDirectoryFor(config)
  const removed = config.services.taxonomy[2]?.primeroSubtype ?? ''
  const disabled = config.provinces[18]?.primeroUser ?? ''
  const primero = await startFakePrimero({
    ...dir,
    users: dir.users.map((u) => (u.user_name === disabled ? { ...u, disabled: true } : u)),
    lookups: dir.lookups.map((l) =>
      l.unique_id === 'lookup-service-subtype'
        ? { ...l, values: l.values.filter((v) => v.id !== removed) }
        : l,
    ),
  })
  const oscar = await startFakeOscar({ organizations: [...config.agencies.known, 'newngo'] })
  closers.push(
    () => primero.close(),
    () => oscar.close(),
  )
  const clients = connect(
    {
      primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
      oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
    },
    { primeroRetry: fast, oscarRetry: fast },
  )
  return { primero, oscar, clients, removed, disabled }
}

describe('checkMapping', () => {
  it('finds nothing to fix when the fakes were made from the mapping', async () => {
    const fakes = await startDemoFakes()
    closers.push(fakes.close)
    const { primero, oscar } = connect(
      {
        primero: { ...fakes.endpoints.primero, password: fakes.env.PRIMERO_PASSWORD },
        oscar: { ...fakes.endpoints.oscar, password: fakes.env.OSCAR_PASSWORD },
      },
      { primeroRetry: fast, oscarRetry: fast },
    )
    const report = await checkMapping({
      primero,
      oscar,
      config: cambodia,
      lookups: { serviceSubtype: 'lookup-service-subtype' },
    })()
    expect(E.isRight(report) && report.right.findings.filter((f) => f.severity !== 'info')).toEqual(
      [],
    )
    // OSCaR never lists `cwd` (Organization.visible): reported as an info, not missing.
    expect(E.isRight(report) && report.right.read.organizations).toBe(
      cambodia.agencies.known.length - 1,
    )
    expect(E.isRight(report) && report.right.findings.map((f) => f.code)).toContain(
      'ORGANIZATION_UNLISTED',
    )
  })

  it('finds a service removed in Primero, a disabled province user and a new NGO in OSCaR', async () => {
    const d = await drifted(cambodia)
    const report = await checkMapping({
      ...d.clients,
      config: cambodia,
      lookups: { serviceSubtype: 'lookup-service-subtype' },
    })()
    if (E.isLeft(report)) throw new Error(report.left.message)
    const found = report.right.findings.map((f) => [f.severity, f.code, f.path, f.id])
    expect(found).toContainEqual([
      'error',
      'OPTION_MISSING',
      'services.taxonomy[2].primeroSubtype',
      d.removed,
    ])
    expect(found).toContainEqual([
      'error',
      'PROVINCE_USER_DISABLED',
      'provinces[18].primeroUser',
      d.disabled,
    ])
    expect(found).toContainEqual(['warning', 'UNMAPPED_ORGANIZATION', '', 'newngo'])
    expect(report.right.findings[0]?.severity).toBe('error')
  })

  it('finds a missing agency, agency user, NGO and lookup, and unmapped options', async () => {
    const config: MappingConfig = {
      ...cambodia,
      agencies: { ...cambodia.agencies, known: [...cambodia.agencies.known, 'ghost'] },
    }
    const dir = primeroDirectoryFor(cambodia)
    const primero = await startFakePrimero({
      ...dir,
      lookups: dir.lookups
        .filter((l) => l.unique_id !== 'lookup-risk-level')
        .map((l) =>
          l.unique_id === 'lookup-service-type'
            ? { ...l, values: [...l.values, { id: 'new_service' }] }
            : l,
        ),
    })
    const oscar = await startFakeOscar()
    closers.push(
      () => primero.close(),
      () => oscar.close(),
    )
    const clients = connect(
      {
        primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
        oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
      },
      { primeroRetry: fast, oscarRetry: fast },
    )
    const report = await checkMapping({
      ...clients,
      config,
      oscarServiceNames: ['Family Counselling'],
    })()
    if (E.isLeft(report)) throw new Error(report.left.message)
    const codes = report.right.findings.map((f) => `${f.code} ${f.id}`)
    expect(codes).toContain('AGENCY_MISSING agency-ghost')
    expect(codes).toContain('AGENCY_USER_MISSING agency-ghost-user')
    expect(codes).toContain('ORGANIZATION_MISSING ghost')
    expect(codes).toContain('LOOKUP_MISSING lookup-risk-level')
    expect(codes).toContain('UNMAPPED_OPTION new_service')
    expect(codes).toContain(`OSCAR_SERVICE_UNKNOWN ${cambodia.services.taxonomy[0]?.oscarName}`)
  })

  it('fails as a whole, with a code, when a system cannot be read', async () => {
    const d = await drifted(cambodia)
    await d.oscar.close()
    const report = await checkMapping({ ...d.clients, config: cambodia })()
    expect(E.isLeft(report) && report.left.code).toBe('OSCAR_READ_FAILED')
  })
})

describe('primero-interop check', () => {
  it('exits 0 against fakes made from the mapping, and prints the counts it read', async () => {
    const fakes = await startDemoFakes()
    closers.push(fakes.close)
    const config = await writeConfig(fakes.endpoints)
    const c = capture(fakes.env)
    expect(
      await main(
        ['check', '--config', config, '--lookup', 'serviceSubtype=lookup-service-subtype'],
        c.io,
      ),
    ).toBe(EXIT.ok)
    expect(c.out()).toContain('The mapping matches both systems.')
  })

  it('exits 1 against a drifted fake, listing each finding with its path and id; --json too', async () => {
    const d = await drifted(cambodia)
    const config = await writeConfig({
      primero: { baseUrl: d.primero.url, username: d.primero.username },
      oscar: { baseUrl: d.oscar.url, email: d.oscar.email },
    })
    const env = { PRIMERO_PASSWORD: d.primero.password, OSCAR_PASSWORD: d.oscar.password }
    const c = capture(env)
    expect(
      await main(
        ['check', '--config', config, '--lookup', 'serviceSubtype=lookup-service-subtype'],
        c.io,
      ),
    ).toBe(EXIT.recordsFailed)
    expect(c.out()).toMatch(
      /error\s+PROVINCE_USER_DISABLED\s+primero\s+provinces\[18\]\.primeroUser/,
    )
    expect(c.out()).toMatch(
      /warning\s+UNMAPPED_ORGANIZATION\s+oscar\s+-\s+OSCaR organisation newngo/,
    )
    const j = capture(env)
    expect(await main(['check', '--config', config, '--json'], j.io)).toBe(EXIT.recordsFailed)
    const report = JSON.parse(j.out()) as { findings: Array<{ code: string }> }
    expect(report.findings.map((f) => f.code)).toContain('UNMAPPED_ORGANIZATION')
    for (const text of [c.out(), c.err(), j.out()]) expect(text).not.toContain(env.PRIMERO_PASSWORD)
  })

  it('refuses a malformed --lookup as a usage error (64)', async () => {
    const d = await drifted(cambodia)
    const config = await writeConfig({
      primero: { baseUrl: d.primero.url, username: d.primero.username },
      oscar: { baseUrl: d.oscar.url, email: d.oscar.email },
    })
    const c = capture({ PRIMERO_PASSWORD: 'x', OSCAR_PASSWORD: 'y' })
    expect(await main(['check', '--config', config, '--lookup', 'colour=blue'], c.io)).toBe(
      EXIT.usage,
    )
    expect(c.err()).toContain('--lookup takes KIND=LOOKUP_ID')
  })
})
