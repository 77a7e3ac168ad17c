import type { MappingConfig, ServiceTaxonomyEntry } from './config/MappingConfig.js'
import { lookup } from './util.js'

/**
 * The OSCaR name of a Primero service subtype, from the taxonomy and then the outbound
 * aliases; `undefined` when neither knows it (the caller sends the configured
 * `placeholders.unknownServiceName` and reports it).
 *
 * @example
 * toOscarServiceName('family_based_care_kinship', cambodia) // 'Kinship care'
 */
export const toOscarServiceName = (subtype: string, config: MappingConfig): string | undefined =>
  config.services.taxonomy.find((s) => s.primeroSubtype === subtype)?.oscarName ??
  lookup(config.services.outboundAliases, subtype)

/** A Primero service as a `services_section` row states it. */
export interface PrimeroService {
  readonly type: string
  /** `undefined` for a name the taxonomy does not know. */
  readonly subtype: string | undefined
  /** Set for an unknown name: the OSCaR name itself, so nothing is lost. */
  readonly detailsText?: string
  /** Whether the taxonomy knows the name. */
  readonly known: boolean
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
 * fallback: type `services.unknownInboundType`, details text = the name.
 *
 * @example
 * toPrimeroService('Kinship care', cambodia)
 * // { type: 'family_based_care', subtype: 'family_based_care_kinship', known: true }
 * toPrimeroService('Circus school', cambodia)
 * // { type: 'Other', subtype: undefined, detailsText: 'Circus school', known: false }
 */
export const toPrimeroService = (oscarName: string, config: MappingConfig): PrimeroService => {
  const entries = entriesForOscarName(oscarName, config)
  const chosen = lookup(config.services.inboundResolutions, oscarName)
  const entry = entries.length > 1 ? entries.find((s) => s.primeroSubtype === chosen) : entries[0]
  return entry === undefined
    ? {
        type: config.services.unknownInboundType,
        subtype: undefined,
        detailsText: oscarName,
        known: false,
      }
    : { type: entry.primeroType, subtype: entry.primeroSubtype, known: true }
}
