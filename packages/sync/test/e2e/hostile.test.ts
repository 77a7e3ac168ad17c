/**
 * Hostile input (issue 13): a corpus of malformed and adversarial records on each side.
 * Every bad record is named in the report by a typed issue, the run completes, every good
 * record syncs, no prototype is polluted, and no canary reaches a log, a report or the state.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

import type { LogFields } from '../../src/index.js'
import { mosvyCase, referralRow } from './fixtures.js'
import { type Harness, startHarness } from './harness.js'

const { fieldIds, serviceResponseTypes } = cambodia.primero

const CANARY = 'Canary-Sreymom'
const HUGE = `${CANARY}${'x'.repeat(1_000_000)}`
const LONE = `${CANARY}\ud800`
const deep = (n: number): unknown => (n === 0 ? CANARY : { nested: deep(n - 1) })
const hex = (i: number) => i.toString(16).padStart(12, '0')
const caseId = (i: number) => `c0000000-0000-4000-8000-${hex(i)}`
const recordId = (i: number) => `a0000000-0000-4000-8000-${hex(i)}`
const rowId = (i: number) => `b0000000-0000-4000-8000-${hex(i)}`

const goodCase = (i: number) =>
  mosvyCase(recordId(i), caseId(i), {
    name_first: 'Good',
    name_last: `Child ${i}`,
    services_section: [referralRow(rowId(i), 'cif')],
  })

const ROW0 = referralRow(rowId(0), 'cif')

/** Changes to a good referred case that make it bad: each must be named in the report. */
const primeroHostility: ReadonlyArray<Record<string, unknown>> = [
  { date_of_birth: '0000-00-00' },
  { date_of_birth: '2026-13-45' },
  { date_of_birth: 20150402 },
  { date_of_birth: { year: 2015 } },
  { sex: 42 },
  { sex: ['female'] },
  { name_first: HUGE },
  { name_last: LONE },
  { name_first: deep(60) },
  { age: 'seven' },
  { age: 1e300 },
  { location_current: '999999999' },
  { location_current: 'nowhere' },
  { risk_level: 'apocalyptic' },
  { consent_for_services: 'yes' },
  { disclosure_other_orgs: false },
  { services_section: 'not a list' },
  { services_section: [null] },
  { services_section: [{ unique_id: 5 }] },
  {
    services_section: [
      { unique_id: 'NOT-A-UUID', service_response_type: serviceResponseTypes.referralToOscar },
    ],
  },
  {
    services_section: [{ ...ROW0, service_implementing_agency: 'agency-nobody' }],
  },
  {
    services_section: [{ ...ROW0, service_subtype: ['not_a_subtype'] }],
  },
  {
    services_section: [{ ...ROW0, service_subtype: [], service_type: null }],
  },
  { services_section: [{ ...ROW0, service_implementing_agency: 42 }] },
  {
    services_section: [{ ...ROW0, service_response_day_time: '0000-00-00T00:00' }],
  },
  { case_id: 42 },
  { case_id: '' },
  { owned_by: { name: CANARY } },
  { module_id: ['x'] },
  { oscar_number: 12345 },
  { oscar_number: { id: 'G' } },
  { mosvy_number: ['M'] },
  { status: 'exploded' },
  { registration_date: 'yesterday' },
  { services_section: [{ ...ROW0, nested: deep(40) }] },
  { name_first: 12345 },
  { name_first: '\u0000\u0007' },
  { consent_overridden: 'sure' },
  {
    services_section: Array.from({ length: 3 }, (_, j) => ({
      unique_id: rowId(9000 + j),
      service_type: 12,
    })),
  },
  { date_of_birth: '22012-01-01' },
  { date_of_birth: '2012-1-5' },
  { date_of_birth: '1899-02-30' },
  { sex: '' },
  { location_current: -5 },
  { risk_level: ['high', 'low'] },
  {
    services_section: [{ ...ROW0, [fieldIds.serviceReferralStatus]: 99 }],
  },
  { risk_level: 42 },
  { name_last: null, name_first: null },
  { case_id_display: { x: 1 } },
  {
    services_section: [{ ...ROW0, [fieldIds.serviceOscarReferralId]: '-5' }],
  },
  {
    services_section: [{ ...ROW0, [fieldIds.serviceOscarReferralId]: '1e400' }],
  },
]

let h: Harness
afterEach(() => h.close())

