import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const srcFiles = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, source: readFileSync(join(root, 'src', f), 'utf8') }))

describe('the package at run time', () => {
  it('imports the clients only as types (src)', () => {
    for (const { file, source } of srcFiles) {
      const clientImports = source.match(/^import .*from '@primero-interop\/[^']+'/gm) ?? []
      for (const line of clientImports) expect(line, file).toMatch(/^import type /)
      expect(source, file).not.toMatch(/require\(|import\(\s*'@primero-interop/)
    }
  })

  it('imports only io-ts and fp-ts at run time (src)', () => {
    for (const { file, source } of srcFiles) {
      const valueImports = (source.match(/^import (?!type ).*from '([^']+)'/gm) ?? []).map(
        (l) => /from '([^']+)'/.exec(l)?.[1] ?? '',
      )
      for (const specifier of valueImports) {
        expect(specifier, file).toMatch(/^(\.\.?\/|io-ts$|fp-ts\/lib\/)/)
      }
    }
  })

  it.skipIf(!existsSync(join(root, 'dist', 'index.js')))('the build requires no client', () => {
    for (const built of ['index.js', 'index.cjs']) {
      const code = readFileSync(join(root, 'dist', built), 'utf8')
      expect(code, built).not.toMatch(
        /(from|require\()\s*["']@primero-interop\/(primero|oscar)-client/,
      )
    }
  })

  it('re-exports by name only (no export *)', () => {
    const index = readFileSync(join(root, 'src', 'index.ts'), 'utf8')
    expect(index).not.toMatch(/export \*/)
  })
})
