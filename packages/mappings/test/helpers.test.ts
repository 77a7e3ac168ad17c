import { createHash } from 'node:crypto'

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import {
  ageAt,
  cambodia,
  canonicalLocationCode,
  changedFields,
  composeName,
  normaliseOscarStatus,
  parseInstant,
  primeroLocationCode,
  provinceOf,
  repairDateOfBirth,
  toOscarServiceName,
  toPrimeroService,
  toPrimeroSex,
  uuidV5,
} from '../src/index.js'
import { sha1 } from '../src/uuid.js'

describe('location codes', () => {
  it('pads to an even length and strips for Primero', () => {
    expect(canonicalLocationCode('2040302')).toBe('02040302')
    expect(canonicalLocationCode('02040302')).toBe('02040302')
    expect(canonicalLocationCode(' 1 ')).toBe('01')
    expect(canonicalLocationCode('')).toBe('')
    expect(primeroLocationCode('02040302')).toBe('2040302')
    expect(primeroLocationCode('12')).toBe('12')
    expect(primeroLocationCode('0000')).toBe('')
    expect(primeroLocationCode('n/a')).toBe('n/a')
  })

  it('finds the province of 8, 6, 4 and 2-digit codes and of the Primero form', () => {
    for (const code of ['02040302', '020403', '0204', '02', '2040302', '20403', '204', '2']) {
      expect(provinceOf(code, cambodia)?.primeroUser).toBe('mgrbtb')
    }
    expect(provinceOf('19010203', cambodia)?.primeroUser).toBe('mgrstg')
    expect(provinceOf('99010203', cambodia)).toBeUndefined()
    expect(provinceOf('0204030201', cambodia)).toBeUndefined()
    expect(provinceOf('', cambodia)).toBeUndefined()
    expect(provinceOf('Battambang', cambodia)).toBeUndefined()
  })
})

describe('services', () => {
  it('maps subtypes to OSCaR names, aliases included', () => {
    expect(toOscarServiceName('family_based_care_kinship', cambodia)).toBe('Kinship care')
    expect(toOscarServiceName('other', cambodia)).toBe('Other Service')
    expect(toOscarServiceName('constructor', cambodia)).toBe('Not Specified')
    expect(toOscarServiceName('nope', cambodia)).toBe('Not Specified')
  })

  it('maps OSCaR names to Primero types, with the unknown fallback', () => {
    expect(toPrimeroService('Trauma counselling', cambodia)).toEqual({
      type: 'counselling',
      subtype: 'counselling_trauma',
    })
    expect(toPrimeroService('Juggling', cambodia)).toEqual({
      type: 'Other',
      subtype: undefined,
      detailsText: 'Juggling',
    })
  })
})

describe('dates', () => {
  it('repairs dates of birth', () => {
    expect(repairDateOfBirth('2012-01-31')).toEqual(E.right('2012-01-31'))
    expect(repairDateOfBirth('2012/01/31')).toEqual(E.right('2012-01-31'))
    expect(repairDateOfBirth('22012-01-01')).toEqual(E.right('2012-01-01'))
    expect(repairDateOfBirth('2022-05-1')).toEqual(E.right('2022-05-01'))
    expect(repairDateOfBirth('2012-02-02T00:00:00.000Z')).toEqual(E.right('2012-02-02'))
    for (const bad of ['2012-02-30', '20120-01-01', '', 'yesterday', '1850-01-01', '2012-1-1-1']) {
      expect(repairDateOfBirth(bad)).toEqual(E.left({ _tag: 'InvalidDate' }))
    }
  })

  it('computes whole years, with the production range rule', () => {
    const now = new Date('2025-06-15T12:00:00Z')
    expect(ageAt('2012-06-15', now)).toBe(13)
    expect(ageAt('2012-06-16', now)).toBe(12)
    expect(ageAt('2024-06-15', now)).toBe(1)
    expect(ageAt('2024-06-16', now)).toBe(0)
    expect(ageAt('1995-06-15', now)).toBe(30)
    expect(ageAt('1994-06-15', now)).toBe(0)
    expect(ageAt('2030-01-01', now)).toBe(0)
    expect(ageAt('garbage', now)).toBe(0)
    expect(ageAt('2012-06-15', new Date(Number.NaN))).toBe(0)
    expect(ageAt('2012-06-15', '2025-06-15')).toBe(13)
  })

  it('reads the timestamps both systems send', () => {
    expect(parseInstant('2020/08/24 13:17:05 +0000')).toBe(Date.UTC(2020, 7, 24, 13, 17, 5))
    expect(parseInstant('2021-11-09T10:20:12.384Z')).toBe(Date.UTC(2021, 10, 9, 10, 20, 12, 384))
    expect(parseInstant('2021-11-09T17:20:12+07:00')).toBe(Date.UTC(2021, 10, 9, 10, 20, 12))
    expect(parseInstant('2020/09/03')).toBe(Date.UTC(2020, 8, 3))
    expect(parseInstant('2020-02-30')).toBeUndefined()
    expect(parseInstant('soon')).toBeUndefined()
  })
})

