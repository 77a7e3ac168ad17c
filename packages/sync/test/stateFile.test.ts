/**
 * The file store reads and writes the ledgers one entry at a time (`stateFile.ts`): what
 * it reads back is what `JSON.parse` would have given, entry for entry, and the sync's run
 * never asks it for the whole state as one object.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'

import { emptyState, fileStore, type StateStore, type SyncState } from '../src/index.js'
import { PackedLedgers } from '../src/runState.js'
import type { LedgerName } from '../src/state.js'
import { readStateFile } from '../src/stateFile.js'
import { type Harness, startHarness } from './e2e/harness.js'

const tempPath = async () => join(await mkdtemp(join(tmpdir(), 'primero-interop-file-')), 's.json')

/** Every entry `loadInto` puts, in order. */
const collected = () => {
  const puts: Array<[LedgerName, string, unknown]> = []
  return {
    puts,
    sink: { put: (l: LedgerName, k: string, e: unknown) => void puts.push([l, k, e]) },
  }
}

// Keys an id can be, those a plain object gets wrong included.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', ''))
const time = fc.integer({ min: 0, max: 2 ** 42 })
const iso = time.map((t) => new Date(t).toISOString())
const referral = fc.record(
  {
    status: fc.constantFrom('sending', 'sent', 'unknown') as fc.Arbitrary<
      'sending' | 'sent' | 'unknown'
    >,
    createdAt: iso,
    caseId: fc.string({ maxLength: 6 }),
    referralId: fc.string({ maxLength: 6 }),
    at: time,
  },
  { requiredKeys: ['status', 'createdAt', 'caseId'] },
)
const sent = fc.record({ value: fc.string({ maxLength: 6 }), at: time })
const holding = fc.record(
  { orgs: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), caseId: fc.string() },
  { requiredKeys: ['orgs'] },
)
const table = <A>(value: fc.Arbitrary<A>) =>
  fc.dictionary(key, value, { maxKeys: 8 }) as fc.Arbitrary<Record<string, A>>
const syncState: fc.Arbitrary<SyncState> = fc
  .record({
    referrals: table(referral),
    decisions: table(sent),
    links: table(sent),
    holdings: fc.option(table(holding), { nil: undefined }),
    pending: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
    primero: fc.option(iso, { nil: undefined }),
  })
  .map(({ holdings, primero, ...rest }) => ({
    ...emptyState(),
    ...rest,
    ...(holdings === undefined ? {} : { holdings }),
    cursors: primero === undefined ? {} : { primero },
  }))

