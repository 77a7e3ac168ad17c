/** Every user error of the issue: one line on stderr, the right exit code, no stack trace. */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { cambodia, MappingConfig } from '@primero-interop/mappings'
import { describe, expect, it } from 'vitest'

import { EXIT, main } from '../src/cli/main.js'
import { capture, expectOneLine, tempDir, writeConfig } from './admin/helpers.js'

const endpoints = {
  primero: { baseUrl: 'http://127.0.0.1:9', username: 'u' },
  oscar: { baseUrl: 'http://127.0.0.1:9', email: 'e' },
}
const env = { PRIMERO_PASSWORD: 'p', OSCAR_PASSWORD: 'o' }

describe('user errors', () => {
  it.each([['yesterday'], ['2026-13-45'], ['2026-02-30'], ['2026-01-01T25:00:00Z']])(
    '--since %s is a usage error (64) in one line',
    async (since) => {
      const config = await writeConfig(endpoints)
      const c = capture(env)
      expect(await main(['sync', '--config', config, '--since', since], c.io)).toBe(EXIT.usage)
      expect(expectOneLine(c.err())).toContain('use a date (2026-01-31)')
    },
  )

  it('a since in the config file that is no date is refused (2) in one line', async () => {
    const config = await writeConfig(endpoints, { since: 'yesterday' })
    const c = capture(env)
    expect(await main(['sync', '--config', config], c.io)).toBe(EXIT.runFailed)
    expect(expectOneLine(c.err())).toContain('since is not a date')
  })

  it('a plain http:// URL to a remote host is refused (2) in one line, naming the key, not the URL', async () => {
    const config = await writeConfig({
      ...endpoints,
      primero: { baseUrl: 'http://primero.example.org', username: 'u' },
    })
    const c = capture(env)
    expect(await main(['sync', '--config', config], c.io)).toBe(EXIT.runFailed)
    const line = expectOneLine(c.err())
    expect(line).toContain('primero.baseUrl uses plain http to a remote host: use https')
    expect(line).not.toContain('primero.example.org')
  })

  it('a URL that is no URL is refused (2) in one line', async () => {
    const config = await writeConfig({ ...endpoints, oscar: { baseUrl: 'oscar', email: 'e' } })
    const c = capture(env)
    expect(await main(['check', '--config', config], c.io)).toBe(EXIT.runFailed)
    expect(expectOneLine(c.err())).toContain('oscar.baseUrl is not an absolute URL')
  })

  it('a bad mapping file names each path with its reason (2), in one line', async () => {
    const dir = await tempDir()
    const json = MappingConfig.encode(cambodia) as Record<string, unknown>
    const provinces = [...cambodia.provinces, { ...cambodia.provinces[0], name: 'again' }]
    await writeFile(join(dir, 'mapping.json'), JSON.stringify({ ...json, provinces }))
    const config = await writeConfig(endpoints, { mapping: 'mapping.json' }, dir)
    const c = capture(env)
    expect(await main(['sync', '--config', config], c.io)).toBe(EXIT.runFailed)
    const line = expectOneLine(c.err())
    expect(line).toContain('provinces[0].code: duplicate province code')
    expect(line).toContain('provinces[25].code: duplicate province code')
  })

  it('unknown config keys are refused (2), named, in one line', async () => {
    const config = await writeConfig(endpoints, {
      overlapMinuts: 5,
      oscar: { ...endpoints.oscar, emial: 'x' },
    })
    const c = capture(env)
    expect(await main(['sync', '--config', config], c.io)).toBe(EXIT.runFailed)
    const line = expectOneLine(c.err())
    expect(line).toContain('unknown key oscar.emial, overlapMinuts')
  })

  it('an unknown key in a mapping file is refused, named', async () => {
    const dir = await tempDir()
    const json = MappingConfig.encode(cambodia) as Record<string, unknown>
    await writeFile(join(dir, 'mapping.json'), JSON.stringify({ ...json, provences: [] }))
    const config = await writeConfig(endpoints, { mapping: 'mapping.json' }, dir)
    const c = capture(env)
    expect(await main(['sync', '--config', config], c.io)).toBe(EXIT.runFailed)
    expect(expectOneLine(c.err())).toContain('provences: unknown key')
  })

  it('a missing config file, a missing required option and an unknown option are one line each', async () => {
    const missing = capture(env)
    expect(await main(['sync', '--config', '/nonexistent/sync.json'], missing.io)).toBe(
      EXIT.runFailed,
    )
    expect(expectOneLine(missing.err())).toContain('cannot read config file')
    const noConfig = capture(env)
    expect(await main(['check'], noConfig.io)).toBe(EXIT.usage)
    expect(expectOneLine(noConfig.err())).toContain("required option '--config <file>'")
    const unknown = capture(env)
    expect(await main(['sync', '--config', 'x', '--sine', '2026-01-01'], unknown.io)).toBe(
      EXIT.usage,
    )
    expect(unknown.err()).toContain("unknown option '--sine'")
  })

  it('a bad --outcome and a missing --referral are usage errors (64)', async () => {
    const c = capture()
    expect(
      await main(['confirm', '--state', 's.json', '--referral', 'r1', '--outcome', 'maybe'], c.io),
    ).toBe(EXIT.usage)
    expect(expectOneLine(c.err())).toContain('--outcome')
    expect(
      await main(['confirm', '--state', 's.json', '--outcome', 'in-oscar'], capture().io),
    ).toBe(EXIT.usage)
  })

  it('every command has --help with examples and exits 0', async () => {
    for (const command of [
      ['sync'],
      ['check'],
      ['reconcile'],
      ['parked'],
      ['retry'],
      ['confirm'],
      ['fakes'],
      ['demo'],
      ['mapping', 'validate'],
      ['mapping', 'export'],
      ['mapping', 'import'],
      ['mapping', 'template'],
    ]) {
      const c = capture()
      expect(await main([...command, '--help'], c.io), command.join(' ')).toBe(EXIT.ok)
      expect(c.out(), command.join(' ')).toContain('Examples:')
    }
  })
})
