/**
 * The certain repairs of what Primero sends, and which field each applies to. A repair is
 * certain when the value can mean one thing only: `2012-1-5` is 5 January 2012; `"true"`
 * is true. A day-first date (`5/1/2012`) is ambiguous: it is left out, never guessed.
 */
import { caseReadFields, serviceRowFields } from './codecs/Case.js'
import { referralFields } from './codecs/Referral.js'
import type { FieldRules, Repair } from './tolerant.js'

const khmerZero = 0x17e0

/** Khmer digits (០-៩) as ASCII digits. */
const asciiDigits = (s: string): string =>
  s.replace(/[\u17e0-\u17e9]/g, (d) => String(d.charCodeAt(0) - khmerZero))

/**
 * A year-first date with a one- or two-digit month and day, and `-`, `/` or `.` between
 * them (Khmer digits too): `2012-1-5` → `2012-01-05`. The codec then checks the calendar.
 */
export const repairDate: Repair = (u) => {
  if (typeof u !== 'string') return undefined
  const m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(asciiDigits(u.trim()))
  if (m === null) return undefined
  return `${m[1]}-${(m[3] ?? '').padStart(2, '0')}-${(m[4] ?? '').padStart(2, '0')}`
}

/** `"true"` / `"false"` (any case, spaces around) → the boolean. */
export const repairBoolean: Repair = (u) => {
  if (typeof u !== 'string') return undefined
  const s = u.trim().toLowerCase()
  return s === 'true' ? true : s === 'false' ? false : undefined
}

/** A decimal number written as text (`"7"`, `" 7.5 "`) → the number. */
export const repairNumber: Repair = (u) =>
  typeof u === 'string' && /^\d+(\.\d+)?$/.test(u.trim()) ? Number(u.trim()) : undefined

/** A bare string where a list of strings belongs → a list of that one string. */
export const repairList: Repair = (u) => (typeof u === 'string' ? [u] : undefined)

/** A referral status in another case or spelling (`"In Progress"`) → `in_progress`. */
export const repairStatus: Repair = (u) =>
  typeof u === 'string'
    ? u
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_')
    : undefined

const booleans = (...keys: ReadonlyArray<string>): Record<string, Repair> =>
  Object.fromEntries(keys.map((k) => [k, repairBoolean]))

/** A `services_section` row: every typed field may be repaired or left out. */
export const serviceRowRules: FieldRules = {
  codecs: serviceRowFields,
  repairs: { ...booleans('service_status_referred'), service_subtype: repairList },
}

/** A case: every typed field but `id` (and `case_id`, checked first) may be repaired or left out. */
export const caseRules: FieldRules = {
  codecs: caseReadFields,
  repairs: {
    ...booleans(
      'enabled',
      'record_state',
      'consent_for_services',
      'disclosure_other_orgs',
      'consent_overridden',
    ),
    date_of_birth: repairDate,
    age: repairNumber,
  },
  rows: { services_section: serviceRowRules },
}

/** A referral: every typed field but `id` may be repaired or left out. */
export const referralRules: FieldRules = {
  codecs: referralFields,
  repairs: { ...booleans('remote', 'consent_overridden'), status: repairStatus },
}
