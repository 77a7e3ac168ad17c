import type { PrimeroCase, ServiceRow } from '@primero-interop/primero-client'

import type { MappingConfig } from './config/MappingConfig.js'
import { firstText, text } from './util.js'

/** A case's `services_section` rows (none when absent or `null`). */
export const rowsOf = (c: PrimeroCase): ReadonlyArray<ServiceRow> => c.services_section ?? []

/**
 * Whether row `i` repeats the `unique_id` of an earlier row. Primero merges subform rows by
 * `unique_id`, so only the first of such rows is the row: the others are ignored.
 */
export const isShadowed = (rows: ReadonlyArray<ServiceRow>, i: number): boolean => {
  const id = rows[i]?.unique_id
  return typeof id === 'string' && rows.findIndex((r) => r.unique_id === id) !== i
}

/** The row's referral-status option id, when set. */
export const rowStatusOption = (row: ServiceRow, config: MappingConfig): string | undefined =>
  text(row[config.primero.fieldIds.serviceReferralStatus])

/** The OSCaR referral id a row carries (stored as the string of an integer), if any. */
export const rowOscarReferralId = (row: ServiceRow, config: MappingConfig): number | undefined => {
  const value: unknown = row[config.primero.fieldIds.serviceOscarReferralId]
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  const s = text(value)?.trim()
  if (s === undefined || !/^\d{1,16}$/.test(s) || !Number.isSafeInteger(Number(s))) return undefined
  return Number(s)
}

/** The row's first subtype, as Primero's multi-select stores it. */
export const rowSubtype = (row: ServiceRow): string | undefined => firstText(row.service_subtype)

/** A row still awaiting a decision: its referral-status option is pending or unset. */
export const isPendingRow = (row: ServiceRow, config: MappingConfig): boolean => {
  const option = rowStatusOption(row, config)
  return option === undefined || option === config.primero.serviceReferralStatusOptions.pending
}

/** The path of a field of the `i`th row, for issues. */
export const rowPath = (i: number, field?: string): string =>
  field === undefined ? `services_section[${i}]` : `services_section[${i}].${field}`
