import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { type CliIo } from '../../src/cli/main.js'

/** A CLI io that keeps what was written; never a TTY. */
export const capture = (env: Record<string, string> = {}) => {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env,
    isTTY: false,
    version: '0.0.0-test',
  }
  return { io, out: () => out.join(''), err: () => err.join('') }
}

export const tempDir = () => mkdtemp(join(tmpdir(), 'primero-interop-admin-'))

/** Writes `sync.json` for two servers into a new folder; returns its path. */
export const writeConfig = async (
  endpoints: {
    readonly primero: { readonly baseUrl: string; readonly username: string }
    readonly oscar: { readonly baseUrl: string; readonly email: string }
  },
  extra: Record<string, unknown> = {},
  dir?: string,
): Promise<string> => {
  const folder = dir ?? (await tempDir())
  const path = join(folder, 'sync.json')
  await writeFile(path, JSON.stringify({ ...endpoints, state: 'state.json', ...extra }))
  return path
}

/** A user error's output: one line, naming what is wrong, and no stack trace. */
export const expectOneLine = (text: string): string => {
  const lines = text.trimEnd().split('\n')
  if (lines.length !== 1 || /\n\s+at /.test(text))
    throw new Error(`expected one line, got:\n${text}`)
  return lines[0] ?? ''
}
