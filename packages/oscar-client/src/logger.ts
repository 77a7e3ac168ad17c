/**
 * Where the client reports what it does (the shared core's `Logger`). Events carry a
 * method, a redacted path, a status, an attempt number and a duration; never a body, a
 * header or a token. A logger that throws is guarded: logging must not break a sync run.
 */
export type { LogFields, Logger } from '@primero-interop/http'
export { safeLogger, silentLogger } from '@primero-interop/http'
