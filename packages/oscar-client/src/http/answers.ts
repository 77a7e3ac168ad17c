import type { Body } from '@primero-interop/http'

import type { OscarError, RejectionCode } from '../errors.js'
import { HttpError, NonJsonResponse, Rejected } from '../errors.js'

interface Where {
  readonly method: string
  readonly path: string
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** One-word attribute names OSCaR validates; other names must be snake_case with a `_`. */
const SINGLE_WORD_FIELDS: ReadonlySet<string> = new Set([
  'base',
  'client',
  'gender',
  'organization',
  'referral',
  'referrals',
  'services',
  'slug',
  'status',
])
const SNAKE_CASE_FIELD = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/

/**
 * The keys of a 422's `message` that are field names. Any other key (it could be a value,
 * e.g. a child's name) is reported as `other`, never echoed.
 */
const fieldNames = (detail: Readonly<Record<string, unknown>>): ReadonlyArray<string> => {
  const keys = Object.keys(detail)
  const fields = keys.filter((k) => SINGLE_WORD_FIELDS.has(k) || SNAKE_CASE_FIELD.test(k))
  return [...fields.sort(), ...(fields.length < keys.length ? ['other'] : [])]
}

/** What update_statuses' free-text `error` says, as a code (the text itself is never kept). */
const codeOfReason = (reason: string): RejectionCode => {
  if (/couldn't find referral|referral not found/i.test(reason)) return 'referral-not-found'
  // A bare `ActiveRecord::RecordNotFound`: OSCaR holds no child with that global id.
  if (/couldn't find client|client not found|^ActiveRecord::RecordNotFound$/i.test(reason))
    return 'client-not-found'
  if (/validation failed|is not included|can't be blank|is invalid/i.test(reason))
    return 'validation-failed'
  return 'record-error'
}

/**
 * Reads OSCaR's 422 bodies into a code and field names:
 * `{"message":{"services":["can't be blank"]}}` → `invalid-fields` + `services`;
 * `{"message":"Record was found.","errors":{…}}` → `record-found`; `{"error":"…","message":"Record error…"}`
 * → a code for the reason; `{"message":"Record error…"}` → `record-error`.
 */
export const readRejection = (
  body: Body,
): { readonly code: RejectionCode; readonly fields: ReadonlyArray<string> } => {
  const value = body.kind === 'json' ? body.value : undefined
  if (!isRecord(value)) return { code: 'unknown', fields: [] }
  const { error, message, errors } = value
  if (typeof error === 'string') return { code: codeOfReason(error), fields: [] }
  // "Record was found." comes with an `errors` object (empty, or naming global_id and
  // referral_status when none was sent): the message decides.
  if (typeof message === 'string' && /^record (was )?found/i.test(message))
    return { code: 'record-found', fields: [] }
  const detail = isRecord(message) ? message : isRecord(errors) ? errors : undefined
  if (detail !== undefined) return { code: 'invalid-fields', fields: fieldNames(detail) }
  if (typeof message === 'string') {
    if (/^record (was )?found/i.test(message)) return { code: 'record-found', fields: [] }
    if (/^record error/i.test(message)) return { code: 'record-error', fields: [] }
  }
  return { code: 'unknown', fields: [] }
}

/** The error for a non-2xx answer other than 401 (handled by the session). */
export const errorOfAnswer = (
  where: Where,
  status: number,
  contentType: string | null,
  body: Body,
): OscarError => {
  if (status === 422 && body.kind === 'json')
    return new Rejected({ ...where, ...readRejection(body) })
  if (body.kind === 'not-json') return new NonJsonResponse({ ...where, status, contentType })
  return new HttpError({ ...where, status })
}
