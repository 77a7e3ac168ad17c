import type { MappingConfig, ServiceTaxonomyEntry } from './config/MappingConfig.js'
import { lookup } from './util.js'

/**
 * The OSCaR name of a Primero subtype when the configuration knows it (taxonomy, then
 * outbound aliases); `undefined` otherwise.
 */
export const knownOscarServiceName = (subtype: string, config: MappingConfig): string | undefined =>
  config.services.taxonomy.find((s) => s.primeroSubtype === subtype)?.oscarName ??
  lookup(config.services.outboundAliases, subtype)

/**
 * The OSCaR name of a Primero service subtype, from the taxonomy and then the outbound
 * aliases; for a subtype neither knows, the unknown fallback
 * `placeholders.unknownServiceName` (`Not Specified`: OSCaR rejects it, and the record
 * mappers report it as `UNKNOWN_SERVICE`).
 *
 * @example
 * toOscarServiceName('family_based_care_kinship', cambodia) // 'Kinship care'
 * toOscarServiceName('juggling', cambodia)                  // 'Not Specified'
 */
export const toOscarServiceName = (subtype: string, config: MappingConfig): string =>
  knownOscarServiceName(subtype, config) ?? config.placeholders.unknownServiceName

/** A Primero service as a `services_section` row states it. */
export interface PrimeroService {
  readonly type: string
  /** `undefined` for a name the taxonomy does not know. */
  readonly subtype: string | undefined
  /** Only for an unknown name: the OSCaR name itself, so nothing is lost. */
  readonly detailsText?: string
}

/** The taxonomy entries an OSCaR name stands for (two for an ambiguous name). */
export const entriesForOscarName = (
  oscarName: string,
  config: MappingConfig,
): ReadonlyArray<ServiceTaxonomyEntry> =>
  config.services.taxonomy.filter((s) => s.oscarName === oscarName)

/**
 * The Primero type/subtype of an OSCaR service name. An ambiguous name (shared by two
 * subtypes) resolves as `services.inboundResolutions` says; an unknown name gives the
 * fallback: type `services.unknownInboundType` (`Other`), no subtype, details text = the
 * name.
 *
 * @example
 * toPrimeroService('Kinship care', cambodia)
 * // { type: 'family_based_care', subtype: 'family_based_care_kinship' }
 * toPrimeroService('Circus school', cambodia)
 * // { type: 'Other', subtype: undefined, detailsText: 'Circus school' }
 */
export const toPrimeroService = (oscarName: string, config: MappingConfig): PrimeroService => {
  const entries = entriesForOscarName(oscarName, config)
  const chosen = lookup(config.services.inboundResolutions, oscarName)
  const entry = entries.length > 1 ? entries.find((s) => s.primeroSubtype === chosen) : entries[0]
  return entry === undefined
    ? { type: config.services.unknownInboundType, subtype: undefined, detailsText: oscarName }
    : { type: entry.primeroType, subtype: entry.primeroSubtype }
}
