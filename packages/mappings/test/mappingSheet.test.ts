import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { cambodia, renderMappingSheet } from '../src/index.js'

const sheetPath = join(import.meta.dirname, '..', '..', '..', 'docs', 'mapping-cambodia.md')

describe('docs/mapping-cambodia.md', () => {
  it('is current: rendered from the cambodia preset, byte for byte', () => {
    const checkedIn = readFileSync(sheetPath, 'utf8')
    const rendered = renderMappingSheet(cambodia)
    if (checkedIn !== rendered) {
      expect.fail(
        'docs/mapping-cambodia.md is out of date: run pnpm --filter @primero-interop/mappings docs',
      )
    }
  })

  it('covers every table of the configuration', () => {
    const sheet = renderMappingSheet(cambodia)
    for (const p of cambodia.provinces) expect(sheet).toContain(`| \`${p.primeroUser}\``)
    for (const a of cambodia.agencies.known) expect(sheet).toContain(`\`agency-${a}-user\``)
    for (const s of cambodia.services.taxonomy) expect(sheet).toContain(`\`${s.primeroSubtype}\``)
    for (const [name, subtype] of Object.entries(cambodia.services.inboundResolutions)) {
      expect(sheet).toMatch(new RegExp(`\\| ${name} .*\\| \`${subtype}\` +\\|`))
    }
    for (const heading of [
      'Flow 0',
      'Flow 1',
      'Flow 2',
      'Services taxonomy',
      'Ambiguous OSCaR names',
      'Provinces',
      'Agencies',
      'Status maps',
      'Risk levels',
      'Placeholders',
      'Consent policy',
      'Issue codes',
      'Differences from the production jobs',
    ]) {
      expect(sheet).toContain(heading)
    }
  })

  it("documents each difference from the production jobs, kept or fixed, in the configuration's words", () => {
    const sheet = renderMappingSheet(cambodia)
    const section = sheet.slice(sheet.indexOf('## Differences from the production jobs'))
    for (const title of [
      'One upsert per service row and NGO',
      'Consent',
      'Province of a referral without a location',
      "OSCaR's status of a case Primero referred",
      "The NGO's worker on the accepted row",
      'Risk levels',
      'Dates',
      'An NGO absent from the agency table',
      'A service row without a service type',
      'A nine-digit location code',
    ]) {
      expect(section).toMatch(
        new RegExp(`^- \\*\\*${title}\\*\\* \\((kept|fixed)[^)]*\\)\\. \\S`, 'm'),
      )
    }
    expect(section).toContain('`very_high` goes out as `high`')
    expect(section).toContain('`agency-<org>-user`')
    const other = { ...cambodia, riskLevels: { ...cambodia.riskLevels, outboundAtLeast: {} } }
    expect(renderMappingSheet(other)).toContain('names no Primero level OSCaR lacks')
  })

  it('is pure: the same configuration renders the same bytes', () => {
    expect(renderMappingSheet(cambodia)).toBe(renderMappingSheet(structuredClone(cambodia)))
  })
})
