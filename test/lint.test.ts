/**
 * The package graph is enforced by lint (eslint.config.js): this proves each rule fires
 * on the import it forbids, and stays quiet on the one it allows.
 */
import { join } from 'node:path'

import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const eslint = new ESLint({ cwd: root })

/** The rule ids ESLint reports for `code` as if it were the file at `path`. */
const rulesFired = async (path: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: join(root, path) })
  return (result?.messages ?? []).flatMap((m) => (m.ruleId === null ? [] : [m.ruleId]))
}

describe('the package graph, by lint', () => {
  it('a client never imports the other client', async () => {
    const fired = await rulesFired(
      'packages/primero-client/src/probe.ts',
      "export { createOscarClient } from '@primero-interop/oscar-client'",
    )
    expect(fired).toContain('import-x/no-restricted-paths')
    const back = await rulesFired(
      'packages/oscar-client/src/probe.ts',
      "export { createPrimeroClient } from '@primero-interop/primero-client'",
    )
    expect(back).toContain('import-x/no-restricted-paths')
  })

  it('a client never imports mappings or sync', async () => {
    for (const from of ['@primero-interop/mappings', '@primero-interop/sync']) {
      const fired = await rulesFired(
        'packages/oscar-client/src/probe.ts',
        `export { x } from '${from}'`,
      )
      expect(fired, from).toContain('import-x/no-restricted-paths')
    }
  })

  it("mappings import the clients' types, never their code, and never the sync", async () => {
    const code = await rulesFired(
      'packages/mappings/src/probe.ts',
      "export { createPrimeroClient } from '@primero-interop/primero-client'",
    )
    expect(code).toContain('@typescript-eslint/no-restricted-imports')
    const types = await rulesFired(
      'packages/mappings/src/probe.ts',
      "export type { PrimeroCase } from '@primero-interop/primero-client'",
    )
    expect(types).not.toContain('@typescript-eslint/no-restricted-imports')
    const sync = await rulesFired(
      'packages/mappings/src/probe.ts',
      "export { createSync } from '@primero-interop/sync'",
    )
    expect(sync).toContain('import-x/no-restricted-paths')
  })

  it('hosts live only in sync', async () => {
    const fired = await rulesFired(
      'packages/primero-client/src/probe.ts',
      "export { Command } from 'commander'",
    )
    expect(fired).toContain('no-restricted-imports')
    const inSync = await rulesFired(
      'packages/sync/src/probe.ts',
      "export { Command } from 'commander'",
    )
    expect(inSync).not.toContain('no-restricted-imports')
  })
})
