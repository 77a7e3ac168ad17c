/**
 * The sync's outcome where caseworkers see it (issue 15): with `markSynced`, each Primero
 * case the run touched carries `mark_synced_status` (synced or failed) and the URL; off by
 * default; an instance without the fields is told once and not written again.
 */
import { defaultWritableFields } from '@primero-interop/primero-client/testing'
import { afterEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './harness.js'

let h: Harness
afterEach(() => h.close())

const url = 'https://oscar.example.org/'

describe('markSynced', () => {
  it('marks each case the run touched, synced or failed, with the URL', async () => {
    h = await startHarness({ sync: { markSynced: { url } } })
    await h.run()
    const sent = h.primeroCase(h.scenario.primero.referral[0] as string)
    expect([sent['mark_synced_status'], sent['mark_synced_url']]).toEqual(['synced', url])
    const failed = h.primeroCase(h.scenario.primero.unknownService[0] as string)
    expect(failed['mark_synced_status']).toBe('failed')
    const untouched = h.primeroCase(h.scenario.primero.noConsent[0] as string)
    expect(untouched['mark_synced_status']).toBeUndefined()
  })

  it('is off by default', async () => {
    h = await startHarness()
    await h.run()
    expect(h.fakePrimero.cases().some((c) => c['mark_synced_status'] !== undefined)).toBe(false)
  })

  it('an instance without the fields is told once, and they are not written again', async () => {
    h = await startHarness({
      primero: {
        writableFields: defaultWritableFields.filter((f) => !f.startsWith('mark_synced')),
      },
      sync: { markSynced: { url } },
    })
    const first = await h.run()
    expect(first.issues.filter((i) => i.code === 'FIELD_NOT_WRITABLE').length).toBeGreaterThan(0)
    const second = await h.run()
    expect(second.issues.filter((i) => i.code === 'FIELD_NOT_WRITABLE')).toEqual([])
  })
})
