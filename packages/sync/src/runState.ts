/**
 * The state as one run changes it: the referral ledger, what was sent (decisions, links),
 * retries and parked records, which NGOs hold which child, fields Primero did not store.
 * Flows change the state only through these methods. In a dry run the sync hands them a
 * copy that is never saved, so they need not know it is one.
 */
import type { OscarClient } from '@primero-interop/oscar-client'

import { type Holdings, HoldingsTable } from './holdings.js'
import { Packed, PackedMap } from './packed.js'
import type { FlowName } from './report.js'
import { FingerprintLog, SortedFingerprints } from './seen.js'
import {
  type Holding,
  joinLedgers,
  type LedgerEntry,
  type LedgerKeeps,
  ledgerKeeps,
  type LedgerName,
  LEDGERS,
  type LedgerSink,
  type LedgerSource,
  recordKey,
  type RetryEntry,
  type SentEntry,
  type SyncState,
} from './state.js'
import { UNWRITABLE_RECHECK_MS } from './unwritable.js'

export type ReferralEntry = SyncState['referrals'][string]

/** What a failed record's retry needs: its id, and the day or window to read it again from. */
export interface RetryAt {
  readonly id: string
  readonly day?: string
  readonly since?: string
  /** What must change before the record is sent again (see `RetryEntry.fingerprint`). */
  readonly fingerprint?: string
}

export interface RunStateSettings {
  readonly now: Date
  readonly maxAttempts: number
  readonly retryDelayMs: number
}

/** The OSCaR flows that skip a child read again unchanged, and their key in `state.seen`. */
const SEEN_KEYS = { 'oscar-ids': 'oscarIds', 'oscar-to-primero': 'oscarToPrimero' } as const
export type SeenFlow = keyof typeof SEEN_KEYS

/**
 * Fingerprints kept per flow: those of the last read, which covers the day so far (OSCaR
 * filters by day). A cap below a busy day's changes has the rest looked up again every
 * hour (at 50,000, the 100,000-case benchmark's steady hour made 7,091 reads for 90,000
 * children of the day), so the cap is far above a day's volume (250,000 children: 2 MB
 * a flow); on OpenFn the state then belongs in a Collection (`collection` option).
 */
export const MAX_SEEN = 250_000

/**
 * The ledgers a run adds to most (a first sync of 100,000 cases sends 70,000 referrals
 * and as many links, and learns which NGOs hold 90,000 children), packed in an encrypted
 * temporary file while the run goes on (`PackedMap`, `spill.ts`): as objects, a referral
 * entry and its key took about 500 bytes of memory, packed about 30. A store that streams
 * (`StateStore.loadInto`) puts its entries here as it reads them (this is its sink); the
 * run's end gives them back one at a time (`RunState.split`), for the store to write.
 */
export class PackedLedgers implements LedgerSink {
  readonly referrals = new PackedMap<ReferralEntry>({ spill: true })
  readonly decisions = new PackedMap<SentEntry>({ spill: true })
  readonly links = new PackedMap<SentEntry>({ spill: true })
  /** Which NGOs hold which child; in the state once it was there, or a read showed it. */
  readonly holdings = new HoldingsTable({}, { spill: true })
  /** Keys of the referral entries whose status is not `sent` (`unsureReferrals`). */
  readonly unsure = new Set<string>()
  /** The holdings as loaded, in order: what a run that fails as a whole saves. */
  private readonly loadedHoldings = new Packed<readonly [string, Holding]>({ spill: true })

  put<L extends LedgerName>(ledger: L, key: string, entry: LedgerEntry<L>): void {
    if (ledger === 'referrals') this.setReferral(key, entry as ReferralEntry)
    else if (ledger === 'holdings') this.restoreHolding(key, entry as Holding)
    else (ledger === 'decisions' ? this.decisions : this.links).set(key, entry as SentEntry)
  }

  private restoreHolding(key: string, holding: Holding): void {
    this.holdings.restore(key, holding)
    this.loadedHoldings.add([key, holding])
  }

  setReferral(key: string, entry: ReferralEntry): void {
    this.referrals.set(key, entry)
    if (entry.status === 'sent') this.unsure.delete(key)
    else this.unsure.add(key)
  }

  /** Takes the entries of `state`'s ledgers, and leaves them empty there. */
  absorb(state: SyncState): void {
    for (const ledger of Object.keys(LEDGERS) as LedgerName[])
      for (const [key, entry] of Object.entries(state[ledger] ?? {})) this.put(ledger, key, entry)
    state.referrals = {}
    state.decisions = {}
    state.links = {}
    if (state.holdings !== undefined) state.holdings = {}
  }

