import type * as t from 'io-ts'

/** A path step: an array index as `[3]`, an identifier as `.name`, anything else quoted. */
export const step = (key: string | number): string =>
  typeof key === 'number'
    ? `[${key}]`
    : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)
      ? `.${key}`
      : `[${JSON.stringify(key)}]`

/** Joins steps into a path without a leading dot: `provinces[18].code`. */
export const joinPath = (...keys: ReadonlyArray<string | number>): string =>
  keys.map(step).join('').replace(/^\./, '')

const tagOf = (decoder: t.Decoder<unknown, unknown> | undefined): string | undefined =>
  (decoder as { readonly _tag?: string } | undefined)?._tag

/**
 * The JSON path of a decode error, e.g. `provinces[18].code`: array steps as indexes,
 * union and intersection members skipped. Never the value.
 */
export const errorPath = (error: t.ValidationError): string => {
  const keys: Array<string | number> = []
  error.context.forEach((entry, i) => {
    if (i === 0) return
    const parent = tagOf(error.context[i - 1]?.type)
    if (parent === 'UnionType' || parent === 'IntersectionType') return
    keys.push(parent === 'ArrayType' && /^\d+$/.test(entry.key) ? Number(entry.key) : entry.key)
  })
  return joinPath(...keys)
}
