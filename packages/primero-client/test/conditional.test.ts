/**
 * A conditional PATCH: a write that must not undo what a person did while it waited for a
 * retry (a MoSVY decision made between a failed attempt and its retry).
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import type { PrimeroCase } from '../src/index.js'
import { clientFor, fakePrimero } from './helpers.js'

const ROW = 'e5f6a7b8-0000-4000-8000-000000000001'
const status = (c: PrimeroCase | Record<string, unknown>) =>
  (c['services_section'] as Array<Record<string, unknown>> | undefined)?.[0]?.['status']

/** A network whose first PATCH answers 503, and `meanwhile` runs before the retry. */
const firstPatchFails =
  (meanwhile: () => void): typeof globalThis.fetch =>
  async (input, init) => {
    const method = input instanceof Request ? input.method : (init?.method ?? 'GET')
    if (method === 'PATCH' && !failed) {
      failed = true
      meanwhile()
      return new Response('{"errors":[{"status":503}]}', {
        status: 503,
        headers: { 'content-type': 'application/json' },
      })
    }
    return globalThis.fetch(input, init)
  }
let failed = false

describe('updateCaseIf', () => {
  it('does not write over a decision made while it waited for a retry', async () => {
    failed = false
    const fake = await fakePrimero({ writableFields: 'all' })
    const [kase] = fake.seedCases([{ services_section: [{ unique_id: ROW }] }])
    const id = String(kase?.['id'])
    const decide = () =>
      fake.editCase(id, { services_section: [{ unique_id: ROW, status: 'accepted' }] })
    const primero = clientFor(fake, { fetch: firstPatchFails(decide) })
    const undecided = (c: PrimeroCase) => status(c) === undefined
    const result = await primero.updateCaseIf(
      id,
      { services_section: [{ unique_id: ROW, status: 'pending' }] },
      undecided,
    )()
    expect(E.isRight(result) && result.right.written).toBe(false)
    expect(status(fake.cases()[0] ?? {})).toBe('accepted')
  })

  it('a plain updateCase would have: the retried PATCH undoes the decision', async () => {
    failed = false
    const fake = await fakePrimero({ writableFields: 'all' })
    const [kase] = fake.seedCases([{ services_section: [{ unique_id: ROW }] }])
    const id = String(kase?.['id'])
    const decide = () =>
      fake.editCase(id, { services_section: [{ unique_id: ROW, status: 'accepted' }] })
    const primero = clientFor(fake, { fetch: firstPatchFails(decide) })
    await primero.updateCase(id, { services_section: [{ unique_id: ROW, status: 'pending' }] })()
    expect(status(fake.cases()[0] ?? {})).toBe('pending')
  })

  it('writes when the condition holds, retrying after a failure, and reads the case back', async () => {
    failed = false
    const fake = await fakePrimero({ writableFields: 'all' })
    const [kase] = fake.seedCases([{ services_section: [{ unique_id: ROW }] }])
    const id = String(kase?.['id'])
    const primero = clientFor(fake, { fetch: firstPatchFails(() => undefined) })
    const result = await primero.updateCaseIf(
      id,
      { services_section: [{ unique_id: ROW, status: 'pending' }] },
      () => true,
    )()
    expect(E.isRight(result) && [result.right.written, status(result.right.case)]).toEqual([
      true,
      'pending',
    ])
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1)
  })

  it('reads the case once before the PATCH and merges the answer: no read-back', async () => {
    const fake = await fakePrimero({ writableFields: 'all' })
    const [kase] = fake.seedCases([{ services_section: [{ unique_id: ROW }] }])
    const id = String(kase?.['id'])
    const primero = clientFor(fake)
    fake.clearRequests()
    const patch = { services_section: [{ unique_id: ROW, status: 'pending' }] }
    const result = await primero.updateCaseIf(id, patch, () => true)()
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'PATCH'])
    expect(E.isRight(result) && result.right.case).toEqual(
      await primero
        .getCase(id)()
        .then((c) => E.isRight(c) && c.right),
    )
  })
})
