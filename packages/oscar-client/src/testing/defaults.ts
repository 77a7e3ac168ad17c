import { createHash } from 'node:crypto'

/**
 * The Cambodia deployment's NGO short names (the fake's default organisations) and the
 * preset's OSCaR service names (its default taxonomy: an upsert's service must match one
 * exactly; `Not Specified` is not an OSCaR service). One source with the mappings preset:
 * the private `@primero-interop/cambodia-data`, bundled into this build.
 */
export { CAMBODIA_ORGANIZATIONS, CAMBODIA_SERVICE_NAMES } from '@primero-interop/cambodia-data'

/** A service of the fake's taxonomy: OSCaR's uuid is the same for every child. */
export interface FakeService {
  readonly name: string
  readonly uuid: string
}

/**
 * A fixed uuid for a service name (name-based, version 5 layout), so the taxonomy's ids
 * are the same in every run.
 *
 * @example
 * serviceUuid('Kinship care') === serviceUuid('Kinship care') // true
 */
export const serviceUuid = (name: string): string => {
  const hex = createHash('sha1').update(`oscar-fake-service:${name}`).digest('hex')
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`
}

export const taxonomyOf = (
  services: ReadonlyArray<string | FakeService>,
): ReadonlyArray<FakeService> =>
  services.map((s) => (typeof s === 'string' ? { name: s, uuid: serviceUuid(s) } : s))

/** One week, as devise_token_auth's default token lifespan. */
export const DEFAULT_TOKEN_TTL_SECONDS = 7 * 24 * 3600
