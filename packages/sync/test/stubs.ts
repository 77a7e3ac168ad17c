/** Stub ports and records for tests that need no fake server: a bare `RunContext`, an OSCaR child. */
import { cambodia } from '@primero-interop/mappings'
import type { OscarClient } from '@primero-interop/oscar-client'
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

/** An OSCaR child with the fields the flows need, `fields` over them. */
export const oscarChild = (fields: Record<string, unknown> = {}) =>
  ({
    global_id: '01J00000000000000000000001',
    organization_name: 'cif',
    given_name: 'Test',
    family_name: 'Child',
    gender: 'female',
    date_of_birth: '2015-04-02',
    services: [],
    ...fields,
  }) as unknown as OscarClient
