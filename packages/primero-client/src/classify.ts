/** Turns a failed attempt into the client's error, keeping no body and no query value. */
import { retryAfterMs } from '@primero-interop/http'

import type { PrimeroError } from './errors.js'
import { AuthError, HttpError, NetworkError, NotFound, TimeoutError } from './errors.js'
import type { AttemptResult, HttpMethod } from './http.js'
import { consentRefused, pointersOf } from './redact.js'

/** The error for an attempt that did not succeed (`path` is redacted by the constructors). */
export const errorOf = (
  method: HttpMethod,
  path: string,
  result: AttemptResult,
  timeoutMs: number,
): PrimeroError => {
  switch (result.kind) {
    case 'network':
      return NetworkError({
        method,
        path,
        ...(result.code === undefined ? {} : { code: result.code }),
      })
    case 'timeout':
      return TimeoutError({ method, path, timeoutMs })
    case 'response': {
      const { status } = result
      if (status === 401) return AuthError({ reason: 'unauthorized', status, method, path })
      if (status === 404 && result.nonJsonContentType === undefined) {
        return NotFound({ method, path })
      }
      const afterMs = retryAfterMs(result.headers)
      const retryAfter = afterMs === undefined ? undefined : Math.ceil(afterMs / 1000)
      return HttpError({
        status,
        method,
        path,
        fields: pointersOf(result.body),
        ...(consentRefused(result.body) ? { reason: 'consent' as const } : {}),
        ...(result.nonJsonContentType === undefined
          ? {}
          : { contentType: result.nonJsonContentType }),
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      })
    }
  }
}

export const isSuccess = (result: AttemptResult): boolean =>
  result.kind === 'response' && result.status >= 200 && result.status < 300
