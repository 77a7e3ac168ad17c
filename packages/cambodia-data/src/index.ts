/**
 * The Cambodia deployment's data, in one place (`cambodia.json`): the NGOs that take part
 * and the service taxonomy (Primero type and subtype → OSCaR service name). The mappings
 * preset reads it, and so does the fake OSCaR for its default organisations and services,
 * so the two can never drift apart. Private: bundled into each package that reads it.
 */
import data from './cambodia.json' with { type: 'json' }

/** One row of the service taxonomy. */
export interface CambodiaServiceEntry {
  readonly primeroType: string
  readonly primeroSubtype: string
  readonly oscarName: string
}

/** The NGO short names of the Cambodia deployment (OSCaR organisations), in the preset's order. */
export const CAMBODIA_ORGANIZATIONS: ReadonlyArray<string> = Object.freeze([...data.organizations])

/** Primero service type and subtype → OSCaR service name, in the preset's order. */
export const CAMBODIA_SERVICE_TAXONOMY: ReadonlyArray<CambodiaServiceEntry> = Object.freeze(
  data.serviceTaxonomy.map((e) => Object.freeze({ ...e })),
)

/**
 * The OSCaR service names of the taxonomy, each once, in order of first appearance (two
 * names serve two subtypes each). `Not Specified` is not among them: it is no OSCaR service.
 */
export const CAMBODIA_SERVICE_NAMES: ReadonlyArray<string> = Object.freeze([
  ...new Set(data.serviceTaxonomy.map((e) => e.oscarName)),
])
