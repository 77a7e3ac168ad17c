/**
 * Workspace smoke test: every export of every package, as built by `pnpm build`, loads
 * under ESM `import` and CJS `require` with the same named exports, and the packed
 * tarball's types resolve for both (`attw --pack`). Run after `pnpm build`; `pnpm test`
 * builds first.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const packagesDir = join(root, 'packages')

interface Manifest {
  readonly name: string
  readonly private?: boolean
  readonly exports: Record<string, unknown>
  readonly bin?: Record<string, string>
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
}

const all = readdirSync(packagesDir).map((dir) => {
  const path = join(packagesDir, dir)
  const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as Manifest
  return { dir: path, manifest }
})
/** The published packages; the private ones (the HTTP core, the fake kit, data) are bundled. */
const packages = all.filter((p) => p.manifest.private !== true)
const privateNames = all.filter((p) => p.manifest.private === true).map((p) => p.manifest.name)

/** Loads a specifier from inside the package (self-reference) in a fresh Node process. */
const exportNames = (cwd: string, specifier: string, mode: 'import' | 'require'): string[] => {
  const code =
    mode === 'import'
      ? `import(${JSON.stringify(specifier)}).then((m) => console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default' && k !== 'module.exports').sort())))`
      : `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})).sort()))`
  // Node 20 before 20.19 cannot require() an ES module: the CJS builds must not need to.
  const flags = mode === 'require' ? ['--no-experimental-require-module'] : []
  const out = execFileSync(process.execPath, [...flags, '-e', code], { cwd, encoding: 'utf8' })
  return JSON.parse(out) as string[]
}

describe('built packages', () => {
  it('finds the private packages, bundled and never depended on', () => {
    expect([...privateNames].sort()).toEqual([
      '@primero-interop/cambodia-data',
      '@primero-interop/fake-kit',
      '@primero-interop/http',
    ])
    for (const { dir, manifest } of packages) {
      const needs = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
      for (const name of privateNames) expect(needs, manifest.name).not.toContain(name)
      const built = existsSync(join(dir, 'dist')) ? readdirSync(join(dir, 'dist')) : []
      for (const file of built.filter((f) => /\.(c?js|d\.c?ts)$/.test(f))) {
        const code = readFileSync(join(dir, 'dist', file), 'utf8')
        for (const name of privateNames)
          expect(code, `${manifest.name}/dist/${file}`).not.toMatch(
            new RegExp(`(from|require\\()\\s*["']${name}["']`),
          )
      }
    }
  })

  it('finds the four packages', () => {
    expect(packages.map((p) => p.manifest.name).sort()).toEqual([
      '@primero-interop/mappings',
      '@primero-interop/oscar-client',
      '@primero-interop/primero-client',
      '@primero-interop/sync',
    ])
  })

  for (const { dir, manifest } of packages) {
    const subpaths = Object.keys(manifest.exports).filter((k) => k !== './package.json')
    for (const subpath of subpaths) {
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`
      it(`${specifier} loads as ESM and CJS with the same exports`, () => {
        expect(existsSync(join(dir, 'dist')), `${manifest.name} is not built: run pnpm build`).toBe(
          true,
        )
        const esm = exportNames(dir, specifier, 'import')
        const cjs = exportNames(dir, specifier, 'require')
        expect(esm.length).toBeGreaterThan(0)
        expect(cjs).toEqual(esm)
      })
    }
    for (const [command, file] of Object.entries(manifest.bin ?? {})) {
      it(`${command} (the built bin of ${manifest.name}) runs --help`, () => {
        const out = execFileSync(process.execPath, [join(dir, file), '--help'], {
          encoding: 'utf8',
        })
        expect(out).toContain(`Usage: ${command}`)
      })
    }
    it(`${manifest.name} passes attw --pack`, () => {
      const attw = join(root, 'node_modules', '.bin', 'attw')
      // node16 profile: CJS and ESM under Node's own resolution and bundlers. The legacy
      // `node10` resolution cannot see subpath exports and is not a target.
      execFileSync(attw, ['--pack', dir, '--profile', 'node16', '--format', 'table-flipped'], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      })
    })
  }
})
