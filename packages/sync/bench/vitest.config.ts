// Runs the benchmark on the sources, without a build (`pnpm bench` runs it on the builds):
//   npx vitest run --config packages/sync/bench/vitest.config.ts
import { defineConfig } from 'vitest/config'

import { workspaceAliases } from '../../../vitest.shared.js'

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['fromSource.bench-run.mjs'],
    testTimeout: 3_600_000,
  },
})
