/**
 * A page of cases, decoded one record at a time so one bad record fails only itself, and
 * tolerantly: a record is refused only when its ids are unusable.
 */
import * as E from 'fp-ts/lib/Either.js'

import { PrimeroCase } from './codecs/Case.js'
import type { Logger } from './logger.js'
import { caseRules } from './repairs.js'
import { decodeTolerant } from './tolerant.js'

/** A record of a page that did not decode: its position, its id when it has one, the paths. */
export interface RejectedRecord {
  /** The record's position in the server's answer for that page. */
  readonly index: number
  readonly id?: string
  /** The failing field paths (never the values), such as `date_of_birth`. */
  readonly paths: ReadonlyArray<string>
}

/**
 * A record that was kept with some fields repaired or left out: its position, its id and
 * the paths (never the values). A path names a field (`date_of_birth`,
 * `services_section.2.service_subtype`) or a whole subform row left out
 * (`services_section.2`); `dropped` lists the paths left out, the others were repaired.
 */
export interface RepairedRecord {
  /** The record's position in the server's answer. */
  readonly index: number
  readonly id: string
  /** Every repaired or left-out path, in field order. */
  readonly paths: ReadonlyArray<string>
  /** The paths of `paths` that were left out. */
  readonly dropped: ReadonlyArray<string>
}

/**
 * One page of cases. `data` holds the records that decoded; `rejected` names the others
 * (their ids are unusable); `repaired` names the records of `data` read with a field
 * repaired or left out. `total` is the number of records the server counts for the query.
 */
export interface CasePage {
  readonly data: ReadonlyArray<PrimeroCase>
  readonly rejected: ReadonlyArray<RejectedRecord>
  readonly repaired: ReadonlyArray<RepairedRecord>
  readonly total: number
  readonly page: number
  readonly per: number
}

const field = (u: unknown, key: string): unknown =>
  typeof u === 'object' && u !== null ? (u as Record<string, unknown>)[key] : undefined

/** A raw record's `id`, when it is a string. */
export const rawId = (u: unknown): string | undefined => {
  const id = field(u, 'id')
  return typeof id === 'string' ? id : undefined
}

/** A raw record's `last_updated_at` in epoch milliseconds, when it is a valid instant. */
export const rawUpdatedAt = (u: unknown): number | undefined => {
  const value = field(u, 'last_updated_at')
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isFinite(ms) ? ms : undefined
}

/**
 * A case's identity is usable when `id` is a string and `case_id` (the join key with
 * OSCaR) is a string or absent.
 */
const usableCase = (u: Readonly<Record<string, unknown>>): boolean =>
  typeof u['id'] === 'string' &&
  (u['case_id'] === undefined || u['case_id'] === null || typeof u['case_id'] === 'string')

/** Decodes one case tolerantly: refused (with its failing paths) only for unusable ids. */
export const decodeCase = decodeTolerant(PrimeroCase, caseRules, usableCase)

/** Decodes `[index, record]` pairs into the records that decode and the ones that do not. */
export const decodeCases = (
  entries: ReadonlyArray<readonly [number, unknown]>,
): Pick<CasePage, 'data' | 'rejected' | 'repaired'> => {
  const data: PrimeroCase[] = []
  const rejected: RejectedRecord[] = []
  const repaired: RepairedRecord[] = []
  for (const [index, raw] of entries) {
    const result = decodeCase(raw)
    if (E.isRight(result)) {
      const { value, paths, dropped } = result.right
      data.push(value)
      if (paths.length > 0) repaired.push({ index, id: value.id, paths, dropped })
    } else {
      const id = rawId(raw)
      rejected.push({ index, ...(id === undefined ? {} : { id }), paths: result.left })
    }
  }
  return { data, rejected, repaired }
}

/** One warning per repaired record: its id and paths, never a value. */
export const logRepaired = (
  logger: Logger,
  record: 'case' | 'referral',
  repaired: ReadonlyArray<RepairedRecord>,
): void => {
  for (const { index, id, paths, dropped } of repaired) {
    logger.warn('primero.record_repaired', {
      record,
      index,
      id,
      paths: paths.join(','),
      dropped: dropped.join(','),
    })
  }
}
