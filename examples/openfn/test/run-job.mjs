// Runs an OpenFn job module on OpenFn's own runtime, as the worker does: the job is an
// ES module, and its import of the adaptor is resolved by the runtime's linker.
// Usage: node --experimental-vm-modules run-job.mjs <job.js> <input-state.json> <output-state.json>
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import run from '@openfn/runtime'

const [jobPath, inputPath, outputPath] = process.argv.slice(2)
const require = createRequire(import.meta.url)
const syncRoot = dirname(require.resolve('@primero-interop/sync/package.json'))

const silent = {
  log() {},
  info() {},
  debug() {},
  success() {},
  warn() {},
  error() {},
  always() {},
  break() {},
  print() {},
  timer() {},
}
const job = await readFile(jobPath, 'utf8')
const input = JSON.parse(await readFile(inputPath, 'utf8'))
const output = await run(job, input, {
  logger: silent,
  jobLogger: silent,
  linker: {
    modules: {
      // The adaptor's OpenFn entry: a folder whose package.json points at dist/openfn.js.
      '@primero-interop/sync/openfn': { path: join(syncRoot, 'openfn') },
    },
  },
})
await writeFile(outputPath, JSON.stringify(output))
