#!/usr/bin/env node
// The command's entry, committed so that it exists when a workspace links the bin (before
// `pnpm build` has made dist/cli.js): installing never warns "Failed to create bin".
import('../dist/cli.js').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('primero-interop: not built yet: run `pnpm build` first\n')
    process.exit(2)
  }
  throw e
})
