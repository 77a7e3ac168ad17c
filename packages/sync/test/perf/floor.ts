/**
 * The floor of issue #14, computed from the scenario's data (never from what the sync
 * read): the requests a run needs at least, with a small constant.
 * - Primero reads: one page per 1,000 changed cases; one referrals read per changed case
 *   with a referral-to-OSCaR row; lookups of the OSCaR children changed since the last run,
 *   `LOOKUPS_PER_SEARCH` children per filtered search at least (`key[]=…`, batched: see
 *   `LOOKUPS_PER_SEARCH`); the cases created with our own id (Primero answers 204), read
 *   back `READ_BACKS_PER_SEARCH` per search at least (by `oscar_number`, batched as the
 *   lookups are); one read per conditional write (pending defaults re-read a case right
 *   before writing it, not to undo a decision made meanwhile).
 * - OSCaR reads: one sign-in, one read, and one more when the run wrote links (OSCaR shows
 *   a child's services only once it carries the Primero id).
 */
import { cambodia } from '@primero-interop/mappings'

export const PAGE = 1_000
/** Requests no scenario can avoid besides those counted. */
export const CONSTANT = 2
/**
 * Children one lookup search answers at least, on average. Each OSCaR flow asks its
 * children's lookups ahead of its workers, 100 at a time (`run.ts`, `eachChanged`), and
 * the client sends as many values per search as fit Primero's 1 KB request line: about
 * 15 uuids or 17 global ids (measured: 13.9 per search over a 200-case first sync). The
 * honest floor, ⌈changed children / 100⌉, is not what Primero's stock nginx lets through.
 * 8 leaves room for the last, partly filled search of each hundred, and a build that
 * asks each lookup only on its child's turn (4.5 per search) exceeds the bound.
 */
export const LOOKUPS_PER_SEARCH = 8

/**
 * Created cases one read-back search answers at least, on average. A read-back is asked
 * when its create's 204 comes back, so a search carries the creates answered during the
 * previous search's round trip: about 7 at concurrency 8 (measured on the 1,000-case first
 * sync; 3 leaves room for a loaded machine). A build reading each created case by id
 * makes one read per create.
 */
export const READ_BACKS_PER_SEARCH = 3

export interface WorldView {
  readonly cases: ReadonlyArray<Record<string, unknown>>
  /** OSCaR children changed since the last run (every one the read shows on a first run). */
  readonly oscarChanged: number
}

export interface Floor {
  readonly changedCases: number
  readonly candidates: number
  /** Lookup searches at most: ⌈changed children / LOOKUPS_PER_SEARCH⌉. */
  readonly lookups: number
  readonly primeroReads: number
  readonly oscarReads: number
}

const inWindow = (c: Record<string, unknown>, since: string, until: string): boolean => {
  const at = Date.parse(String(c['last_updated_at']))
  // Primero compares whole seconds, inclusive at both ends.
  return at >= Math.floor(Date.parse(since) / 1000) * 1000 && at <= Date.parse(until)
}

const hasCandidateRow = (c: Record<string, unknown>): boolean =>
  (Array.isArray(c['services_section']) ? c['services_section'] : []).some(
    (row: Record<string, unknown>) =>
      row['service_response_type'] === cambodia.primero.serviceResponseTypes.referralToOscar,
  )

/**
 * The floor of a run over (`since`, `until`], given the cases the run `created` and its
 * `conditional` writes.
 */
export const floorOf = (
  world: WorldView,
  since: string,
  until: string,
  writes: { readonly created: number; readonly conditional: number },
): Floor => {
  const changed = world.cases.filter(
    (c) => c['record_state'] !== false && inWindow(c, since, until),
  )
  const candidates = changed.filter(hasCandidateRow).length
  const pages = Math.max(1, Math.ceil(changed.length / PAGE))
  const lookups = Math.ceil(world.oscarChanged / LOOKUPS_PER_SEARCH)
  return {
    changedCases: changed.length,
    candidates,
    lookups,
    primeroReads:
      pages +
      candidates +
      lookups +
      Math.ceil(writes.created / READ_BACKS_PER_SEARCH) +
      writes.conditional +
      CONSTANT,
    oscarReads: 1 + 2,
  }
}
