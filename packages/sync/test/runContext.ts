/** A bare `RunContext` on stub ports, for tests of one flow step. */
import { cambodia } from '@primero-interop/mappings'
import * as E from 'fp-ts/lib/Either.js'

import { RunContext } from '../src/context.js'
import { silentLogger } from '../src/logger.js'
import type { OscarPort, PrimeroPort } from '../src/ports.js'
import { RunState } from '../src/runState.js'
import { emptyState } from '../src/state.js'

export const notCalled = (name: string) => () => {
  throw new Error(`${name} must not be called`)
}

export const testContext = (ports: {
  readonly primero?: Partial<PrimeroPort>
  readonly oscar?: Partial<OscarPort>
}): RunContext => {
  const now = new Date('2026-03-02T08:00:00.000Z')
  const oscar: OscarPort = {
    readClients: notCalled('readClients'),
    upsertClient: notCalled('upsertClient'),
    updateLinks: notCalled('updateLinks'),
    updateReferralStatuses: notCalled('updateReferralStatuses'),
    ...ports.oscar,
  }
  return new RunContext({
    primero: { ...ports.primero } as PrimeroPort,
    oscar,
    config: cambodia,
    state: new RunState(emptyState(), { now, maxAttempts: 5, retryDelayMs: 60_000 }),
    now,
    settings: { dryRun: false, concurrency: 1, clock: () => now },
    logger: silentLogger,
    writeAhead: () => Promise.resolve(E.right(undefined)),
  })
}
