/**
 * The built command line with `--every`: it keeps running between runs (a timer that did
 * not hold the process let it exit with code 13 after the first run) until SIGTERM, and
 * then ends with the last run's code.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { startFakeOscar } from '@primero-interop/oscar-client/testing'
import { startFakePrimero } from '@primero-interop/primero-client/testing'
import { afterEach, expect, it } from 'vitest'

const bin = join(import.meta.dirname, '..', 'dist', 'cli.js')
const servers: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

it('sync --every keeps running until SIGTERM, then exits with the run’s code', async () => {
  expect(existsSync(bin), 'the CLI is not built: run pnpm build').toBe(true)
  const fakePrimero = await startFakePrimero()
  const fakeOscar = await startFakeOscar()
  servers.push(fakePrimero, fakeOscar)
  const dir = await mkdtemp(join(tmpdir(), 'primero-interop-every-'))
  const config = join(dir, 'sync.json')
  await writeFile(
    config,
    JSON.stringify({
      primero: { baseUrl: fakePrimero.url, username: fakePrimero.username },
      oscar: { baseUrl: fakeOscar.url, email: fakeOscar.email },
    }),
  )
  const child = spawn(
    process.execPath,
    [bin, 'sync', '--config', config, '--every', '1h', '--log-level', 'silent'],
    {
      env: {
        PATH: process.env['PATH'] ?? '',
        PRIMERO_PASSWORD: fakePrimero.password,
        OSCAR_PASSWORD: fakeOscar.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      if (out.includes('Run of ')) resolve()
    })
    void exited.then((code) =>
      reject(new Error(`exited with ${String(code)} before the first run ended`)),
    )
  })
  // The first run is done and the process waits for the next: it must still be running.
  const early = await Promise.race([
    exited,
    new Promise<'running'>((r) => setImmediate(() => r('running'))),
  ])
  expect(early).toBe('running')
  child.kill('SIGTERM')
  expect(await exited).toBe(0)
})
