import type { MappingConfig } from './MappingConfig.js'

/** One thing wrong with a mapping configuration, at a JSON path such as `provinces[18].code`. */
export interface ConfigError {
  readonly _tag: 'ConfigError'
  readonly path: string
  readonly message: string
}

export const configError = (path: string, message: string): ConfigError => ({
  _tag: 'ConfigError',
  path,
  message,
})

export type Check = (c: MappingConfig, errors: ConfigError[]) => void

/** Every index whose value occurs more than once (all of them: which one is wrong is a human call). */
export const duplicates = (values: ReadonlyArray<string>): ReadonlyArray<number> =>
  values.flatMap((v, i) => (values.indexOf(v) !== values.lastIndexOf(v) ? [i] : []))

export const has = (record: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(record, key)
