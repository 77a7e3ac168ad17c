import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { RunState } from '../src/runState.js'
import {
  emptyState,
  joinLedgers,
  pruneState,
  type ReferralEntry,
  type SyncState,
} from '../src/state.js'

const cursor = '2026-03-01T10:00:00.000Z'
const before = '2026-03-01T09:00:00.000Z'
const after = '2026-03-01T10:30:00.000Z'

const state = (patch: Partial<SyncState>): SyncState => ({ ...emptyState(), ...patch })

describe('pruneState', () => {
  it('drops sent referrals created before the cursor and keeps later ones', () => {
    const pruned = pruneState(
      state({
        referrals: {
          old: { status: 'sent', createdAt: before, caseId: 'c1' },
          recent: { status: 'sent', createdAt: after, caseId: 'c2' },
        },
      }),
      cursor,
    )
    expect(Object.keys(pruned.referrals)).toEqual(['recent'])
  })

  it('keeps referrals whose outcome is unknown or whose write-ahead mark is pending', () => {
    const pruned = pruneState(
      state({
        referrals: {
          lost: { status: 'unknown', createdAt: before, caseId: 'c1' },
          crashed: { status: 'sending', createdAt: before, caseId: 'c2' },
        },
      }),
      cursor,
    )
    expect(Object.keys(pruned.referrals).sort()).toEqual(['crashed', 'lost'])
  })

  it('keeps the sent referrals of a case waiting for a retry, so the retry cannot resend them', () => {
    const pruned = pruneState(
      state({
        referrals: { old: { status: 'sent', createdAt: before, caseId: 'c1' } },
        retries: {
          'primero-to-oscar:c1': {
            flow: 'primero-to-oscar',
            id: 'c1',
            attempts: 1,
            next: 0,
            code: 'HttpError',
          },
        },
      }),
      cursor,
    )
    expect(Object.keys(pruned.referrals)).toEqual(['old'])
  })

  it('drops decisions and links sent before the cursor', () => {
    const at = (iso: string) => Date.parse(iso)
    const pruned = pruneState(
      state({
        decisions: {
          '1': { value: 'Accepted', at: at(before) },
          '2': { value: 'Exited', at: at(after) },
        },
        links: { a: { value: 'G1', at: at(before) }, b: { value: 'G2', at: at(after) } },
      }),
      cursor,
    )
    expect(Object.keys(pruned.decisions)).toEqual(['2'])
    expect(Object.keys(pruned.links)).toEqual(['b'])
  })
})

describe('RunState.seen', () => {
  it("keeps every child of a busy day's read: none is looked up again next hour", () => {
    const now = new Date('2026-03-01T10:00:00.000Z')
    const settings = { now, maxAttempts: 5, retryDelayMs: 0 }
    // The first day of the 100,000-case benchmark: about 90,000 OSCaR children.
    const day = Array.from({ length: 100_000 }, (_, i) => i.toString(36).padStart(8, '0'))
    const first = new RunState(emptyState(), settings)
    for (const fingerprint of day) first.markSeen('oscar-to-primero', fingerprint)
    first.keepSeen(['oscar-to-primero'])
    const next = new RunState(first.snapshot(), settings)
    expect(day.filter((f) => !next.seen('oscar-to-primero', f))).toEqual([])
  })
})

/** `record[key] = value` as an own property, even for a key such as `__proto__`. */
const setOwn = <A>(record: Record<string, A>, key: string, value: A): void => {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  })
}