  /**
   * Each ledger's entries, read out as they are asked for: those `keeps` keeps, or all;
   * the holdings as they are now, or as they were loaded.
   */
  source(keeps: LedgerKeeps | undefined, holdings: 'now' | 'as loaded'): LedgerSource {
    function* kept<A>(map: PackedMap<A>, keep: ((a: A) => boolean) | undefined) {
      for (const entry of map.entries()) if (keep === undefined || keep(entry[1])) yield entry
    }
    return {
      referrals: kept(this.referrals, keeps?.referral),
      decisions: kept(this.decisions, keeps?.sent),
      links: kept(this.links, keeps?.sent),
      holdings: holdings === 'now' ? this.holdings.entries() : this.loadedHoldings,
    }
  }

  clear(): void {
    this.referrals.clear()
    this.decisions.clear()
    this.links.clear()
    this.holdings.clear()
    this.unsure.clear()
    this.loadedHoldings.release()
  }
}

export class RunState {
  private ledgers: PackedLedgers | undefined
  private readonly seenBefore = new Map<SeenFlow, SortedFingerprints>()
  private readonly seenNow = new Map<SeenFlow, FingerprintLog>()

  /**
   * `state`'s ledgers go into `ledgers` (a streaming load may have filled it already), and
   * are left empty in `state`; `holdings` stays there, empty, if the state had it.
   */
  constructor(
    private readonly state: SyncState,
    private readonly settings: RunStateSettings,
    ledgers: PackedLedgers = new PackedLedgers(),
  ) {
    ledgers.absorb(state)
    this.ledgers = ledgers
  }

  private get now(): number {
    return this.settings.now.getTime()
  }

  /** The state to save, as it is now, its ledgers as plain records (a save during the run). */
  snapshot(): SyncState {
    const { head, ledgers } = this.split()
    return joinLedgers(head, ledgers)
  }

  /**
   * The state to save, in two parts: its small fields, with the ledgers empty (`head`, a
   * copy), and the ledgers' entries, read out of their packed tables as the store writes
   * them (`ledgers`): those `pruneState` keeps for `primeroCursor`, or all. `holdings`:
   * which NGOs hold which child as the reads have shown it (`now`), or as it was loaded
   * (for a run that fails as a whole). The entries are read when the store asks for them,
   * so the run must not change the ledgers between this and the save's end; `release`
   * lets go of them after it.
   */
  split(
    primeroCursor?: string,
    holdings: 'now' | 'as loaded' = 'now',
  ): { readonly head: SyncState; readonly ledgers: LedgerSource } {
    const keeps = primeroCursor === undefined ? undefined : ledgerKeeps(this.state, primeroCursor)
    return { head: { ...this.state }, ledgers: this.packed.source(keeps, holdings) }
  }

  /** Lets go of the ledgers (and their spill files): the run state is done with. */
  release(): void {
    this.ledgers?.clear()
    this.ledgers = undefined
  }

  private get packed(): PackedLedgers {
    if (this.ledgers === undefined) throw new Error('the run state was released')
    return this.ledgers
  }

  // The referral ledger.

  referral(key: string): ReferralEntry | undefined {
    return this.packed.referrals.get(key)
  }

  setReferral(key: string, entry: ReferralEntry): void {
    this.packed.setReferral(key, entry)
  }

  forgetReferral(key: string): void {
    this.packed.referrals.delete(key)
    this.packed.unsure.delete(key)
  }

  /** Every referral whose POST may or may not have reached OSCaR, with its ledger key. */
  unsureReferrals(): ReadonlyArray<readonly [string, ReferralEntry]> {
    return [...this.packed.unsure].flatMap((key) => {
      const entry = this.referral(key)
      return entry === undefined ? [] : [[key, entry] as const]
    })
  }

  // Values sent to OSCaR: decisions and links.

  sentDecision(key: string): string | undefined {
    return this.packed.decisions.get(key)?.value
  }

  recordDecision(key: string, value: string): void {
    this.packed.decisions.set(key, { value, at: this.now })
  }

  sentLink(key: string): string | undefined {
    return this.packed.links.get(key)?.value
  }

  recordLink(key: string, value: string): void {
    this.packed.links.set(key, { value, at: this.now })
  }

  // Retries and parking.

  retry(flow: FlowName, id: string): RetryEntry | undefined {
    const key = recordKey(flow, id)
    return Object.hasOwn(this.state.retries, key) ? this.state.retries[key] : undefined
  }

  isParked(flow: FlowName, id: string): boolean {
    return Object.hasOwn(this.state.parked, recordKey(flow, id))
  }

  /** A failure: the next attempt after an exponential backoff, or parked after the last. */
  scheduleRetry(flow: FlowName, code: string, at: RetryAt): void {
    const key = recordKey(flow, at.id)
    const previous = this.state.retries[key] ?? this.state.parked[key]
    const attempts = (previous?.attempts ?? 0) + 1
    const entry: RetryEntry = {
      flow,
      id: at.id,
      attempts,
      code,
      next: this.now + this.settings.retryDelayMs * 2 ** (attempts - 1),
      ...(at.day === undefined ? {} : { day: at.day }),
      ...(at.since === undefined ? {} : { since: at.since }),
      ...(at.fingerprint === undefined ? {} : { fingerprint: at.fingerprint }),
    }
    delete this.state.retries[key]
    delete this.state.parked[key]
    if (attempts >= this.settings.maxAttempts) this.state.parked[key] = entry
    else this.state.retries[key] = entry
  }

