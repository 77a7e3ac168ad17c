import type { OscarError, RejectionCode } from '../errors.js'
import { HttpError, NonJsonResponse, Rejected } from '../errors.js'
import type { Body } from './transport.js'

interface Where {
  readonly method: string
  readonly path: string
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** Field names only: a key that does not look like one is not kept. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.[\]]{0,63}$/

/** What update_statuses' free-text `error` says, as a code (the text itself is never kept). */
const codeOfReason = (reason: string): RejectionCode => {
  if (/couldn't find referral|referral not found/i.test(reason)) return 'referral-not-found'
  if (/couldn't find client|client not found/i.test(reason)) return 'client-not-found'
  if (/validation failed|is not included|can't be blank|is invalid/i.test(reason))
    return 'validation-failed'
  return 'record-error'
}

/**
 * Reads OSCaR's 422 bodies into a code and field names:
 * `{"message":{"services":["can't be blank"]}}` → `invalid-fields` + `services`;
 * `{"message":"Record was found."}` → `record-found`; `{"error":"…","message":"Record error…"}`
 * → a code for the reason; `{"message":"Record error…"}` → `record-error`.
 */
export const readRejection = (
  body: Body,
): { readonly code: RejectionCode; readonly fields: ReadonlyArray<string> } => {
  const value = body.kind === 'json' ? body.value : undefined
  if (!isRecord(value)) return { code: 'unknown', fields: [] }
  const { error, message, errors } = value
  if (typeof error === 'string') return { code: codeOfReason(error), fields: [] }
  const detail = isRecord(message) ? message : isRecord(errors) ? errors : undefined
  if (detail !== undefined)
    return {
      code: 'invalid-fields',
      fields: Object.keys(detail)
        .filter((key) => FIELD_NAME.test(key))
        .sort(),
    }
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