describe('people', () => {
  it('composes names from both scripts', () => {
    expect(composeName('សុខា', 'Sokha')).toBe('សុខា (Sokha)')
    expect(composeName('', 'Sokha')).toBe('Sokha')
    expect(composeName('សុខា', null)).toBe('សុខា')
    expect(composeName('Sokha', 'Sokha')).toBe('Sokha')
    expect(composeName(undefined, '  ')).toBeUndefined()
  })

  it('maps gender to sex', () => {
    expect(toPrimeroSex('MALE')).toBe('male')
    expect(toPrimeroSex('female')).toBe('female')
    expect(toPrimeroSex('prefer_not_to_say')).toBe('other')
    expect(toPrimeroSex(null)).toBeUndefined()
  })
})

describe('statuses', () => {
  it('normalises aliases, case and spaces', () => {
    expect(normaliseOscarStatus('Accetped', cambodia)).toBe('Accepted')
    expect(normaliseOscarStatus(' exited ', cambodia)).toBe('Exited')
    expect(normaliseOscarStatus('accetped', cambodia)).toBe('Accepted')
    expect(normaliseOscarStatus('toString', cambodia)).toBeUndefined()
    expect(normaliseOscarStatus('', cambodia)).toBeUndefined()
  })
})

describe('uuidV5 and its SHA-1', () => {
  it('matches RFC 4122 and node:crypto', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
    for (const input of [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'ស្រីនាង'.repeat(40),
    ]) {
      const bytes = new TextEncoder().encode(input)
      expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(
        createHash('sha1').update(bytes).digest('hex'),
      )
    }
  })
})

describe('changedFields', () => {
  const current = {
    sex: 'male',
    age: null,
    services_section: [
      { unique_id: 'u1', service_type: 'counselling', referral_status_edf41f2: 'pending_310366' },
    ],
  }

  it('names only the fields whose values differ', () => {
    expect(changedFields(current, { sex: 'male' })).toEqual([])
    expect(changedFields(current, { sex: 'female', age: undefined })).toEqual(['sex'])
    expect(changedFields(current, { name_first: 'X' })).toEqual(['name_first'])
  })

  it('compares subform rows by unique_id on the keys the patch row carries', () => {
    expect(
      changedFields(current, {
        services_section: [{ unique_id: 'u1', service_type: 'counselling' }],
      }),
    ).toEqual([])
    expect(
      changedFields(current, {
        services_section: [{ unique_id: 'u1', referral_status_edf41f2: 'accepted_340953' }],
      }),
    ).toEqual(['services_section'])
    expect(changedFields(current, { services_section: [{ unique_id: 'u2' }] })).toEqual([
      'services_section',
    ])
    expect(
      changedFields(current, { services_section: [{ unique_id: 'u1', _destroy: true }] }),
    ).toEqual(['services_section'])
    expect(
      changedFields(current, { services_section: [{ unique_id: 'u9', _destroy: true }] }),
    ).toEqual([])
  })
})