  /** Parked at once: a person must look. `fingerprint`: what must change to try again. */
  park(flow: FlowName, id: string, code: string, fingerprint?: string): void {
    const key = recordKey(flow, id)
    delete this.state.retries[key]
    const attempts = (this.state.parked[key]?.attempts ?? 0) + 1
    this.state.parked[key] = {
      flow,
      id,
      attempts,
      code,
      next: this.now,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    }
  }

  /** The parked entry of a record, if it is parked. */
  parkedEntry(flow: FlowName, id: string): RetryEntry | undefined {
    const key = recordKey(flow, id)
    return Object.hasOwn(this.state.parked, key) ? this.state.parked[key] : undefined
  }

  /** A parked record back in the retry queue, due now (what `retryParked` does). */
  requeue(flow: FlowName, id: string): void {
    const key = recordKey(flow, id)
    const entry = this.state.parked[key]
    if (entry === undefined) return
    delete this.state.parked[key]
    this.state.retries[key] = { ...entry, attempts: 0, next: 0 }
  }

  /** The record went through: its failures are forgotten. */
  clear(flow: FlowName, id: string): void {
    const key = recordKey(flow, id)
    delete this.state.retries[key]
    delete this.state.parked[key]
  }

  dueRetries(flow: FlowName): ReadonlyArray<RetryEntry> {
    return Object.values(this.state.retries).filter((r) => r.flow === flow && r.next <= this.now)
  }

  /**
   * The days OSCaR records of `flow` whose retry is due changed on: the run's read goes
   * back to them (OSCaR cannot read one record by id). A retry not yet due holds nothing.
   */
  dueDays(flow: FlowName): ReadonlyArray<string> {
    return this.dueRetries(flow).flatMap((r) => (r.day === undefined ? [] : [r.day]))
  }

  parked(): ReadonlyArray<{ readonly flow: string; readonly id: string; readonly code: string }> {
    return Object.values(this.state.parked).map(({ flow, id, code }) => ({ flow, id, code }))
  }

  // What each OSCaR flow last processed of each child (`flows/fingerprints.ts`).

  /** Whether `flow` processed a child with this fingerprint, fully, in its last run. */
  seen(flow: SeenFlow, fingerprint: string): boolean {
    let before = this.seenBefore.get(flow)
    if (before === undefined) {
      before = new SortedFingerprints(this.state.seen?.[SEEN_KEYS[flow]] ?? '', fingerprint.length)
      this.seenBefore.set(flow, before)
    }
    return before.has(fingerprint)
  }

  /** `flow` processed a child with this fingerprint fully in this run. */
  markSeen(flow: SeenFlow, fingerprint: string): void {
    const now = this.seenNow.get(flow) ?? new FingerprintLog()
    now.add(fingerprint)
    this.seenNow.set(flow, now)
  }

  /**
   * The fingerprints of this run's read replace the last run's for each flow that ran: a
   * child not read again is not read unless it changes, and then its fingerprint differs.
   */
  keepSeen(flows: Iterable<SeenFlow>): void {
    const seen = { ...this.state.seen }
    for (const flow of flows) seen[SEEN_KEYS[flow]] = this.seenNow.get(flow)?.packed(MAX_SEEN) ?? ''
    this.state.seen = seen
    // Kept in the state now: the run's sets (two entries a child) are not held any longer.
    this.seenBefore.clear()
    this.seenNow.clear()
  }

  // Which NGOs hold which child.

  get holdings(): Holdings {
    return this.packed.holdings
  }

  learnHoldings(clients: Iterable<OscarClient>): void {
    this.packed.holdings.learn(clients)
    // Saved with the state from now on (its entries stay packed).
    this.state.holdings ??= {}
  }

  // Primero fields found unwritable.

  /** Fields found unwritable and not yet due to be tried again. */
  unwritable(): ReadonlySet<string> {
    const since = this.now - UNWRITABLE_RECHECK_MS
    return new Set(
      Object.entries(this.state.unwritable ?? {}).flatMap(([f, at]) => (at > since ? [f] : [])),
    )
  }

  markUnwritable(field: string): void {
    this.state.unwritable = { ...this.state.unwritable, [field]: this.now }
  }

  // Cases waiting for the pending-defaults flow of a later run.

  pendingFromEarlierRuns(): ReadonlyArray<string> {
    return this.state.pending
  }

  setPending(ids: ReadonlyArray<string>): void {
    this.state.pending = [...ids]
  }
}
