/** Fields of a log event: scalars only, so a record or a body cannot slip in whole. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>

/**
 * Where a client reports what it does. Events carry a method, a redacted path, a status,
 * an attempt number and a duration: never a body, a header, a credential or a query value.
 *
 * @example
 * const logger: Logger = { debug: () => {}, info: () => {}, warn: (e, f) => warnings.push([e, f]), error: () => {} }
 */
export interface Logger {
  readonly debug: (event: string, fields?: LogFields) => void
  readonly info: (event: string, fields?: LogFields) => void
  readonly warn: (event: string, fields?: LogFields) => void
  readonly error: (event: string, fields?: LogFields) => void
}

const nothing = (): void => undefined

/** The default logger: says nothing. */
export const silentLogger: Logger = Object.freeze({
  debug: nothing,
  info: nothing,
  warn: nothing,
  error: nothing,
})

/**
 * `logger`, guarded: an event it fails to take (it throws) is dropped, so a broken logger
 * never fails, rejects or retries a request. Logging must not break a sync run.
 */
export const safeLogger = (logger: Logger): Logger => {
  const guard =
    (level: keyof Logger) =>
    (event: string, fields?: LogFields): void => {
      try {
        logger[level](event, fields)
      } catch {
        // A broken logger is not the request's failure.
      }
    }
  return Object.freeze({
    debug: guard('debug'),
    info: guard('info'),
    warn: guard('warn'),
    error: guard('error'),
  })
}
