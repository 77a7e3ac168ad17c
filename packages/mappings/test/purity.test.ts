import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const srcFiles = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, source: readFileSync(join(root, 'src', f), 'utf8') }))

/**
 * Every import and re-export statement of `source`, over as many lines as it takes:
 * whether it is type-only, and its specifier.
 */
/** The private data package (the Cambodia NGO list and taxonomy): bundled, never required. */
const bundledData = '@primero-interop/cambodia-data'

const statements = (source: string) =>
  [...source.matchAll(/^(import|export)\s+(type\s+)?[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map(
    (m) => ({ typeOnly: m[2] !== undefined, specifier: m[3] ?? '', text: m[0] }),
  )

describe('the package at run time', () => {
  it('finds a multi-line import (the test of the tests below)', () => {
    const found = statements("import {\n  a,\n  b,\n} from '@primero-interop/primero-client'\n")
    expect(found).toEqual([
      expect.objectContaining({ typeOnly: false, specifier: '@primero-interop/primero-client' }),
    ])
  })

  it('imports the clients only as types (src)', () => {
    for (const { file, source } of srcFiles) {
      for (const s of statements(source)) {
        if (s.specifier.startsWith('@primero-interop/') && s.specifier !== bundledData)
          expect(s.typeOnly, `${file}: ${s.text}`).toBe(true)
      }
      expect(source, file).not.toMatch(/require\(|import\(\s*'@primero-interop/)
    }
  })

  it('imports only io-ts and fp-ts at run time (src)', () => {
    for (const { file, source } of srcFiles) {
      for (const s of statements(source)) {
        if (!s.typeOnly && s.specifier !== bundledData)
          expect(s.specifier, file).toMatch(/^(\.\.?\/|io-ts$|fp-ts\/lib\/)/)
      }
    }
  })

  it.skipIf(!existsSync(join(root, 'dist', 'index.js')))('the build requires no client', () => {
    for (const built of ['index.js', 'index.cjs']) {
      const code = readFileSync(join(root, 'dist', built), 'utf8')
      expect(code, built).not.toMatch(
        /(from|require\()\s*["']@primero-interop\/(primero-client|oscar-client|cambodia-data)/,
      )
    }
  })

  it('re-exports by name only (no export *)', () => {
    const index = readFileSync(join(root, 'src', 'index.ts'), 'utf8')
    expect(index).not.toMatch(/export \*/)
  })
})
