/**
 * Pending by default never writes over a MoSVY decision (issue 16, item 6): a decision
 * made while the pending write waits for its retry stays, and reaches OSCaR.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

import { inboundCaseRecordId } from '../../src/flows/oscarToPrimero.js'
import { type Harness, startHarness } from './harness.js'

const { fieldIds, serviceReferralStatusOptions: option } = cambodia.primero

let h: Harness | undefined
afterEach(() => h?.close())

describe('pending by default', () => {
  it('a decision made while its write waits for a retry is kept', async () => {
    let meanwhile = (): void => undefined
    let failedOnce = false
    let target = ''
    // The first write of the pending flow fails (503); MoSVY decides before it is retried.
    const network: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init)
      const body = request.method === 'PATCH' ? await request.clone().text() : ''
      if (
        !failedOnce &&
        target !== '' &&
        request.url.includes(target) &&
        body.includes(option.pending)
      ) {
        failedOnce = true
        meanwhile()
        return new Response('{"errors":[{"status":503}]}', {
          status: 503,
          headers: { 'content-type': 'application/json' },
        })
      }
      return globalThis.fetch(request)
    }
    h = await startHarness({ fetch: network })
    const globalId = h.scenario.oscar.ngoReferral[0] as string
    // The case this child becomes has a record id derived from its global id.
    target = inboundCaseRecordId(globalId)
    const harness = h
    meanwhile = () => {
      const kase = harness.fakePrimero.cases().find((c) => c['oscar_number'] === globalId)
      const row = (kase?.['services_section'] as Array<Record<string, unknown>>)[0]
      harness.fakePrimero.editCase(String(kase?.['id']), {
        services_section: [
          { unique_id: row?.['unique_id'], [fieldIds.serviceReferralStatus]: option.accepted },
        ],
      })
    }
    await h.run()
    expect(failedOnce).toBe(true)
    const kase = h.fakePrimero.cases().find((c) => c['oscar_number'] === globalId)
    const rows = kase?.['services_section'] as Array<Record<string, unknown>>
    expect(rows[0]?.[fieldIds.serviceReferralStatus]).toBe(option.accepted)
    // And MoSVY's decision reaches OSCaR.
    await h.run()
    const referralId = Number(rows[0]?.[fieldIds.serviceOscarReferralId])
    expect(
      h.fakeOscar.referrals().find((r) => r.id === referralId && r.clientGlobalId === globalId)
        ?.status,
    ).toBe('Accepted')
  })
})
