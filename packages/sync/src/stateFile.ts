/**
 * The state file, read and written one ledger entry at a time. After a first sync of
 * 100,000 cases the file is about 15 MB: `JSON.parse` made it into some 150 MiB of objects
 * before the run could pack them, and `JSON.stringify` made the whole text again at the
 * end. Here the ledgers' entries go to a sink as they are parsed, and out of their packed
 * tables as they are written; only the rest of the state (retries, cursors) is one value.
 * The parsing is `@streamparser/json`'s (the same as the HTTP core's streamed answers).
 */
import { createReadStream } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'

import { JSONParser } from '@streamparser/json'

import { isLedgerName, type LedgerName, type LedgerSource } from './state.js'

/** What reading the file found: its value without the ledgers' entries, or why none. */
export type StateFileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-json' }
  | { readonly kind: 'json'; readonly head: unknown }

/** Bytes read, and written, at a time. */
const CHUNK = 1 << 16

/** Whether an I/O error says the file is not there. */
export const isMissing = (e: unknown): boolean => (e as { code?: string }).code === 'ENOENT'

/**
 * Reads the JSON file at `path`, each entry of a top-level ledger object (`referrals`,
 * `decisions`, `links`, `holdings`) handed to `put` as it is parsed, unchecked, and taken
 * out of the tree. The value returned keeps those objects, empty; a ledger that is not an
 * object is left as it came (the schema then refuses it). Entries of a key given twice
 * reach `put` twice, in the file's order. Malformed JSON, trailing garbage included, is
 * `not-json`; an I/O error rejects.
 */
export const readStateFile = async (
  path: string,
  put: (ledger: LedgerName, key: string, value: unknown) => void,
): Promise<StateFileRead> => {
  const parser = new JSONParser({
    paths: ['$', '$.referrals.*', '$.decisions.*', '$.links.*', '$.holdings.*'],
    keepStack: true,
  })
  let head: { readonly value: unknown } | undefined
  parser.onValue = ({ value, key, parent, stack }) => {
    if (stack.length === 0) {
      head = { value }
      return
    }
    const ledger = stack[1]?.key
    if (typeof key !== 'string' || Array.isArray(parent) || typeof ledger !== 'string') return
    if (!isLedgerName(ledger)) return
    // Taken from the parser's arguments, not the parent: an id such as `__proto__` is a key.
    put(ledger, key, value)
    delete (parent as Record<string, unknown>)[key]
  }
  const stream = createReadStream(path, { highWaterMark: CHUNK })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) parser.write(chunk)
    if (!parser.isEnded) parser.end()
  } catch (e) {
    stream.destroy()
    if (isMissing(e)) return { kind: 'missing' }
    // The parser's own errors carry no code; a read's carry one.
    if ((e as { code?: unknown }).code !== undefined) throw e
    return { kind: 'not-json' }
  }
  return head === undefined ? { kind: 'not-json' } : { kind: 'json', head: head.value }
}

/**
 * Writes `head` as one JSON object, then a newline, to `handle`: each key in its order, a
 * ledger key's entries taken from `ledgers` one at a time (its own, when `ledgers` has none
 * for it). The text goes out in chunks of about 64 KiB; it is never whole in memory.
 */
export const writeStateFile = async (
  handle: FileHandle,
  head: Readonly<Record<string, unknown>>,
  ledgers: LedgerSource,
): Promise<void> => {
  let parts: string[] = []
  let size = 0
  const flush = async (): Promise<void> => {
    const text = parts.join('')
    parts = []
    size = 0
    await handle.write(text)
  }
  const add = async (text: string): Promise<void> => {
    parts.push(text)
    size += text.length
    if (size >= CHUNK) await flush()
  }
  let first = true
  await add('{')
  for (const [key, value] of Object.entries(head)) {
    if (value === undefined) continue
    await add(`${first ? '' : ','}${JSON.stringify(key)}:`)
    first = false
    const entries = isLedgerName(key) ? ledgers[key] : undefined
    if (entries === undefined) {
      await add(JSON.stringify(value))
      continue
    }
    let firstEntry = true
    await add('{')
    for (const [id, entry] of entries) {
      await add(`${firstEntry ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(entry)}`)
      firstEntry = false
    }
    await add('}')
  }
  await add('}\n')
  await flush()
}
