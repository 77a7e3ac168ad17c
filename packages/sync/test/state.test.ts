import { describe, expect, it } from 'vitest'

import { RunState } from '../src/runState.js'
import { emptyState, pruneState, type SyncState } from '../src/state.js'

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
