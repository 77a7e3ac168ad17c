/**
 * An answer's body as a client keeps it: parsed JSON, empty, or only the fact that it was
 * not JSON (its text is never kept: an HTML error page may quote a child).
 */

/**
 * A body as a client keeps it: parsed JSON, or only the fact that it was not JSON.
 * `records` is set when the body was streamed (`AttemptSpec.records`): the sink its array's
 * elements went to, and `value` holds that array empty.
 */
export type Body<S = unknown> =
  | { readonly kind: 'json'; readonly value: unknown; readonly records?: S }
  | { readonly kind: 'not-json' }
  | { readonly kind: 'empty' }

/** `application/json`, `application/…+json` (and the odd `text/json`). */
export const isJsonType = (contentType: string | null): boolean =>
  contentType !== null && /^(application|text)\/([\w.+-]*\+)?json\b/i.test(contentType.trim())

/** A body: empty (nothing but whitespace), JSON when it says so and parses, else not JSON. */
export const readBody = (text: string, contentType: string | null): Body<never> => {
  if (text.trim() === '') return { kind: 'empty' }
  if (!isJsonType(contentType)) return { kind: 'not-json' }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown }
  } catch {
    return { kind: 'not-json' }
  }
}

/** The media type of a `content-type` header, without its parameters (`''` when absent). */
export const mediaType = (contentType: string | null): string =>
  contentType?.split(';')[0]?.trim() ?? ''

/**
 * The chunks of `body` as they arrive. When `signal` aborts, the reader is cancelled and
 * the read rejects with the signal's reason: the signal handed to `fetch` is not enough,
 * since ky wraps it (`AbortSignal.any`) into a `Request` that may be garbage-collected
 * once `fetch` has answered, and its abort then never reaches the body (nodejs/node#55428).
 * A consumer that stops early (malformed JSON) cancels the rest.
 */
export async function* chunksOf(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = body.getReader()
  const cancel = (): void => void reader.cancel(signal.reason).catch(() => undefined)
  signal.addEventListener('abort', cancel, { once: true })
  try {
    for (;;) {
      signal.throwIfAborted()
      const chunk = await reader.read()
      signal.throwIfAborted()
      if (chunk.done) return
      yield chunk.value
    }
  } finally {
    signal.removeEventListener('abort', cancel)
    reader.cancel().catch(() => undefined)
  }
}

/** A whole body as text (UTF-8, a byte order mark dropped: as `Response.text()`), until `signal` aborts. */
export const readText = async (
  body: ReadableStream<Uint8Array> | null,
  signal: AbortSignal,
): Promise<string> => {
  if (body === null) return ''
  const decoder = new TextDecoder()
  let text = ''
  for await (const chunk of chunksOf(body, signal)) text += decoder.decode(chunk, { stream: true })
  return text + decoder.decode()
}
