/** ARCHITECTURE.md and RELIABILITY.md stay true: every file they point to exists. */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const text = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8')
const links = [...text.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1] ?? '')

describe('ARCHITECTURE.md', () => {
  it('points at files, and each one exists', () => {
    expect(links.length).toBeGreaterThan(20)
    for (const link of links) expect(existsSync(join(root, link)), link).toBe(true)
  })

  it('names where the retry policy, the province rule and the state format live', () => {
    expect(text).toMatch(/retried[^\n]*packages\/http\/src\/retry\.ts/)
    expect(text).toMatch(/province rule[^\n]*packages\/mappings\/src\/location\.ts/)
    expect(text).toMatch(/state format[^\n]*packages\/sync\/src\/state\.ts/)
  })
})

describe('RELIABILITY.md', () => {
  it('points at test files that exist', () => {
    const doc = readFileSync(join(root, 'RELIABILITY.md'), 'utf8')
    const targets = [...doc.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1] ?? '')
    expect(targets.length).toBeGreaterThan(10)
    for (const target of targets) {
      expect(existsSync(join(root, target)), target).toBe(true)
    }
  })
})

describe('the packages’ READMEs (as npm shows them)', () => {
  const repo = 'https://github.com/primero-interop/primero-interop/'
  const readmes = ['mappings', 'oscar-client', 'primero-client', 'sync'].map((p) =>
    join('packages', p, 'README.md'),
  )

  it('link out of their package by absolute URL only, each to a path of this repository', () => {
    for (const readme of readmes) {
      const doc = readFileSync(join(root, readme), 'utf8')
      const targets = [...doc.matchAll(/\]\(([^)\s#]+)[^)]*\)/g)].map((m) => m[1] ?? '')
      for (const target of targets) {
        expect(target.startsWith('../'), `${readme}: ${target}`).toBe(false)
        if (!target.startsWith(repo)) continue
        const path = target.slice(repo.length).replace(/^(tree|blob)\/main\//, '')
        expect(existsSync(join(root, path)), `${readme}: ${target}`).toBe(true)
      }
    }
  })
})
