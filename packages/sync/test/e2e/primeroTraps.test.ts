/**
 * The sync against Primero's quiet reshaping of writes: fields the role may not write
 * are dropped with a 200, and a create whose answer is lost must not make a second child.
 */
import { defaultWritableFields } from '@primero-interop/primero-client/testing'
import { afterEach, describe, expect, it } from 'vitest'

import { inboundCaseRecordId } from '../../src/flows/oscarToPrimero.js'
import { type Harness, startHarness } from './harness.js'

let h: Harness
afterEach(() => h.close())

const patches = () =>
  h.fakePrimero.requests.filter((r) => r.method === 'PATCH' && r.path.startsWith('/api/v2/cases/'))
    .length

describe('a field the role may not write', () => {
  it('is reported once by name, and not rewritten on every run', async () => {
    h = await startHarness({
      primero: { writableFields: defaultWritableFields.filter((f) => f !== 'oscar_short_id') },
    })
    const first = await h.run()
    const reported = first.issues.filter((i) => i.code === 'FIELD_NOT_WRITABLE')
    expect(reported).toHaveLength(1)
    expect(reported[0]?.message).toContain('oscar_short_id')
    expect(h.store.current()?.unwritable).toHaveProperty('oscar_short_id')

    await h.run()
    const before = patches()
    const third = await h.run()
    expect(third.issues.filter((i) => i.code === 'FIELD_NOT_WRITABLE')).toHaveLength(0)
    expect(third.flows['oscar-ids'].updated).toBe(0)
    expect(patches()).toBe(before)
  })
})

describe('a case created from an OSCaR child whose answer was lost', () => {
  it('is not created twice: the resent create meets the first', async () => {
    h = await startHarness()
    const globalId = h.scenario.oscar.ngoReferral[0] as string
    h.fakePrimero.setFaults({
      failNext: {
        count: 1,
        method: 'POST',
        path: '/api/v2/cases',
        drop: true,
        afterHandling: true,
      },
    })
    const report = await h.run()
    const made = h.fakePrimero.cases().filter((c) => c['oscar_number'] === globalId)
    expect(made).toHaveLength(1)
    expect(made[0]?.['id']).toBe(inboundCaseRecordId(globalId))
    expect(
      report.issues.filter((i) => i.recordId === globalId && i.code !== 'NO_CONSENT_EVIDENCE'),
    ).toEqual([])
  })

  it('a 503 to the create is retried within the run, not half an hour later', async () => {
    h = await startHarness()
    h.fakePrimero.setFaults({
      failNext: { count: 1, method: 'POST', path: '/api/v2/cases', status: 503 },
    })
    const report = await h.run()
    expect(report.flows['oscar-to-primero'].failed).toBe(
      report.issues.filter((i) => i.flow === 'oscar-to-primero' && i.code === 'UNKNOWN_PROVINCE')
        .length,
    )
  })
})
