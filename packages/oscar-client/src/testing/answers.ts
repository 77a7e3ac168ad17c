/** What a route answers: JSON, or OSCaR's HTML error page. */
export type FakeAnswer =
  | { readonly status: number; readonly json: unknown }
  | { readonly status: number; readonly html: string }

export const RECORD_ERROR = 'Record error. Please check OSCaR logs for details.'
export const RECORD_SAVED = 'Record saved.'

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * OSCaR's error page. Like a Rails debug page it may quote the request's parameters,
 * child data included: a client must never echo it.
 */
export const errorPage = (status: number, params?: unknown): FakeAnswer => ({
  status,
  html: `<!DOCTYPE html><html><head><title>We're sorry, but something went wrong (${status})</title></head><body><h1>We're sorry, but something went wrong.</h1>${
    params === undefined
      ? ''
      : `<h2>Parameters</h2><pre>${escapeHtml(JSON.stringify(params))}</pre>`
  }</body></html>`,
})

export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** Ruby's `present?` for a string: not nil, not only whitespace. */
export const present = (u: unknown): u is string => typeof u === 'string' && u.trim() !== ''

export const text = (u: unknown): string => (typeof u === 'string' ? u : '')
