/**
 * One odd field never blocks a child: each field that once refused a whole record is now
 * repaired (when the repair is certain) or left out, and named in `repaired`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { isDecodeError, PrimeroCaseWrite, PrimeroReferralCreate } from '../src/index.js'
import { referredChild, rowId } from './fixtures/cases.js'
import { clientFor, fails, fakePrimero, ok, recordingLogger, withClient } from './helpers.js'
import { rewriting, withFields } from './rewriting.js'

/** Lists one seeded case whose `field` holds `value`: the case as read and its warnings. */
const readOdd = async (fields: Record<string, unknown>) => {
  const { fake, primero } = await withClient()
  fake.seedCases([{ ...referredChild, id: 'odd', ...fields }])
  const page = await ok(primero.listCases())
  expect(page.rejected).toEqual([])
  expect(page.data.map((c) => c.id)).toEqual(['odd'])
  return { kase: page.data[0], repaired: page.repaired }
}

describe('a case field is repaired when the repair is certain', () => {
  it.each([
    ['date_of_birth', '2012-1-5', '2012-01-05'],
    ['date_of_birth', '2012.01.05', '2012-01-05'],
    ['date_of_birth', ' ២០១២-០១-០៥ ', '2012-01-05'],
    ['age', '7', 7],
    ['consent_for_services', 'true', true],
    ['disclosure_other_orgs', 'false', false],
    ['consent_overridden', 'TRUE', true],
    ['enabled', 'true', true],
    ['record_state', 'false', false],
  ])('%s %j → %j', async (field, odd, repaired) => {
    const { kase, repaired: warnings } = await readOdd({ [field]: odd })
    expect(kase?.[field]).toEqual(repaired)
    expect(warnings).toEqual([{ index: 0, id: 'odd', paths: [field], dropped: [] }])
  })
})

describe('a case field is left out when no repair is certain', () => {
  it.each([
    ['date_of_birth', '5/1/2012'],
    ['date_of_birth', '2012-02-30'],
    ['age', 'seven'],
    ['consent_for_services', 'yes'],
    ['name_first', 42],
    ['services_section', 'none'],
  ])('%s %j', async (field, odd) => {
    const { kase, repaired } = await readOdd({ [field]: odd })
    expect(kase).not.toHaveProperty(field)
    expect(kase?.name_last).toBe(referredChild.name_last)
    expect(repaired).toEqual([{ index: 0, id: 'odd', paths: [field], dropped: [field] }])
  })
})

describe('a services_section row', () => {
  const row = referredChild.services_section[0]
  const rowsOf = async (rows: ReadonlyArray<unknown>) =>
    readOdd({ services_section: rows }).then(({ kase, repaired }) => ({
      rows: kase?.services_section ?? [],
      repaired,
    }))

  it('a bare service_subtype string becomes a list of one', async () => {
    const { rows, repaired } = await rowsOf([{ ...row, service_subtype: 'generalist' }])
    expect(rows[0]?.service_subtype).toEqual(['generalist'])
    expect(repaired[0]?.paths).toEqual(['services_section.0.service_subtype'])
  })

  it('service_status_referred "true" becomes true', async () => {
    const { rows, repaired } = await rowsOf([row, { ...row, service_status_referred: 'true' }])
    expect(rows[1]?.service_status_referred).toBe(true)
    expect(repaired[0]).toMatchObject({
      paths: ['services_section.1.service_status_referred'],
      dropped: [],
    })
  })

  it('an odd row field is left out, the rest of the row kept', async () => {
    const { rows, repaired } = await rowsOf([{ ...row, service_subtype: [3], service_type: {} }])
    expect(rows[0]).not.toHaveProperty('service_subtype')
    expect(rows[0]).not.toHaveProperty('service_type')
    expect(rows[0]?.unique_id).toBe(rowId(1))
    expect(repaired[0]?.dropped).toEqual([
      'services_section.0.service_type',
      'services_section.0.service_subtype',
    ])
  })

  it('a row that is not an object is left out, the other rows kept', async () => {
    const { rows, repaired } = await rowsOf(['junk', row])
    expect(rows.map((r) => r.unique_id)).toEqual([rowId(1)])
    expect(repaired[0]).toMatchObject({
      paths: ['services_section.0'],
      dropped: ['services_section.0'],
    })
  })
})

