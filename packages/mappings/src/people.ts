import { text } from './util.js'

/**
 * A Primero name from OSCaR's two scripts: `"<local> (<latin>)"` when both exist and
 * differ, else whichever exists (trimmed); `undefined` when neither does.
 *
 * @example
 * composeName('សុខា', 'Sokha') // 'សុខា (Sokha)'
 * composeName(null, 'Sokha')   // 'Sokha'
 */
export const composeName = (
  local: string | null | undefined,
  latin: string | null | undefined,
): string | undefined => {
  const l = text(local)?.trim()
  const n = text(latin)?.trim()
  if (l !== undefined && n !== undefined) return l === n ? l : `${l} (${n})`
  return l ?? n
}

/**
 * Primero's `sex` from OSCaR's `gender`: `male`/`female` in any case, anything else
 * `other`; `undefined` when OSCaR sent none.
 *
 * @example
 * toPrimeroSex('Female') // 'female'
 * toPrimeroSex('lgbt')   // 'other'
 */
export const toPrimeroSex = (gender: string | null | undefined): string | undefined => {
  const g = text(gender)?.trim().toLowerCase()
  if (g === undefined) return undefined
  return g === 'male' || g === 'female' ? g : 'other'
}
