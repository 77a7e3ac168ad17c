import * as t from 'io-ts'

import { Day } from './day.js'

/**
 * What the sync remembers between runs. Only ids, codes, counters and timestamps:
 * never a name, a birth date, a phone or a note. Compact by design: it must fit in
 * OpenFn's 50 KB state, so every ledger is pruned to the window the next run can re-read.
 */
export const SCHEMA_VERSION = 1

/** A referral sent to OSCaR: `sending` before the POST, `sent` after, `unknown` when the outcome was lost. */
const ReferralEntry = t.intersection([
  t.type({
    status: t.keyof({ sending: null, sent: null, unknown: null }),
    /** The referral's creation time (ISO): entries older than the cursor can never be re-read. */
    createdAt: t.string,
    /** The Primero record id of its case: kept while that case waits for a retry. */
    caseId: t.string,
  }),
  t.partial({
    /** The Primero referral sent for the row (entries keyed by service row and NGO). */
    referralId: t.string,
    /** When it was sent (epoch ms). */
    at: t.number,
    /** The Primero `case_id` OSCaR files it under (`external_id`), and the NGO. */
    externalId: t.string,
    org: t.string,
  }),
])

export type ReferralEntry = t.TypeOf<typeof ReferralEntry>

/** A value sent to the other system and when (epoch ms): decisions and links. */
const SentEntry = t.type({ value: t.string, at: t.number })
export type SentEntry = t.TypeOf<typeof SentEntry>

/** A record whose processing failed: retried from `next` (epoch ms) until parked. */
export const RetryEntry = t.intersection([
  t.type({ flow: t.string, id: t.string, attempts: t.number, next: t.number, code: t.string }),
  t.partial({
    /** For OSCaR records: the day (YYYY-MM-DD) they changed, which holds the OSCaR cursor. */
    day: Day,
    /** For Primero cases: the start of the window that failed (its referrals stay candidates). */
    since: t.string,
    /**
     * For a case whose referral OSCaR refused (422): the configuration's and the case's
     * version when it was refused. Nothing is sent again until one of them changes.
     */
    fingerprint: t.string,
  }),
])
export type RetryEntry = t.TypeOf<typeof RetryEntry>

/**
 * What an OSCaR read has shown of one child (by `global_id`): the NGOs that hold it and
 * the Primero case it carries. OSCaR gives no other way to know which NGOs hold a child,
 * and sending a `global_id` to an NGO that does not hold it misroutes the referral.
 */
export const Holding = t.intersection([
  t.type({ orgs: t.array(t.string) }),
  t.partial({ caseId: t.string }),
])
export type Holding = t.TypeOf<typeof Holding>

export const SyncState = t.intersection(
  [
    t.type({
      version: t.literal(SCHEMA_VERSION),
      /**
       * Primero's cursor (ISO date-time) belongs to flow 1, the only flow that reads a
       * Primero window. Each OSCaR flow keeps its own day (YYYY-MM-DD), so running the
       * flows one by one (OpenFn's per-flow operations) never skips a day for either.
       */
      cursors: t.partial({ primero: t.string, oscarIds: Day, oscarToPrimero: Day }),
      referrals: t.record(t.string, ReferralEntry),
      decisions: t.record(t.string, SentEntry),
      links: t.record(t.string, SentEntry),
      retries: t.record(t.string, RetryEntry),
      parked: t.record(t.string, RetryEntry),
      /** Primero record ids waiting for the pending-defaults flow when it did not run. */
      pending: t.array(t.string),
    }),
    t.partial({
      /** OSCaR children by `global_id`, as the OSCaR reads have shown them. */
      holdings: t.record(t.string, Holding),
      /**
       * Primero fields that did not stick when written (the role may not write them), as
       * `field` or `subform.field`, with when that was found (epoch ms). Not written, and
       * not counted as a change, until `UNWRITABLE_RECHECK_MS` has passed.
       */
      unwritable: t.record(t.string, t.number),
      /**
       * Per OSCaR flow, the fingerprints (fixed width, concatenated) of the children it
       * processed fully in its last run: read again unchanged, they are skipped.
       */
      seen: t.partial({ oscarIds: t.string, oscarToPrimero: t.string }),
      /**
       * Which save this is (the file store's random id for each save): a write-ahead
       * journal line belongs to the save it follows, and a later save supersedes it.
       */
      generation: t.string,
    }),
  ],
  'SyncState',
)
export type SyncState = t.TypeOf<typeof SyncState>

