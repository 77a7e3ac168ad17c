// Writes docs/mapping-cambodia.md from the built package (run `pnpm build` first, or use
// the package script `docs`, which builds). A test checks the file is current.
import { writeFileSync } from 'node:fs'
import process from 'node:process'
import { fileURLToPath, URL } from 'node:url'

import { cambodia, renderMappingSheet } from '../dist/index.js'

const target = fileURLToPath(new URL('../../../docs/mapping-cambodia.md', import.meta.url))
writeFileSync(target, renderMappingSheet(cambodia))
process.stdout.write(`wrote ${target}\n`)
