/**
 * Where the client reports what it does (the shared core's `Logger`). Events carry the
 * method, the redacted path, the status, the attempt and the duration: never a body, a
 * credential or a query value. A logger that throws is guarded: it never fails a request.
 */
export type { LogFields, Logger } from '@primero-interop/http'
export { safeLogger, silentLogger } from '@primero-interop/http'
