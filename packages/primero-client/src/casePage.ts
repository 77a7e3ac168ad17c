/** A page of cases, decoded one record at a time so one bad record fails only itself. */
import { PrimeroCase } from './codecs/Case.js'
import { failingPaths } from './codecs/common.js'

/** A record of a page that did not decode: its position, its id when it has one, the paths. */
export interface RejectedRecord {
  /** The record's position in the server's answer for that page. */
  readonly index: number
  readonly id?: string
  /** The failing field paths (never the values), such as `date_of_birth`. */
  readonly paths: ReadonlyArray<string>
}

/**
 * One page of cases. `data` holds the records that decoded; `rejected` names the others.
 * `total` is the number of records the server counts for the query.
 */
export interface CasePage {
  readonly data: ReadonlyArray<PrimeroCase>
  readonly rejected: ReadonlyArray<RejectedRecord>
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

/** Decodes `[index, record]` pairs into the records that decode and the ones that do not. */
export const decodeCases = (
  entries: ReadonlyArray<readonly [number, unknown]>,
): Pick<CasePage, 'data' | 'rejected'> => {
  const data: PrimeroCase[] = []
  const rejected: RejectedRecord[] = []
  for (const [index, raw] of entries) {
    const result = PrimeroCase.decode(raw)
    if (result._tag === 'Right') {
      data.push(result.right)
    } else {
      const id = rawId(raw)
      rejected.push({
        index,
        ...(id === undefined ? {} : { id }),
        paths: failingPaths(result.left),
      })
    }
  }
  return { data, rejected }
}
