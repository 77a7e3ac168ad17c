/**
 * OSCaR's list of clients carries no timestamps we can filter on, so the day's read shows
 * every child changed that day, every hour. What a flow last processed of each child is
 * remembered as a short fingerprint (a hash of the flow, the configuration and the client
 * record as read): a child read again unchanged, under the same configuration, is skipped.
 * Only fingerprints, never values; a fixed width, a bounded count (see `RunState.seen`).
 */
import { createHash } from 'node:crypto'

import type { MappingConfig } from '@primero-interop/mappings'
import type { OscarClient } from '@primero-interop/oscar-client'

/** Characters per fingerprint: 48 bits, so a false "unchanged" is about one in 10^14. */
export const FINGERPRINT_WIDTH = 8

/** JSON with every object's keys sorted: the same record always gives the same text. */
const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )

const configHashes = new WeakMap<MappingConfig, string>()

/** The configuration's own hash, computed once per configuration object. */
export const configHash = (config: MappingConfig): string => {
  const known = configHashes.get(config)
  if (known !== undefined) return known
  const made = createHash('sha256').update(stable(config)).digest('base64url')
  configHashes.set(config, made)
  return made
}

/** The fingerprint of `client` as `flow` processes it under `config`. */
export const fingerprintOf = (flow: string, config: MappingConfig, client: OscarClient): string =>
  createHash('sha256')
    .update(`${flow}\u0000${configHash(config)}\u0000${stable(client)}`)
    .digest('base64url')
    .slice(0, FINGERPRINT_WIDTH)