describe('reads of one case', () => {
  it('getCase repairs and logs the paths, never the value', async () => {
    const logger = recordingLogger()
    const fake = await fakePrimero()
    fake.seedCases([{ ...referredChild, id: 'odd', date_of_birth: 'Sokha 2012' }])
    const kase = await ok(clientFor(fake, { logger }).getCase('odd'))
    expect(kase).not.toHaveProperty('date_of_birth')
    const events = logger.events.filter((e) => e.event === 'primero.record_repaired')
    expect(events.map((e) => e.fields)).toEqual([
      { record: 'case', index: 0, id: 'odd', paths: 'date_of_birth', dropped: 'date_of_birth' },
    ])
    expect(JSON.stringify(logger.events)).not.toContain('Sokha')
  })

  it('findCases finds a case whose birth date is odd', async () => {
    const { fake, primero } = await withClient()
    fake.seedCases([{ ...referredChild, id: 'odd', date_of_birth: '2012-1-5' }])
    const found = await ok(primero.findCases({ id: 'odd' }))
    expect(found.map((c) => [c.id, c.date_of_birth])).toEqual([['odd', '2012-01-05']])
  })

  it('a case whose case_id is not a string is still refused', async () => {
    const fake = await fakePrimero()
    fake.seedCases([{ id: 'odd', date_of_birth: '2012-1-5' }])
    const fetch = rewriting(withFields('odd', { case_id: { v: 1 } }))
    const error = await fails(clientFor(fake, { fetch }).getCase('odd'))
    expect(isDecodeError(error) && error.paths).toEqual(['case_id', 'date_of_birth'])
  })
})

describe('referrals', () => {
  const seeded = async (fields: Record<string, unknown>) => {
    const { fake, primero } = await withClient()
    const [c] = fake.seedCases([referredChild])
    const caseId = String(c?.id)
    const r = fake.seedReferral(caseId, { transitioned_to: 'u', ...fields })
    return { fake, primero, caseId, id: String(r.id) }
  }

  it.each([
    ['remote', 'false', false],
    ['consent_overridden', 'true', true],
    ['status', 'Accepted', 'accepted'],
    ['status', ' in progress ', 'in_progress'],
  ])('%s %j → %j', async (field, odd, repaired) => {
    const { primero, caseId, id } = await seeded({ [field]: odd })
    const read = await ok(primero.readReferrals(caseId))
    expect(read.referrals[0]?.[field]).toEqual(repaired)
    expect(read.repaired).toEqual([{ index: 0, id, paths: [field], dropped: [] }])
    expect((await ok(primero.listReferrals(caseId)))[0]?.[field]).toEqual(repaired)
  })

  it('an unknown status is left out: the referral is kept, neither open nor decided', async () => {
    const { primero, caseId, id } = await seeded({ status: 'pending' })
    const read = await ok(primero.readReferrals(caseId))
    expect(read.referrals.map((r) => [r.id, r.status])).toEqual([[id, undefined]])
    expect(read.repaired).toEqual([{ index: 0, id, paths: ['status'], dropped: ['status'] }])
  })

  it('listReferralsMany carries the warnings of each case', async () => {
    const { primero, caseId, id } = await seeded({ remote: 'true' })
    const [many] = await primero.listReferralsMany([caseId])()
    expect(many?.repaired).toEqual([{ index: 0, id, paths: ['remote'], dropped: [] }])
    expect(many && E.isRight(many.referrals) && many.referrals.right[0]?.remote).toBe(true)
  })

  it('a referral without a usable id is rejected; listReferrals fails as before', async () => {
    const { fake, caseId, id } = await seeded({})
    fake.seedReferral(caseId, { transitioned_to: 'v', remote: 'yes' })
    const primero = clientFor(fake, { fetch: rewriting(withFields(id, { id: 12 })) })
    const read = await ok(primero.readReferrals(caseId))
    expect(read.rejected).toEqual([{ index: 0, paths: ['id'] }])
    expect(read.repaired).toMatchObject([{ index: 1, paths: ['remote'], dropped: ['remote'] }])
    const error = await fails(primero.listReferrals(caseId))
    expect(isDecodeError(error) && [error.codec, error.paths]).toEqual(['PrimeroReferral', ['id']])
  })
})

describe('what the client sends stays strict', () => {
  it('createCase refuses a one-digit month before sending', async () => {
    const { fake, primero } = await withClient()
    const error = await fails(primero.createCase({ ...referredChild, date_of_birth: '2012-1-5' }))
    expect(isDecodeError(error) && error.paths).toEqual(['date_of_birth'])
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/cases')).toEqual(
      [],
    )
  })

  it('the write codecs repair nothing', () => {
    const bad = { age: '7', consent_for_services: 'true', services_section: [{}] }
    expect(E.isLeft(PrimeroCaseWrite.decode(bad))).toBe(true)
    expect(E.isLeft(PrimeroReferralCreate.decode({ transitioned_to: 'u', remote: 'true' }))).toBe(
      true,
    )
  })
})