/**
 * The tables of the state that grow with the cases: a first sync of 100,000 cases leaves
 * tens of thousands of entries in each. A store may read and write them one entry at a
 * time (`StateStore.loadInto`, `saveFrom`), never as one object.
 */
export const LEDGERS = {
  referrals: ReferralEntry,
  decisions: SentEntry,
  links: SentEntry,
  holdings: Holding,
} as const
export type LedgerName = keyof typeof LEDGERS
export type LedgerEntry<L extends LedgerName> = t.TypeOf<(typeof LEDGERS)[L]>

export const isLedgerName = (key: string): key is LedgerName => Object.hasOwn(LEDGERS, key)

/** Each ledger's entries, read one at a time (a ledger not given has none). */
export type LedgerSource = {
  readonly [L in LedgerName]?: Iterable<readonly [string, LedgerEntry<L>]>
}

/** Where a streaming load puts each ledger entry, decoded, as it is read. */
export interface LedgerSink {
  readonly put: <L extends LedgerName>(ledger: L, key: string, entry: LedgerEntry<L>) => void
}

/** `head` with its ledgers filled from `ledgers` (as own properties: an id may be `__proto__`). */
export const joinLedgers = (head: SyncState, ledgers: LedgerSource): SyncState => {
  const whole: Record<string, unknown> = { ...head }
  for (const name of Object.keys(LEDGERS) as LedgerName[]) {
    const entries = ledgers[name]
    if (entries === undefined || whole[name] === undefined) continue
    const table: Record<string, unknown> = { ...(whole[name] as Record<string, unknown>) }
    for (const [key, entry] of entries) ownProperty(table, key, entry)
    whole[name] = table
  }
  return whole as SyncState
}

/** The state as `saveFrom` takes it: its ledgers empty in `head`, their entries in `ledgers`. */
export const splitLedgers = (
  state: SyncState,
): { readonly head: SyncState; readonly ledgers: LedgerSource } => ({
  head: {
    ...state,
    referrals: {},
    decisions: {},
    links: {},
    ...(state.holdings === undefined ? {} : { holdings: {} }),
  },
  ledgers: {
    referrals: Object.entries(state.referrals),
    decisions: Object.entries(state.decisions),
    links: Object.entries(state.links),
    ...(state.holdings === undefined ? {} : { holdings: Object.entries(state.holdings) }),
  },
})

const ownProperty = (table: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(table, key, { value, enumerable: true, writable: true, configurable: true })
}

export const emptyState = (): SyncState => ({
  version: SCHEMA_VERSION,
  cursors: {},
  referrals: {},
  decisions: {},
  links: {},
  retries: {},
  parked: {},
  pending: [],
})

/** The key of a record in the retry and parked tables. */
export const recordKey = (flow: string, id: string): string => `${flow}:${id}`

/**
 * Drops ledger entries the next run cannot need: referrals sent and created before the
 * new Primero cursor (the next read cannot select them) unless their case waits for a
 * retry (which re-reads its referrals from the failed window's start); decisions and
 * links sent before the cursor (an echo of a write comes back in the next window, which
 * starts at the cursor). Referrals whose outcome is unknown stay until reconciled.
 */
export const pruneState = (state: SyncState, primeroCursor: string): SyncState => {
  const keeps = ledgerKeeps(state, primeroCursor)
  const keep = <A>(record: Readonly<Record<string, A>>, live: (a: NoInfer<A>) => boolean) =>
    Object.fromEntries(Object.entries(record).filter(([, a]) => live(a)))
  return {
    ...state,
    referrals: keep(state.referrals, keeps.referral),
    decisions: keep(state.decisions, keeps.sent),
    links: keep(state.links, keeps.sent),
  }
}

/** Which ledger entries `pruneState` keeps (`sent`: decisions and links). */
export interface LedgerKeeps {
  readonly referral: (entry: ReferralEntry) => boolean
  readonly sent: (entry: { readonly at: number }) => boolean
}

/** What `pruneState` keeps of the ledgers of `state`, for a Primero cursor. */
export const ledgerKeeps = (
  state: Pick<SyncState, 'retries'>,
  primeroCursor: string,
): LedgerKeeps => {
  const cursorMs = Date.parse(primeroCursor)
  const retrying = new Set(
    Object.values(state.retries)
      .filter((r) => r.flow === 'primero-to-oscar')
      .map((r) => r.id),
  )
  return {
    referral: (r) =>
      r.status !== 'sent' || !(Date.parse(r.createdAt) < cursorMs) || retrying.has(r.caseId),
    sent: (e) => e.at >= cursorMs,
  }
}