describe('RunState ledgers', () => {
  const settings = { now: new Date(after), maxAttempts: 5, retryDelayMs: 0 }
  const key = fc.constantFrom('a', 'b', 'c', '__proto__', 'x/y@ngo', '7')
  const status = fc.constantFrom('sending', 'sent', 'unknown') as fc.Arbitrary<
    'sending' | 'sent' | 'unknown'
  >
  const op = fc.oneof(
    fc.tuple(fc.constant('refer' as const), key, status),
    fc.tuple(fc.constant('forget' as const), key, status),
    fc.tuple(fc.constant('link' as const), key, fc.string({ maxLength: 4 })),
    fc.tuple(fc.constant('decide' as const), key, fc.string({ maxLength: 4 })),
  )

  it('held packed, they give back every entry as a plain state would, before and after settling', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.dictionary(key, fc.string({ maxLength: 4 })),
        (ops, links) => {
          const saved = state({
            links: Object.fromEntries(
              Object.entries(links).map(([k, v]) => [k, { value: v, at: 1 }]),
            ),
          })
          const model = structuredClone(saved)
          const run = new RunState(saved, settings)
          const at = settings.now.getTime()
          for (const [kind, k, value] of ops) {
            if (kind === 'refer') {
              const entry: ReferralEntry = { status: value, createdAt: before, caseId: `case-${k}` }
              run.setReferral(k, entry)
              setOwn(model.referrals, k, entry)
            } else if (kind === 'forget') {
              run.forgetReferral(k)
              delete model.referrals[k]
            } else if (kind === 'link') {
              run.recordLink(k, value)
              setOwn(model.links, k, { value, at })
            } else {
              run.recordDecision(k, value)
              setOwn(model.decisions, k, { value, at })
            }
          }
          for (const k of ['a', 'b', 'c', '__proto__', 'x/y@ngo', '7']) {
            const own = <A>(r: Record<string, A>) => (Object.hasOwn(r, k) ? r[k] : undefined)
            expect(run.referral(k)).toEqual(own(model.referrals))
            expect(run.sentLink(k)).toEqual(own(model.links)?.value)
            expect(run.sentDecision(k)).toEqual(own(model.decisions)?.value)
          }
          const unsure = Object.entries(model.referrals).filter(([, e]) => e.status !== 'sent')
          expect(new Map(run.unsureReferrals())).toEqual(new Map(unsure))
          // A save while the run goes on sees every entry; a fresh object each time.
          const mid = run.snapshot()
          expect(mid).toEqual(model)
          expect(run.snapshot()).not.toBe(mid)
          // Split for the last save: the ledgers empty in the head, every entry in the source.
          const { head, ledgers } = run.split()
          expect({ ...head, referrals: 1, decisions: 1, links: 1 }).toEqual({
            ...model,
            referrals: 1,
            decisions: 1,
            links: 1,
          })
          expect([head.referrals, head.decisions, head.links]).toEqual([{}, {}, {}])
          expect(joinLedgers(head, ledgers)).toEqual(model)
        },
      ),
      { numRuns: 60, interruptAfterTimeLimit: 4_000 },
    )
  })
})

describe('RunState.split with a cursor', () => {
  const settings = { now: new Date(after), maxAttempts: 5, retryDelayMs: 0 }
  const time = fc.constantFrom(before, cursor, after)
  const referral = fc.record({
    status: fc.constantFrom('sending', 'sent', 'unknown') as fc.Arbitrary<
      'sending' | 'sent' | 'unknown'
    >,
    createdAt: time,
    caseId: fc.constantFrom('c1', 'c2', 'c3'),
  })
  const sent = fc.record({ value: fc.string({ maxLength: 3 }), at: time.map(Date.parse) })

  it('gives back the ledgers as pruneState would prune them', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 3 }), referral),
        fc.dictionary(fc.string({ maxLength: 3 }), sent),
        fc.dictionary(fc.string({ maxLength: 3 }), sent),
        fc.subarray(['c1', 'c2', 'c3']),
        (referrals, decisions, links, retrying) => {
          const saved = state({
            referrals,
            decisions,
            links,
            retries: Object.fromEntries(
              retrying.map((id) => [
                `primero-to-oscar:${id}`,
                { flow: 'primero-to-oscar', id, attempts: 1, next: 0, code: 'x' },
              ]),
            ),
          })
          const want = pruneState(structuredClone(saved), cursor)
          const { head, ledgers } = new RunState(saved, settings).split(cursor)
          expect(joinLedgers(head, ledgers)).toEqual(want)
        },
      ),
      { numRuns: 100, interruptAfterTimeLimit: 4_000 },
    )
  })
})
