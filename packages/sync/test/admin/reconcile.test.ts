import { cambodia } from '@primero-interop/mappings'
import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'

import { reconcile } from '../../src/admin/reconcile.js'
import { EXIT, main } from '../../src/cli/main.js'
import { connect, emptyState, memoryStore } from '../../src/index.js'
import { capture, writeConfig } from './helpers.js'

const fast = { limit: 2, baseDelayMs: 1, maxDelayMs: 5 }
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()))
})

const f = cambodia.primero.fieldIds
const opts = cambodia.primero.serviceReferralStatusOptions
const child = (globalId: string, extra: Record<string, unknown>) => ({
  global_id: globalId,
  given_name: 'Sokha',
  family_name: 'Chan',
  gender: 'female',
  date_of_birth: '2014-03-02',
  organization_name: 'cif',
  ...extra,
})

const world = async () => {
  const primero = await startFakePrimero()
  const oscar = await startFakeOscar()
  closers.push(
    () => primero.close(),
    () => oscar.close(),
  )
  primero.seedCases([
    // OSCaR accepted the referral; the Primero row still says pending.
    {
      id: 'r-1',
      case_id: 'case-1',
      name_first: 'Sokha',
      oscar_number: '01JAAAAAAAAAAAAAAAAAAAAAA1',
      services_section: [
        {
          unique_id: 'row-1',
          [f.serviceOscarReferralId]: '71',
          [f.serviceReferralStatus]: opts.pending,
        },
      ],
    },
    // Linked in Primero only.
    { id: 'r-2', case_id: 'case-2', oscar_number: '01JZZZZZZZZZZZZZZZZZZZZZZ9' },
    // Linked in OSCaR only.
    { id: 'r-3', case_id: 'case-3' },
  ])
  oscar.seedClient(
    child('01JAAAAAAAAAAAAAAAAAAAAAA1', {
      external_id: 'case-1',
      services: [
        {
          uuid: null,
          name: 'Family preservation',
          program_name: null,
          enrollment_date: null,
          referral_id: 71,
          referral_status: 'Accepted',
        },
      ],
    }),
  )
  oscar.seedClient(child('01JAAAAAAAAAAAAAAAAAAAAAA3', { external_id: 'case-3' }))
  const clients = connect(
    {
      primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
      oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
    },
    { primeroRetry: fast, oscarRetry: fast },
  )
  const state = {
    ...emptyState(),
    referrals: {
      'r-4/row-4@holt': {
        status: 'sent' as const,
        createdAt: '2026-01-01T00:00:00Z',
        caseId: 'r-4',
        referralId: 'ref-4',
        externalId: 'case-4',
        org: 'holt',
      },
      'r-5/row-5@cif': {
        status: 'unknown' as const,
        createdAt: '2026-01-01T00:00:00Z',
        caseId: 'r-5',
        referralId: 'ref-5',
        externalId: 'case-5',
        org: 'cif',
      },
    },
    parked: {
      'primero-to-oscar:r-6': {
        flow: 'primero-to-oscar',
        id: 'r-6',
        attempts: 5,
        next: 0,
        code: 'UNKNOWN_AGENCY',
      },
    },
  }
  return { primero, oscar, clients, state }
}

describe('reconcile', () => {
  it('finds each kind of disagreement, every id labelled by kind, no names', async () => {
    const w = await world()
    const report = await reconcile({
      ...w.clients,
      config: cambodia,
      store: memoryStore(w.state),
    })()
    if (E.isLeft(report)) throw new Error(report.left.message)
    const items = report.right.items
    expect(items).toContainEqual({
      code: 'STATUS_DIFFERS',
      recordId: 'r-1',
      caseId: 'case-1',
      globalId: '01JAAAAAAAAAAAAAAAAAAAAAA1',
      referralId: '71',
      serviceRowId: 'row-1',
      detail: `Accepted in OSCaR, ${opts.pending} in Primero`,
    })
    expect(items).toContainEqual({
      code: 'LINKED_IN_PRIMERO_ONLY',
      recordId: 'r-2',
      caseId: 'case-2',
      globalId: '01JZZZZZZZZZZZZZZZZZZZZZZ9',
    })
    expect(items).toContainEqual({
      code: 'LINKED_IN_OSCAR_ONLY',
      recordId: 'r-3',
      caseId: 'case-3',
      globalId: '01JAAAAAAAAAAAAAAAAAAAAAA3',
    })
    expect(items).toContainEqual({
      code: 'SENT_NOT_SEEN',
      recordId: 'r-4',
      caseId: 'case-4',
      referralId: 'ref-4',
      serviceRowId: 'row-4',
      organization: 'holt',
    })
    expect(items).toContainEqual({
      code: 'OUTCOME_UNKNOWN',
      recordId: 'r-5',
      caseId: 'case-5',
      referralId: 'ref-5',
      serviceRowId: 'row-5',
      organization: 'cif',
    })
    expect(items).toContainEqual({
      code: 'PARKED',
      recordId: 'r-6',
      detail: 'primero-to-oscar UNKNOWN_AGENCY',
    })
    expect(JSON.stringify(report.right)).not.toContain('Sokha')
    // Read-only: nothing was written to either system.
    expect(
      w.primero.requests.filter((r) => r.method !== 'GET' && !r.path.includes('tokens')),
    ).toEqual([])
    expect(w.oscar.requests.filter((r) => r.method !== 'GET' && !r.path.includes('auth'))).toEqual(
      [],
    )
  })

  it('finds nothing when both sides agree, and fails with a code when OSCaR is down', async () => {
    const primero = await startFakePrimero()
    const oscar = await startFakeOscar()
    closers.push(() => primero.close())
    const clients = connect(
      {
        primero: { baseUrl: primero.url, username: primero.username, password: primero.password },
        oscar: { baseUrl: oscar.url, email: oscar.email, password: oscar.password },
      },
      { primeroRetry: fast, oscarRetry: fast },
    )
    expect(await reconcile({ ...clients, config: cambodia, store: memoryStore() })()).toEqual(
      E.right({ items: [], read: { primeroCases: 0, oscarClients: 0 } }),
    )
    await oscar.close()
    const down = await reconcile({ ...clients, config: cambodia, store: memoryStore() })()
    expect(E.isLeft(down) && down.left.code).toBe('OSCAR_READ_FAILED')
  })
})

describe('primero-interop reconcile', () => {
  it('prints labelled ids and exits 1 when something disagrees; --json too', async () => {
    const w = await world()
    const config = await writeConfig({
      primero: { baseUrl: w.primero.url, username: w.primero.username },
      oscar: { baseUrl: w.oscar.url, email: w.oscar.email },
    })
    const env = { PRIMERO_PASSWORD: w.primero.password, OSCAR_PASSWORD: w.oscar.password }
    const c = capture(env)
    expect(await main(['reconcile', '--config', config, '--log-level', 'silent'], c.io)).toBe(
      EXIT.recordsFailed,
    )
    expect(c.out()).toMatch(
      /STATUS_DIFFERS +recordId=r-1 caseId=case-1 referralId=71 serviceRowId=row-1 globalId=01JAAAAAAAAAAAAAAAAAAAAAA1/,
    )
    expect(c.out()).not.toContain('Sokha')
    const j = capture(env)
    expect(
      await main(['reconcile', '--config', config, '--json', '--since', '2020-01-01'], j.io),
    ).toBe(EXIT.recordsFailed)
    expect((JSON.parse(j.out()) as { items: unknown[] }).items.length).toBeGreaterThan(0)
  })
})
