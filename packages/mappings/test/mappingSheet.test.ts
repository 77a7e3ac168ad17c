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
    ]) {
      expect(sheet).toContain(heading)
    }
  })

  it('is pure: the same configuration renders the same bytes', () => {
    expect(renderMappingSheet(cambodia)).toBe(renderMappingSheet(structuredClone(cambodia)))
  })
})
