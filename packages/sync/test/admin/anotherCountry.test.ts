/**
 * examples/another-country: an invented deployment (other provinces, services, agency
 * pattern and field ids) made from the template, validated, and run end to end against
 * the fakes with the CLI alone: reuse without code. Runs in CI with the sync's tests.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { MappingConfig } from '@primero-interop/mappings'
import {
  mappingJsonSchema,
  mappingTemplate,
  parseMappingConfig,
  renderMappingSheet,
  unknownKeys,
} from '@primero-interop/mappings'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import { startDemoFakes } from '../../src/admin/fakes.js'
import { EXIT, main } from '../../src/cli/main.js'
import type { SyncReport } from '../../src/index.js'
import { capture, writeConfig } from './helpers.js'

const example = join(import.meta.dirname, '..', '..', '..', '..', 'examples', 'another-country')
const read = async (name: string) => readFile(join(example, name), 'utf8')

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()))
})

describe('examples/another-country', () => {
  it('is valid, has the template’s keys and no others, and its schema and sheet are current', async () => {
    const json = JSON.parse(await read('mapping.json')) as Record<string, unknown>
    expect(unknownKeys(json)).toEqual([])
    const parsed = parseMappingConfig(json)
    if (E.isLeft(parsed)) throw new Error(JSON.stringify(parsed.left))
    // The template's keys, every one (maps aside, whose keys are the deployment's own).
    const keysOf = (c: MappingConfig) => [
      Object.keys(c).filter((k) => k !== '$schema'),
      Object.keys(c.primero),
      Object.keys(c.primero.fieldIds),
      Object.keys(c.agencies),
      Object.keys(c.services),
      Object.keys(c.statuses),
      Object.keys(c.riskLevels),
    ]
    expect(keysOf(parsed.right)).toEqual(keysOf(mappingTemplate))
    expect(JSON.parse(await read('mapping.schema.json'))).toEqual(mappingJsonSchema)
    expect(await read('mapping.md')).toBe(renderMappingSheet(parsed.right))
    for (const word of ['MoSVY', 'Cambodia', 'production defect'])
      expect(await read('mapping.md')).not.toContain(word)
    const validate = capture()
    expect(await main(['mapping', 'validate', join(example, 'mapping.json')], validate.io)).toBe(
      EXIT.ok,
    )
    expect(validate.out()).toContain('a valid mapping configuration (lakeland)')
  })

  it('runs end to end against the fakes with the CLI only: check, sync twice, reconcile, parked', async () => {
    const parsed = parseMappingConfig(JSON.parse(await read('mapping.json')))
    if (E.isLeft(parsed)) throw new Error('invalid example')
    const fakes = await startDemoFakes({ mapping: parsed.right })
    closers.push(fakes.close)
    const config = await writeConfig(fakes.endpoints, {
      mapping: join(example, 'mapping.json'),
      since: fakes.since,
    })
    const run = async (...argv: string[]) => {
      const c = capture(fakes.env)
      const code = await main([...argv, '--config', config, '--log-level', 'silent'], c.io)
      return { code, out: c.out(), err: c.err() }
    }
    const lookups = [
      '--lookup',
      'serviceSubtype=lookup-service-subtype',
      'referralStatus=lookup-service-referral-status',
    ]
    const check = await run('check', ...lookups)
    expect(check.out).toContain('The mapping matches both systems.')
    expect(check.code).toBe(EXIT.ok)

    const first = await run('sync', '--json')
    expect(first.err).toBe('')
    const report = JSON.parse(first.out) as SyncReport
    expect(report.issues.filter((i) => i.code !== 'NO_CONSENT_EVIDENCE')).toEqual([])
    expect(report.flows['primero-to-oscar'].created).toBe(3)
    expect(
      fakes.oscar
        .referrals()
        .filter((r) => r.externalId?.startsWith('00000002-') === true) // the seeded cases' case_ids
        .map((r) => r.organization)
        .sort(),
    ).toEqual(['brightpath', 'riverside', 'safehaven'])
    // The NGOs' referrals became Primero cases owned by Lakeland's province users, with its field ids.
    const owners = new Set(fakes.primero.cases().map((k) => k['owned_by']))
    expect([...owners].filter((o) => typeof o === 'string' && o.startsWith('dsw.'))).toHaveLength(3)
    const fromNgo = fakes.primero
      .cases()
      .flatMap(
        (k) =>
          (Array.isArray(k['services_section']) ? k['services_section'] : []) as Array<
            Record<string, unknown>
          >,
      )
      .filter((row) => row['service_response_type'] === 'referral_from_partner')
    expect(fromNgo.length).toBe(3)
    expect(fromNgo.every((row) => row['ngo_referral_number_x82'] !== undefined)).toBe(true)

    const second = await run('sync', '--json')
    const again = JSON.parse(second.out) as SyncReport
    const writes = Object.values(again.flows).reduce((n, f) => n + f.created + f.updated, 0)
    expect(writes).toBe(0)

    expect(await main(['parked', '--config', config], capture().io)).toBe(EXIT.ok)
    const reconcile = await run('reconcile')
    expect(reconcile.err).toBe('')
    expect([EXIT.ok, EXIT.recordsFailed]).toContain(reconcile.code)
    expect(reconcile.out).not.toContain('Child')
  })
})