describe('fileStore, one entry at a time', () => {
  it('loads back what it saved, key for key (round trip), as JSON.parse reads the file', async () => {
    const path = await tempPath()
    const store = fileStore(path)
    await fc.assert(
      fc.asyncProperty(syncState, async (state) => {
        expect(E.isRight(await store.save(state)())).toBe(true)
        const text = await readFile(path, 'utf8')
        const { generation: _, ...parsed } = JSON.parse(text) as SyncState
        expect(parsed).toEqual(state)
        expect(await store.load()()).toEqual(E.right(state))
        // Streamed: the head's ledgers are empty, and every entry reached the sink.
        const { puts, sink } = collected()
        const head = await store.loadInto!(sink)()
        expect(head).toEqual(
          E.right({
            ...state,
            referrals: {},
            decisions: {},
            links: {},
            ...(state.holdings === undefined ? {} : { holdings: {} }),
          }),
        )
        const want = (['referrals', 'decisions', 'links', 'holdings'] as const).flatMap((l) =>
          Object.entries(state[l] ?? {}).map(([k, e]) => [l, k, e]),
        )
        expect(puts).toEqual(want)
      }),
      { numRuns: 60, interruptAfterTimeLimit: 6_000 },
    )
  })

  it('a key given twice: both reach the sink in order, and load keeps the later, as JSON.parse', async () => {
    const path = await tempPath()
    const later = { value: 'b', at: 2 }
    await writeFile(
      path,
      `{"version":1,"cursors":{},"referrals":{},"decisions":{"k":{"value":"a","at":1},"k":${JSON.stringify(later)}},"links":{},"retries":{},"parked":{},"pending":[]}\n`,
    )
    const { puts, sink } = collected()
    expect(E.isRight(await fileStore(path).loadInto!(sink)())).toBe(true)
    expect(puts.map(([, , e]) => e)).toEqual([{ value: 'a', at: 1 }, later])
    const loaded = await fileStore(path).load()()
    expect(E.isRight(loaded) && loaded.right?.decisions).toEqual({ k: later })
  })

  it('refuses what JSON.parse refuses, and what the schema refuses, naming the ledger, not the id', async () => {
    const path = await tempPath()
    const store = fileStore(path)
    const good = JSON.stringify({ ...emptyState(), links: { 'child-1': { value: 'x', at: 1 } } })
    for (const text of ['', '{', good.slice(0, -3), `${good}}`, `${good} garbage`]) {
      await writeFile(path, text)
      expect(await store.loadInto!(collected().sink)()).toEqual(
        E.left(expect.objectContaining({ code: 'STATE_INVALID' })),
      )
    }
    // A ledger entry the schema refuses; a ledger that is an array.
    await writeFile(path, good.replace('"at":1', '"at":"Sokha"'))
    const bad = await store.loadInto!(collected().sink)()
    expect(bad).toEqual(
      E.left(
        expect.objectContaining({
          code: 'STATE_INVALID',
          message: expect.stringContaining('links.*.at'),
        }),
      ),
    )
    expect(JSON.stringify(bad)).not.toMatch(/Sokha|child-1/)
    await writeFile(path, JSON.stringify({ ...emptyState(), links: [{ value: 'x', at: 1 }] }))
    expect(await store.load()()).toEqual(
      E.left(
        expect.objectContaining({
          code: 'STATE_INVALID',
          message: expect.stringContaining('links'),
        }),
      ),
    )
    // A newer version is refused as such, even when its entries do not match this schema.
    await writeFile(path, JSON.stringify({ ...emptyState(), version: 2, links: { a: { v: 1 } } }))
    expect(await store.load()()).toEqual(
      E.left(expect.objectContaining({ message: expect.stringContaining('newer') })),
    )
  })

  it('hands every ledger entry to the sink and keeps none in the value it gives', async () => {
    const path = await tempPath()
    const many = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, i) => [`k${i}`, { value: 'v', at: i }]),
    )
    await writeFile(path, JSON.stringify({ ...emptyState(), links: many }))
    const keys: string[] = []
    const read = await readStateFile(path, (ledger, k) => void keys.push(`${ledger}.${k}`))
    expect(read).toEqual({ kind: 'json', head: { ...emptyState(), links: {} } })
    expect(keys).toEqual(Object.keys(many).map((k) => `links.${k}`))
    expect(await readStateFile(join(path, '..', 'none.json'), () => undefined)).toEqual({
      kind: 'missing',
    })
  })
})

describe('the sync with a file store', () => {
  it('loads and saves its ledgers entry by entry: never the whole state as one object', async () => {
    const path = await tempPath()
    const inner = fileStore(path)
    const refused = () =>
      TE.left({ _tag: 'SyncError', code: 'STATE_IO', message: 'whole' } as never)
    // `load` and `save` refuse: a run that used them would fail.
    const store: StateStore = { ...inner, load: refused, save: refused }
    const h: Harness = await startHarness({ scenario: { cases: 60, seed: 3 }, sync: { store } })
    try {
      expect(E.isRight(await h.tryRun())).toBe(true)
      const saved = await inner.load()()
      const referrals = E.isRight(saved) ? Object.keys(saved.right?.referrals ?? {}) : []
      expect(referrals.length).toBeGreaterThan(5)
      // The next run reads them back: it sends none of them again.
      const posts = () =>
        h.fakeOscar.requests.filter(
          (r) => r.method === 'POST' && r.path.includes('/clients/upsert'),
        ).length
      const sentBefore = posts()
      expect(E.isRight(await h.tryRun())).toBe(true)
      expect(posts()).toBe(sentBefore)
    } finally {
      await h.close()
    }
  })

  it('a run that fails as a whole saves the holdings as it loaded them', async () => {
    const path = await tempPath()
    const ledgers = new PackedLedgers()
    ledgers.put('holdings', 'g1', { orgs: ['cif'], caseId: 'c1' })
    ledgers.put('holdings', 'g1', { orgs: ['cif', 'holt'], caseId: 'c1' })
    expect([...ledgers.source(undefined, 'as loaded').holdings!]).toEqual([
      ['g1', { orgs: ['cif'], caseId: 'c1' }],
      ['g1', { orgs: ['cif', 'holt'], caseId: 'c1' }],
    ])
    ledgers.holdings.learn([
      { global_id: 'g2', organization_name: 'tlc', external_id: 'c2' } as never,
    ])
    expect([...ledgers.source(undefined, 'now').holdings!].map(([k]) => k).sort()).toEqual([
      'g1',
      'g2',
    ])
    await fileStore(path).saveFrom!(
      { ...emptyState(), holdings: {} },
      ledgers.source(undefined, 'as loaded'),
    )()
    const loaded = await fileStore(path).load()()
    expect(E.isRight(loaded) && loaded.right?.holdings).toEqual({
      g1: { orgs: ['cif', 'holt'], caseId: 'c1' },
    })
    ledgers.clear()
  })
})
