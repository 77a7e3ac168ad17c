import type { MappingConfig } from './config/MappingConfig.js'
import { lookup, text } from './util.js'

/**
 * The declared OSCaR status a raw status names: aliases applied (`Accetped` →
 * `Accepted`), case and surrounding spaces ignored. `undefined` when it names none.
 *
 * @example
 * normaliseOscarStatus(' accetped', cambodia) // 'Accepted'
 */
export const normaliseOscarStatus = (
  raw: string | null | undefined,
  config: MappingConfig,
): string | undefined => {
  const s = text(raw)?.trim()
  if (s === undefined) return undefined
  const { oscarStatuses, oscarAliases } = config.statuses
  const exact = oscarStatuses.find((x) => x === s) ?? lookup(oscarAliases, s)
  if (exact !== undefined) return exact
  const lower = s.toLowerCase()
  const status = oscarStatuses.find((x) => x.toLowerCase() === lower)
  if (status !== undefined) return status
  const alias = Object.keys(oscarAliases).find((x) => x.toLowerCase() === lower)
  return alias === undefined ? undefined : lookup(oscarAliases, alias)
}

/** Whether a raw OSCaR status is a decision: present and not the undecided status. */
export const isDecisionStatus = (raw: string | null | undefined, config: MappingConfig): boolean =>
  text(raw) !== undefined && normaliseOscarStatus(raw, config) !== config.statuses.oscarUndecided
