/**
 * `primero-interop fakes`: both fakes on 127.0.0.1, seeded, with what it takes to point
 * every command at them: a config file, and the passwords as environment variables. The
 * passwords are the fakes' throwaway ones.
 */
import { cambodia, type MappingConfig } from '@primero-interop/mappings'
import { type FakeOscar, startFakeOscar } from '@primero-interop/oscar-client/testing'
import { type FakePrimero, startFakePrimero } from '@primero-interop/primero-client/testing'

import { seedCambodiaScenario } from '../testing/scenario.js'
import { primeroDirectoryFor, seedMappingScenario } from './fakeWorld.js'

export interface DemoFakesOptions {
  /** The mapping the fakes are made for. Default `cambodia` (and its demo scenario). */
  readonly mapping?: MappingConfig
  /** How many cases to seed (Cambodia: at least 10; another mapping: one per NGO at most). */
  readonly cases?: number
  readonly seed?: number
}

export interface DemoFakes {
  readonly primero: FakePrimero
  readonly oscar: FakeOscar
  /** Where a first sync should start (before everything seeded). */
  readonly since: string
  /** The config file's endpoints (no passwords). */
  readonly endpoints: {
    readonly primero: { readonly baseUrl: string; readonly username: string }
    readonly oscar: { readonly baseUrl: string; readonly email: string }
  }
  /** `PRIMERO_PASSWORD` and `OSCAR_PASSWORD` for the fakes. */
  readonly env: { readonly PRIMERO_PASSWORD: string; readonly OSCAR_PASSWORD: string }
  readonly close: () => Promise<void>
}

/**
 * Starts a fake Primero that knows the mapping's users, agencies and lookups, and a fake
 * OSCaR with its NGOs and service names, and seeds a scenario.
 *
 * @example
 * const fakes = await startDemoFakes()
 * // … primero-interop check / sync / reconcile against fakes.endpoints with fakes.env
 * await fakes.close()
 */
export const startDemoFakes = async (options: DemoFakesOptions = {}): Promise<DemoFakes> => {
  const mapping = options.mapping ?? cambodia
  const isCambodia = mapping === cambodia
  const primero = await startFakePrimero({
    ...primeroDirectoryFor(mapping),
    ...(isCambodia ? {} : { writableFields: 'all' as const }),
  })
  const oscar = await startFakeOscar(
    isCambodia
      ? {}
      : {
          organizations: mapping.agencies.known,
          services: [...new Set(mapping.services.taxonomy.map((s) => s.oscarName))],
        },
  )
  const fakes = { primero, oscar }
  const since = isCambodia
    ? seedCambodiaScenario(fakes, {
        ...(options.cases === undefined ? {} : { cases: options.cases }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      }).since
    : seedMappingScenario(
        fakes,
        mapping,
        options.cases === undefined ? {} : { cases: options.cases },
      ).since
  return {
    primero,
    oscar,
    since,
    endpoints: {
      primero: { baseUrl: primero.url, username: primero.username },
      oscar: { baseUrl: oscar.url, email: oscar.email },
    },
    env: { PRIMERO_PASSWORD: primero.password, OSCAR_PASSWORD: oscar.password },
    close: async () => {
      await Promise.all([primero.close(), oscar.close()])
    },
  }
}