describe('hostile input', () => {
  it('every bad record is named, the run completes, every good record syncs, nothing leaks or pollutes', async () => {
    const events: Array<[string, LogFields | undefined]> = []
    const log = (event: string, fields?: LogFields) => void events.push([event, fields])
    h = await startHarness({
      scenario: false,
      sync: { logger: { debug: log, info: log, warn: log, error: log } },
    })
    const good = [1, 2, 3].map(goodCase)
    const bad = primeroHostility.map((change, j) => {
      const base = goodCase(100 + j)
      // Adversarial keys arrive as JSON would bring them: own properties.
      return { ...base, ...change } as Record<string, unknown>
    })
    const poisoned = JSON.parse(
      JSON.stringify(goodCase(500)).replace(
        '{',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
      ),
    ) as Record<string, unknown>
    h.fakePrimero.seedCases([...good, ...bad, poisoned])
    for (const c of [...good, ...bad, poisoned] as Array<Record<string, unknown>>) {
      const id = typeof c['id'] === 'string' ? c['id'] : ''
      h.fakePrimero.seedReferral(id, {
        service_record_id: Array.isArray(c['services_section'])
          ? (c['services_section'] as Array<{ unique_id?: unknown }>)[0]?.unique_id
          : undefined,
        transitioned_to: 'agency-cif-user',
        created_at: new Date().toISOString(),
      })
    }

    // OSCaR's side: adversarial children next to a good NGO referral.
    const gid = (i: number) => `01HOST${String(i).padStart(20, '0')}`
    const referralService = (name: string, id: number) => ({
      uuid: null,
      name,
      program_name: null,
      enrollment_date: null,
      referral_id: id,
      referral_status: 'Referred',
    })
    const child = (i: number, extra: Record<string, unknown>) => ({
      global_id: gid(i),
      organization_name: 'cif',
      given_name: 'Kind',
      family_name: `Child ${i}`,
      gender: 'female',
      date_of_birth: '2014-01-01',
      location_current_village_code: '02040302',
      referred_external: true,
      referral_consent_form: ['https://oscar.example/consent.pdf'],
      services: [referralService('Kinship care', 7000 + i)],
      ...extra,
    })
    const oscarHostility: ReadonlyArray<Record<string, unknown>> = [
      { external_id: caseId(999_999) },
      { date_of_birth: '0000-00-00' },
      { date_of_birth: 'soon' },
      { date_of_birth: '2026-13-45' },
      { gender: 'martian' },
      { given_name: HUGE },
      { family_name: LONE },
      { location_current_village_code: '99010101' },
      { location_current_village_code: 'abc' },
      { services: [referralService('A service OSCaR never heard of', 7500)] },
      { services: [referralService('Kinship care', -5)] },
      { services: [referralService('Kinship care', 2_147_483_647)] },
      { status: { weird: true } },
      { mosvy_number: ['M'] },
      { slug: 42 },
      { external_id: 42 },
      { level_of_risk: 'apocalyptic' },
      { organization_address_code: '9' },
      { local_given_name: LONE },
      { case_worker_mobile: { phone: CANARY } },
    ]
    h.fakeOscar.seedClient(child(1, {}))
    oscarHostility.forEach((extra, j) => h.fakeOscar.seedClient(child(10 + j, extra)))
    // And every odd value in every field the sync reads.
    const fields = [
      'date_of_birth',
      'location_current_village_code',
      'organization_address_code',
      'level_of_risk',
      'status',
      'mosvy_number',
      'external_id',
      'case_worker_mobile',
    ]
    const values: ReadonlyArray<unknown> = [42, '', LONE, '0000-00-00', ['x'], { a: CANARY }]
    const generated = fields.flatMap((field) => values.map((value) => ({ [field]: value })))
    generated.forEach((extra, j) => h.fakeOscar.seedClient(child(100 + j, extra)))
    const allOscar = [...oscarHostility, ...generated]
    const oscarId = (j: number) =>
      j < oscarHostility.length ? gid(10 + j) : gid(100 + j - oscarHostility.length)
    expect(primeroHostility.length).toBeGreaterThanOrEqual(50)
    expect(allOscar.length).toBeGreaterThanOrEqual(50)

    const first = await h.run()
    const second = await h.run()
    for (const report of [first, second])
      expect(report.flows['primero-to-oscar'].read).toBeGreaterThan(0)

    // Every good record synced.
    for (const c of good)
      expect(
        h.fakeOscar.referrals().some((r) => r.externalId === c.case_id),
        c.case_id,
      ).toBe(true)
    expect(h.fakePrimero.cases().filter((c) => c['oscar_number'] === gid(1))).toHaveLength(1)

    // Every bad record is named in a report by a typed issue (or, if it synced, it did so once).
    const named = JSON.stringify([first.issues, second.issues, second.parked])
    bad.forEach((c, j) => {
      const ids = [
        String(c['id']),
        typeof c['case_id'] === 'string' ? c['case_id'] : '',
        ...h.fakePrimero.referrals(String(c['id'])).map((r) => String(r['id'])),
      ]
      // As Primero stores it (the fake, like Primero, gives a case without a usable case_id one).
      const stored = h.fakePrimero.cases().find((k) => k['id'] === c['id'])
      const sent = h.fakeOscar.referrals().filter((r) => r.externalId === stored?.['case_id'])
      expect(
        ids.some((id) => id !== '' && named.includes(id)) || sent.length === 1,
        `hostile Primero case ${j} (${JSON.stringify(primeroHostility[j]).slice(0, 300)})`,
      ).toBe(true)
    })
    // Only children OSCaR lists can reach the sync (OSCaR lists a child only with names,
    // a gender and a birth date).
    const read = await h.oscar.readClients({ since: '1970-01-01' })()
    const listed = new Set(
      read._tag === 'Right'
        ? [
            ...read.right.clients.map((c) => c.global_id),
            ...read.right.rejected.map((r) => r.globalId),
          ]
        : [],
    )
    allOscar.forEach((extra, j) => {
      const id = oscarId(j)
      if (!listed.has(id)) return
      const made = h.fakePrimero.cases().filter((c) => c['oscar_number'] === id)
      expect(made.length, `hostile OSCaR child ${j} created twice`).toBeLessThanOrEqual(1)
      expect(
        named.includes(id) || made.length === 1,
        `hostile OSCaR child ${j} (${Object.keys(extra).join()})`,
      ).toBe(true)
    })

    // No prototype polluted, and no canary anywhere it must not be.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    const everything = JSON.stringify([first, second, events, h.store.current()])
    expect(everything).not.toContain(CANARY)
  }, 120_000)
})
