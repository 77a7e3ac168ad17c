import { inspect } from 'node:util'

import {
  AuthError,
  DecodeError,
  HttpError,
  isAuthError,
  isDecodeError,
  isHttpError,
  isNetworkError,
  isNonJsonResponse,
  isOscarError,
  isOutcomeUnknown,
  isRejected,
  isTimeoutError,
  NetworkError,
  NonJsonResponse,
  type OscarError,
  OutcomeUnknown,
  Rejected,
  TimeoutError,
} from '@primero-interop/oscar-client'
import { describe, expect, it } from 'vitest'

import { atItem } from '../src/errors.js'
import { readRejection } from '../src/http/answers.js'

const where = { method: 'POST', path: '/api/v1/organizations/clients/upsert' }

const all: ReadonlyArray<OscarError> = [
  new AuthError({ ...where, reason: 'invalid-credentials', status: 401 }),
  new HttpError({ ...where, status: 404 }),
  new NetworkError({ ...where, phase: 'connect', code: 'ECONNREFUSED' }),
  new TimeoutError({ ...where, timeoutMs: 30_000 }),
  new DecodeError({ ...where, paths: ['data.0.global_id'], status: 200 }),
  new Rejected({ ...where, code: 'invalid-fields', fields: ['services'] }),
  new NonJsonResponse({ ...where, status: 500, contentType: 'text/html' }),
  new OutcomeUnknown({ ...where, reason: 'timeout' }),
]

const guards = [
  isAuthError,
  isHttpError,
  isNetworkError,
  isTimeoutError,
  isDecodeError,
  isRejected,
  isNonJsonResponse,
  isOutcomeUnknown,
]

/** Exhaustive: adding a kind without handling it here fails to compile. */
const describeError = (error: OscarError): string => {
  switch (error._tag) {
    case 'AuthError':
      return error.reason
    case 'HttpError':
      return `${error.status}`
    case 'NetworkError':
      return error.phase
    case 'TimeoutError':
      return `${error.timeoutMs}`
    case 'DecodeError':
      return error.paths.join()
    case 'Rejected':
      return error.code
    case 'NonJsonResponse':
      return `${error.contentType}`
    case 'OutcomeUnknown':
      return error.reason
    default: {
      const never: never = error
      return never
    }
  }
}

describe('the error union', () => {
  it('has one guard per kind, each true for its kind only', () => {
    all.forEach((error, i) => {
      expect(isOscarError(error)).toBe(true)
      guards.forEach((guard, j) => expect(guard(error)).toBe(i === j))
    })
    expect(isOscarError(new Error('x'))).toBe(false)
    expect(isOscarError({ _tag: 'SyncError' })).toBe(false)
    expect(all.map(describeError)).toEqual([
      'invalid-credentials',
      '404',
      'connect',
      '30000',
      'data.0.global_id',
      'invalid-fields',
      'text/html',
      'timeout',
    ])
  })

  it('are Errors with a method and path, and serialise to their fields', () => {
    for (const error of all) {
      expect(error).toBeInstanceOf(Error)
      expect(String(error)).toBe(`${error.name}: ${error.message}`)
      const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>
      expect(json).toMatchObject({ _tag: error._tag, method: 'POST', path: where.path })
      expect(json).not.toHaveProperty('cause')
      expect(inspect(error)).toContain(error._tag)
    }
  })

  it('atItem places an error in a batch, keeping its kind and fields', () => {
    const placed = atItem(new Rejected({ ...where, code: 'referral-not-found', fields: [] }), 3, 3)
    expect(isRejected(placed)).toBe(true)
    expect(placed).toBeInstanceOf(Rejected)
    expect(placed).toMatchObject({
      code: 'referral-not-found',
      failedIndex: 3,
      applied: 3,
      status: 422,
    })
    expect(placed.message).toMatch(/item 3; 3 before it applied/)
    expect(JSON.parse(JSON.stringify(placed))).toMatchObject({ failedIndex: 3, applied: 3 })
  })
})

describe("reading OSCaR's 422 bodies", () => {
  const json = (value: unknown) => ({ kind: 'json', value }) as const
  it.each([
    [
      { external_id: 'x', message: { services: ["can't be blank"] } },
      'invalid-fields',
      ['services'],
    ],
    [{ message: 'Record was found.' }, 'record-found', []],
    // OSCaR's real body carries an `errors` object: the message still decides.
    [{ external_id: 'x', message: 'Record was found.', errors: {} }, 'record-found', []],
    [
      {
        external_id: 'x',
        message: 'Record was found.',
        errors: { global_id: 'global_id must exist.', referral_status: 'must be present.' },
      },
      'record-found',
      [],
    ],
    [{ message: 'Record error. Please check OSCaR logs for details.' }, 'record-error', []],
    [
      { error: "Couldn't find Referral with 'id'=9", message: 'Record error.' },
      'referral-not-found',
      [],
    ],
    [{ error: "Couldn't find Client", message: 'Record error.' }, 'client-not-found', []],
    // update_statuses raises a bare RecordNotFound when no NGO holds the global id.
    [{ error: 'ActiveRecord::RecordNotFound', message: 'Record error.' }, 'client-not-found', []],
    [
      {
        error: "Referral status can't be blank. Referral status is not included in the list.",
        message: 'Record error.',
      },
      'validation-failed',
      [],
    ],
    [
      { error: 'Validation failed: Referral status is not included in the list' },
      'validation-failed',
      [],
    ],
    [{ error: 'something else' }, 'record-error', []],
    [
      { message: { given_name: ['x'], 'Dara Chan': ['y'], dara: ['z'] } },
      'invalid-fields',
      ['given_name', 'other'],
    ],
    [['odd'], 'unknown', []],
  ])('%j → %s %j', (body, code, fields) => {
    expect(readRejection(json(body))).toEqual({ code, fields })
  })
})
