import type { MappingConfig } from '../config/MappingConfig.js'
import { differencesSection } from './differences.js'
import { flow0, flow1, flow2 } from './flows.js'
import { blocks } from './markdown.js'
import {
  agenciesSection,
  issuesSection,
  provincesSection,
  servicesSection,
  settingsSection,
  statusesSection,
} from './tables.js'
import { type SheetWords, sheetWordsFor } from './words.js'

/**
 * The human-readable mapping sheet of a configuration, in Markdown: every field of every
 * flow in both directions and every table (services, provinces, agencies, statuses, risk
 * levels, placeholders, consent). Pure: the same configuration gives the same bytes.
 * `words` names the deployment's people and older jobs; by default Cambodia's for the
 * `cambodia` configuration and generic ones for any other (see `sheetWordsFor`).
 *
 * @example
 * fs.writeFileSync('docs/mapping-cambodia.md', renderMappingSheet(cambodia))
 */
export const renderMappingSheet = (
  config: MappingConfig,
  words: SheetWords = sheetWordsFor(config),
): string =>
  blocks(
    `# Mapping sheet: ${config.name}`,
    words.productionJobs === undefined
      ? `<!-- Generated from the \`${config.name}\` mapping configuration by \`primero-interop mapping export --format md\`. Do not edit by hand: change the configuration and regenerate. -->`
      : `<!-- Generated from the \`${config.name}\` mapping configuration by \`pnpm --filter @primero-interop/mappings docs\`. Do not edit by hand: change the configuration and regenerate. -->`,
    "How `@primero-interop/mappings` moves children's cases and referrals between Primero and OSCaR for this deployment. Each function named in a heading is exported by the package. Values in `code` come from the configuration. No mapping message ever quotes a name, date of birth, phone or note: only ids, codes and field paths.",
    flow0(config),
    flow1(config, words),
    flow2(config, words),
    servicesSection(config),
    provincesSection(config),
    agenciesSection(config),
    statusesSection(config),
    settingsSection(config),
    words.productionJobs === undefined ? '' : differencesSection(config, words.productionJobs),
    issuesSection(),
  )
