/**
 * A fake's request log: every request in arrival order (the entry is filled in as the
 * request is answered), and the most that were in flight at once.
 */
import type { IncomingMessage } from 'node:http'

export interface RequestLog<Entry> {
  /** The live log (entries are mutated until answered). */
  readonly entries: Entry[]
  /** Records `entry` and counts it in flight until `done` is called. */
  readonly enter: (entry: Entry) => () => void
  /** The most requests that were in flight at once since the last `clear`. */
  readonly maxInFlight: () => number
  /** Forgets the entries and the high-water mark. */
  readonly clear: () => void
}

export const requestLog = <Entry>(): RequestLog<Entry> => {
  const entries: Entry[] = []
  let inFlight = 0
  let peak = 0
  return {
    entries,
    enter: (entry) => {
      entries.push(entry)
      inFlight += 1
      peak = Math.max(peak, inFlight)
      let open = true
      return () => {
        if (open) inFlight -= 1
        open = false
      }
    },
    maxInFlight: () => peak,
    clear: () => {
      entries.length = 0
      peak = inFlight
    },
  }
}

/** A request's body as text. */
export const readText = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
