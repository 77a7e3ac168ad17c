/** Values a log event may carry: ids, counts, codes, paths. Never a child's data. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>

/** The logger the sync reports through; the clients take the same shape. */
export interface Logger {
  readonly debug: (event: string, fields?: LogFields) => void
  readonly info: (event: string, fields?: LogFields) => void
  readonly warn: (event: string, fields?: LogFields) => void
  readonly error: (event: string, fields?: LogFields) => void
}

const noop = (): void => undefined

/** A logger that drops everything: the default. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop }
