import { describe, expect, it } from 'vitest'

import type { PrimeroError } from '../src/index.js'
import {
  AmbiguousMatch,
  AuthError,
  DecodeError,
  DenseWindow,
  HttpError,
  isAmbiguousMatch,
  isAuthError,
  isDecodeError,
  isDenseWindow,
  isHttpError,
  isNetworkError,
  isNotFound,
  isPrimeroError,
  isTimeoutError,
  isTransitionRejected,
  isUncertainMatch,
  NetworkError,
  NotFound,
  redactPath,
  TimeoutError,
  TransitionRejected,
  UncertainMatch,
} from '../src/index.js'

const examples: ReadonlyArray<PrimeroError> = [
  AuthError({ reason: 'login-failed', status: 401, method: 'POST', path: '/api/v2/tokens' }),
  HttpError({ status: 422, method: 'POST', path: '/api/v2/cases', fields: ['/sex'] }),
  NetworkError({ method: 'GET', path: '/api/v2/cases', code: 'ECONNRESET' }),
  TimeoutError({ method: 'GET', path: '/api/v2/cases', timeoutMs: 100 }),
  DecodeError({ codec: 'PrimeroCase', paths: ['date_of_birth'], id: 'e1' }),
  AmbiguousMatch({ keys: ['oscar_number'], ids: ['e1', 'e2'] }),
  NotFound({ method: 'GET', path: '/api/v2/cases/e1' }),
  TransitionRejected({ caseId: 'e1', referralId: 'r1', from: 'rejected', to: 'accepted' }),
  UncertainMatch({ keys: ['mosvy_number'], reason: 'digits' }),
  DenseWindow({ updatedAt: '2025-08-01T00:00:04.000Z', createdAt: '2025-07-01T00:00:00.000Z' }),
]

const guards = [
  isAuthError,
  isHttpError,
  isNetworkError,
  isTimeoutError,
  isDecodeError,
  isAmbiguousMatch,
  isNotFound,
  isTransitionRejected,
  isUncertainMatch,
  isDenseWindow,
]

/** Exhaustive: adding an error kind without handling it here fails to compile. */
const describeError = (e: PrimeroError): string => {
  switch (e._tag) {
    case 'AuthError':
    case 'HttpError':
    case 'NetworkError':
    case 'TimeoutError':
    case 'NotFound':
      return `${e._tag} ${e.method}`
    case 'DecodeError':
      return `${e._tag} ${e.paths.join()}`
    case 'AmbiguousMatch':
      return `${e._tag} ${e.ids.join()}`
    case 'UncertainMatch':
      return `${e._tag} ${e.reason}`
    case 'DenseWindow':
      return `${e._tag} ${e.updatedAt}`
    case 'TransitionRejected':
      return `${e._tag} ${e.referralId}`
    default: {
      const never: never = e
      return never
    }
  }
}

describe('errors', () => {
  it('each guard recognises its own kind only', () => {
    examples.forEach((error, i) => {
      guards.forEach((guard, j) => expect(guard(error)).toBe(i === j))
      expect(isPrimeroError(error)).toBe(true)
      expect(describeError(error)).toContain(error._tag)
    })
    expect(isPrimeroError(new Error('x'))).toBe(false)
    expect(isPrimeroError({ _tag: 'Other' })).toBe(false)
  })

  it('are frozen values whose String() and JSON carry the message and no cause', () => {
    for (const error of examples) {
      expect(Object.isFrozen(error)).toBe(true)
      expect(String(error)).toBe(`${error._tag}: ${error.message}`)
      const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>
      expect(json._tag).toBe(error._tag)
      expect(json.message).toBe(error.message)
      expect(json).not.toHaveProperty('cause')
    }
  })

  it('messages name ids, statuses and paths', () => {
    expect(examples.map((e) => e.message)).toEqual([
      'POST /api/v2/tokens answered 401: the login was refused; the client will not log in again (6 failures lock the account)',
      'POST /api/v2/cases answered 422; fields: /sex',
      'GET /api/v2/cases failed before a response (ECONNRESET)',
      'GET /api/v2/cases timed out after 100 ms',
      'PrimeroCase (id e1) failed to decode at: date_of_birth',
      '2 cases match on oscar_number: e1, e2',
      'GET /api/v2/cases/e1: not found',
      'referral r1 of case e1 stayed rejected: rejected → accepted is not allowed',
      'cannot tell which cases match on mosvy_number: an all-digit value of a non-identifier field cannot be filtered on Primero; nothing written',
      'more than 1000 cases were updated in the second 2025-08-01T00:00:04.000Z and created in the second 2025-07-01T00:00:00.000Z: they cannot be paged reliably; the read stopped',
    ])
  })

  it('keep only the fields they declare (an extra body is not copied)', () => {
    const input = { status: 500, method: 'GET', path: '/x', fields: [], body: 'Sokha' }
    expect(HttpError(input)).not.toHaveProperty('body')
  })

  it('redact query values in their paths', () => {
    const e = NotFound({ method: 'GET', path: '/api/v2/cases?name=Sokha%20Chan&page=2' })
    expect(e.path).toBe('/api/v2/cases?name=[redacted]&page=2')
    expect(JSON.stringify(e)).not.toContain('Sokha')
  })
})

describe('redactPath', () => {
  it('keeps paging values and hides every other query value', () => {
    expect(redactPath('/api/v2/cases')).toBe('/api/v2/cases')
    expect(
      redactPath(
        '/api/v2/cases?oscar_number=01H&page=2&per=1000&order_by=id&order=asc&fields=id,sex',
      ),
    ).toBe(
      '/api/v2/cases?oscar_number=[redacted]&page=2&per=1000&order_by=id&order=asc&fields=id,sex',
    )
    expect(redactPath('/x?page=Sokha%20Chan&query=Sokha')).toBe(
      '/x?page=[redacted]&query=[redacted]',
    )
    expect(redactPath('/x?Sokha%20Chan=1')).toBe('/x?[redacted]=[redacted]')
  })
})
