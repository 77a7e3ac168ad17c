/**
 * Pending by default never writes over a MoSVY decision (issue 16, item 6): a decision
 * made while the pending write waits for its retry stays, and reaches OSCaR.
 */
import { cambodia } from '@primero-interop/mappings'
import { afterEach, describe, expect, it } from 'vitest'

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
    const harness = h
    // A case holding an NGO referral no one has decided yet, as an earlier run left it.
    const caseId = h.scenario.primero.mosvyDecision[0] as string
    const stored = h.fakePrimero.cases().find((c) => c['case_id'] === caseId)
    target = String(stored?.['id'])
    const fromOscar = (c: Record<string, unknown> | undefined) =>
      (c?.['services_section'] as Array<Record<string, unknown>>).find(
        (r) =>
          r['service_response_type'] === cambodia.primero.serviceResponseTypes.referralFromOscar,
      )
    const rowId = fromOscar(stored)?.['unique_id']
    h.fakePrimero.editCase(target, {
      services_section: [{ unique_id: rowId, [fieldIds.serviceReferralStatus]: null }],
    })
    meanwhile = () => {
      harness.fakePrimero.editCase(target, {
        services_section: [{ unique_id: rowId, [fieldIds.serviceReferralStatus]: option.accepted }],
      })
    }
    await h.run()
    expect(failedOnce).toBe(true)
    const kase = () => h?.fakePrimero.cases().find((c) => c['id'] === target)
    expect(fromOscar(kase())?.[fieldIds.serviceReferralStatus]).toBe(option.accepted)
    // And MoSVY's decision reaches OSCaR.
    await h.run()
    const referralId = Number(fromOscar(kase())?.[fieldIds.serviceOscarReferralId])
    const globalId = kase()?.['oscar_number']
    expect(
      h.fakeOscar.referrals().find((r) => r.id === referralId && r.clientGlobalId === globalId)
        ?.status,
    ).toBe('Accepted')
  })
})
