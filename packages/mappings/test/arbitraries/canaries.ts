/**
 * Canaries: a child's name, phone, birth date and notes, each marked so that finding it
 * in an issue proves a leak. Planted into otherwise arbitrary records.
 */
import fc from 'fast-check'

import { isoDate } from './common.js'

export interface Canaries {
  readonly name: string
  readonly localName: string
  readonly phone: string
  readonly birthDate: string
  readonly badBirthDate: string
  readonly notes: string
}

export const arbCanaries: fc.Arbitrary<Canaries> = fc.record({
  name: fc.stringMatching(/^[a-z]{4,8}$/).map((s) => `Canaryname${s}`),
  localName: fc.stringMatching(/^[a-z]{3,6}$/).map((s) => `ក្ងាន${s}`),
  phone: fc.stringMatching(/^\d{6,9}$/).map((d) => `+855 canary ${d}`),
  birthDate: isoDate,
  badBirthDate: isoDate.map((d) => `${d.slice(0, 5)}13${d.slice(7)}`),
  notes: fc.string({ minLength: 1, maxLength: 20 }).map((s) => `canary note ${s}`),
})

/** Every canary value, for the leak check. */
export const canaryValues = (c: Canaries): ReadonlyArray<string> => [
  c.name,
  c.localName,
  c.phone,
  c.birthDate,
  c.badBirthDate,
  c.notes,
]
