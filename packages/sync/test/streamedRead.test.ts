/**
 * Issue #14 (memory): the run takes OSCaR's read through `readClientsInto` when the port
 * has it (each child handed over as it is decoded, held packed), never `readClients`' one
 * array; a retried read's first sink is left behind, so no child is processed twice.
 */
import { cambodia } from '@primero-interop/mappings'
import type { ClientSink } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'

import { createSync, memoryStore } from '../src/index.js'
import type { OscarPort, PrimeroPort } from '../src/ports.js'
import { notCalled, oscarChild } from './stubs.js'

const child = (n: number) => oscarChild({ global_id: `01J${String(n).padStart(23, '0')}` })

describe('the OSCaR read', () => {
  it('streams into a sink per attempt, and each child of the answer is processed once', async () => {
    const answer = Array.from({ length: 1_203 }, (_, i) => child(i))
    let sinks = 0
    const oscar: OscarPort = {
      readClients: notCalled('readClients'),
      readClientsInto: <A>(_window: { readonly since: string }, start: () => ClientSink<A>) =>
        TE.fromTask(async () => {
          // A first attempt cut short: its sink took some children, then was dropped.
          const cut = start()
          for (const c of answer.slice(0, 700)) cut.add(c)
          sinks += 1
          const sink = start()
          for (const c of answer) sink.add(c)
          sinks += 1
          return { clients: sink.done(), rejected: [] }
        }),
      upsertClient: notCalled('upsertClient'),
      updateLinks: notCalled('updateLinks'),
      updateReferralStatuses: notCalled('updateReferralStatuses'),
    }
    const primero = { findCases: () => TE.right([]) } as unknown as PrimeroPort
    const sync = createSync({
      primero,
      oscar,
      config: cambodia,
      store: memoryStore(),
      clock: () => new Date('2026-03-02T10:00:00.000Z'),
    })
    const result = await sync.run({ flows: ['oscar-ids'] })()
    expect(sinks).toBe(2)
    if (E.isLeft(result)) throw new Error(result.left.message)
    expect(result.right.flows['oscar-ids'].read).toBe(answer.length)
  })
})
