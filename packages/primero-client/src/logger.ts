/** Fields of a log event: scalars only, so a record or a body cannot slip in whole. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>

/**
 * Where the client reports what it does. Events carry the method, the redacted path, the
 * status, the attempt and the duration: never a body, a credential or a query value.
 *
 * @example
 * const logger: Logger = { debug: () => {}, info: () => {}, warn: (e, f) => warnings.push([e, f]), error: () => {} }
 */
export interface Logger {
  debug(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

const nothing = (): void => undefined

/** The default logger: says nothing. */
export const silentLogger: Logger = Object.freeze({
  debug: nothing,
  info: nothing,
  warn: nothing,
  error: nothing,
})
