import { pino } from 'pino'

import type { LogFields, Logger } from '../logger.js'

/** `human`: one readable line per event; `json`: pino's JSON lines (for log collectors). */
export type LogFormat = 'human' | 'json'

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/**
 * Where log lines go: stderr, or above the progress bars while they are drawn (writing
 * straight to the terminal would tear them). `redirect` switches it for the bars.
 */
export interface LogSink {
  readonly write: (line: string) => void
  readonly redirect: (to: ((line: string) => void) | undefined) => void
}

export const logSink = (stderr: (text: string) => void): LogSink => {
  let target: ((line: string) => void) | undefined
  return {
    write: (line) => (target ?? stderr)(line.endsWith('\n') ? line : `${line}\n`),
    redirect: (to) => {
      target = to
    },
  }
}

const rank = (level: LogLevel): number => LOG_LEVELS.indexOf(level)

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** A field value on one line: strings as they are when plain, else JSON. */
const show = (value: unknown): string =>
  typeof value === 'string' && /^[^\s"=]+$/.test(value)
    ? value
    : (JSON.stringify(value) ?? 'undefined')

/** `14:03:07 WARN  primero.request.retry status=503 attempt=2`: the event and its fields (ids and codes only). */
export const humanLine = (
  level: string,
  event: string,
  fields: LogFields | undefined,
  at: Date,
): string => {
  const time = `${pad2(at.getHours())}:${pad2(at.getMinutes())}:${pad2(at.getSeconds())}`
  const rest = Object.entries(fields ?? {})
    .filter(([k]) => k !== 'password')
    .map(([k, v]) => `${k}=${show(v)}`)
  return [time, level.toUpperCase().padEnd(5), event, ...rest].join(' ')
}

/**
 * The CLI's logger behind our `Logger` interface: human lines or pino JSON, into `sink`.
 * Events carry ids and codes only; pino's redaction is a second guard for passwords.
 */
export const cliLogger = (
  level: LogLevel,
  format: LogFormat,
  sink: LogSink,
  clock: () => Date = () => new Date(),
): Logger => {
  if (format === 'json') {
    const p = pino(
      { level, base: null, redact: ['password', '*.password'] },
      { write: (line: string) => sink.write(line) },
    )
    return {
      debug: (event, fields) => p.debug({ ...fields }, event),
      info: (event, fields) => p.info({ ...fields }, event),
      warn: (event, fields) => p.warn({ ...fields }, event),
      error: (event, fields) => p.error({ ...fields }, event),
    }
  }
  const at =
    (l: Exclude<LogLevel, 'silent'>) =>
    (event: string, fields?: LogFields): void => {
      if (level !== 'silent' && rank(l) <= rank(level))
        sink.write(humanLine(l, event, fields, clock()))
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
