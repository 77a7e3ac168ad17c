#!/usr/bin/env node
import { readFileSync } from 'node:fs'

import { boundHeapGrowth } from '../heap.js'
import { main } from './main.js'

// An hourly batch: the heap grows by half of what is live, not by up to four times.
boundHeapGrowth()

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string }

// A reader that stops early (`primero-interop --help | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw e
  })
}

const stopped = new Promise<void>((resolve) => {
  process.once('SIGINT', resolve)
  process.once('SIGTERM', resolve)
})

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stderr.isTTY === true,
  version,
  stopped,
})
