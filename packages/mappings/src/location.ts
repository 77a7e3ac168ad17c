import type { MappingConfig, Province } from './config/MappingConfig.js'

/**
 * A location code as OSCaR stores it: digits zero-padded to an even length (each level
 * of Cambodia's codes is two digits). Anything that is not digits comes back trimmed and
 * otherwise unchanged. Idempotent.
 *
 * @example
 * canonicalLocationCode('2040302') // '02040302'
 */
export const canonicalLocationCode = (code: string): string => {
  const trimmed = code.trim()
  if (!/^\d+$/.test(trimmed)) return trimmed
  return trimmed.length % 2 === 1 ? `0${trimmed}` : trimmed
}

/**
 * A location code as Primero stores it: the number without leading zeros (an all-zero
 * code becomes `""`). Anything that is not digits comes back trimmed. Idempotent.
 *
 * @example
 * primeroLocationCode('02040302') // '2040302'
 */
export const primeroLocationCode = (code: string): string => {
  const trimmed = code.trim()
  if (!/^\d+$/.test(trimmed)) return trimmed
  return trimmed.replace(/^0+/, '')
}

/** A canonical code of 2, 4, 6 or 8 digits (province, district, commune, village). */
export const isLocationCode = (code: string): boolean =>
  /^(?:\d{2}){1,4}$/.test(canonicalLocationCode(code))

/**
 * The province a location code lies in: the first two digits of its canonical form.
 * Accepts 8/6/4/2-digit canonical codes and Primero's form (`2040302`).
 *
 * @example
 * provinceOf('2040302', cambodia) // { code: '02', name: 'Battambang', primeroUser: 'mgrbtb' }
 */
export const provinceOf = (code: string, config: MappingConfig): Province | undefined => {
  if (!isLocationCode(code)) return undefined
  const prefix = canonicalLocationCode(code).slice(0, 2)
  return config.provinces.find((p) => p.code === prefix)
}
