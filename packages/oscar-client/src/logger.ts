/** Values a log event may carry: ids, counts, codes, paths, dates. Never a child's data. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>

/**
 * Where the client reports what it does. Events carry a method, a redacted path, a status,
 * an attempt number and a duration; never a body, a header or a token.
 *
 * @example
 * const logger: Logger = { debug: () => {}, info: console.info, warn: console.warn, error: console.error }
 */
export interface Logger {
  readonly debug: (event: string, fields?: LogFields) => void
  readonly info: (event: string, fields?: LogFields) => void
  readonly warn: (event: string, fields?: LogFields) => void
  readonly error: (event: string, fields?: LogFields) => void
}

const noop = (): void => undefined

/** A logger that drops everything: the default. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop }

/** A logger whose failures never reach the caller: logging must not break a sync run. */
export const safeLogger = (logger: Logger): Logger => {
  const guard =
    (level: keyof Logger) =>
    (event: string, fields?: LogFields): void => {
      try {
        logger[level](event, fields)
      } catch {
        // A broken logger is not the client's failure.
      }
    }
  return { debug: guard('debug'), info: guard('info'), warn: guard('warn'), error: guard('error') }
}
