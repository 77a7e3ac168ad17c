/**
 * The run's lookups (`findOne`): answered once per match, held packed; a case let go with
 * one match's lookup is looked up again for another match, never answered "not there"
 * (flow 2 would then create a second case for the child).
 */
import type { CaseMatch, PrimeroCase } from '@primero-interop/primero-client'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'

import { findOne, forgetLookup } from '../src/flows/findOne.js'
import { testContext } from './stubs.js'

const kase = {
  id: '2d4b3c1a-0c7e-4f7e-9a55-0e0b7f3f8a11',
  case_id: '9f1c2b3a-7d6e-4c5b-8a9f-112233445566',
  oscar_number: '01J00000000000000000000001',
  name_first: 'Test',
} as unknown as PrimeroCase

describe('findOne', () => {
  it('asks each match once, and again once another match let its case go', async () => {
    const asked: CaseMatch[] = []
    const ctx = testContext({
      primero: {
        findCases: (match: CaseMatch) => {
          asked.push(match)
          return TE.right([kase])
        },
      },
    })
    const retry = { id: 'G1' }
    const byNumber = { oscar_number: kase.oscar_number as string }
    const byCaseId = { case_id: kase.case_id as string }
    const find = (match: CaseMatch) => findOne(ctx, 'oscar-to-primero', 'G1', match, retry)
    expect(await find(byNumber)).toEqual(kase)
    expect(await find(byCaseId)).toEqual(kase)
    expect(await find(byCaseId)).toEqual(kase)
    expect(asked).toEqual([byNumber, byCaseId])
    forgetLookup(ctx, byNumber)
    expect(await find(byCaseId)).toEqual(kase)
    expect(asked).toEqual([byNumber, byCaseId, byCaseId])
  })

  it('keeps a case the run wrote when a lookup that found it is let go', async () => {
    const ctx = testContext({ primero: { findCases: () => TE.right([kase]) } })
    const match = { case_id: kase.case_id as string }
    await findOne(ctx, 'oscar-ids', 'G1', match, { id: 'G1' })
    const written = { ...kase, oscar_short_id: 'kmr-5' } as PrimeroCase
    ctx.refreshHeld(written)
    forgetLookup(ctx, match)
    expect(ctx.cases.get(kase.id)).toEqual(written)
  })
})
