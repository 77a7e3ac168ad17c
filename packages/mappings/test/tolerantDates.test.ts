/**
 * Issue #12, item 7 (mapping side): one odd field never blocks a child. Dates are repaired
 * where the reading is unambiguous; what is still not a date is left out, with a warning
 * naming the field. Records are refused only for unusable ids.
 */
import type { PrimeroCase } from '@primero-interop/primero-client'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { cambodia, inboundCase, outboundReferrals, repairDateOfBirth } from '../src/index.js'
import { sharedByHolt } from './fixtures/oscar.js'
import { caseReferredToTwoNgos, referralsToTwoNgos } from './fixtures/primero.js'
import { oscarClient, primeroReferral, valueOf, warningsOf } from './helpers.js'

const now = new Date('2025-06-01T00:00:00Z')

describe('repairDateOfBirth', () => {
  it.each([
    ['2012-1-5', '2012-01-05'],
    ['2012/1/5', '2012-01-05'],
    ['2012/01/05', '2012-01-05'],
    ['2012.01.05', '2012-01-05'],
    ['2012 - 1 - 5', '2012-01-05'],
    ['២០១២-០១-០៥', '2012-01-05'],
    ['22012.1.5', '2012-01-05'],
  ])('repairs %s to %s', (raw, repaired) => {
    expect(repairDateOfBirth(raw)).toEqual(E.right(repaired))
  })

  it.each(['05/01/2012', '2012-13-01', '2012-02-30', '2012-01', 'n/a'])(
    'refuses %s (ambiguous or not a date)',
    (raw) => {
      expect(E.isLeft(repairDateOfBirth(raw))).toBe(true)
    },
  )

  it('reads any year-first calendar date, whatever separator and padding (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        fc.constantFrom('-', '/', '.', ' - ', ' / '),
        fc.boolean(),
        (d, sep, pad) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
          const p = (n: number): string => (pad ? String(n).padStart(2, '0') : String(n))
          const iso = d.toISOString().slice(0, 10)
          expect(repairDateOfBirth(`${y}${sep}${p(m)}${sep}${p(day)}`)).toEqual(E.right(iso))
        },
      ),
    )
  })
})

describe('a child is never blocked by an odd date', () => {
  it('outbound: a one-digit date goes out repaired; an invalid one is left out, named', () => {
    const send = (dob: string) =>
      outboundReferrals(
        {
          // As the client will decode it once its codec is tolerant.
          case: { ...caseReferredToTwoNgos, date_of_birth: dob } as unknown as PrimeroCase,
          referrals: [primeroReferral(referralsToTwoNgos[0])],
        },
        cambodia,
        { since: undefined },
      )
    expect(valueOf(send('2013.4.21'))[0]?.payload.date_of_birth).toBe('2013-04-21')
    const bad = send('21/04/2013')
    expect(valueOf(bad)).toHaveLength(1)
    expect(valueOf(bad)[0]?.payload.date_of_birth).toBe('')
    expect(warningsOf(bad)).toEqual([
      expect.objectContaining({ code: 'INVALID_DATE', path: 'date_of_birth' }),
    ])
  })

  it('inbound: the case is written with the repaired date and its age', () => {
    const client = oscarClient({ ...sharedByHolt, date_of_birth: '2012.1.5' })
    expect(valueOf(inboundCase(client, cambodia, { now })).data).toMatchObject({
      date_of_birth: '2012-01-05',
      age: 13,
    })
  })

  it('inbound: an enrolment date is repaired too, or left out with its field named', () => {
    const service = sharedByHolt.services[0]
    const client = oscarClient({
      ...sharedByHolt,
      services: [
        { ...service, enrollment_date: '2025.1.20' },
        { ...service, program_name: 'Other', enrollment_date: '20/01/2025' },
      ],
    })
    const result = inboundCase(client, cambodia, { now })
    const rows = valueOf(result).data.services_section ?? []
    expect(rows[0]?.service_response_day_time).toBe('2025-01-20T00:00:00.000Z')
    expect(rows[1]).not.toHaveProperty('service_response_day_time')
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({ code: 'INVALID_DATE', path: 'services[1].enrollment_date' }),
    )
  })
})
