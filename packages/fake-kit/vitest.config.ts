import { defineProject } from 'vitest/config'

import { fastCheckSetup, workspaceAliases } from '../../vitest.shared.js'

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'fake-kit',
    include: ['test/**/*.test.ts'],
    // Real HTTP to local fakes: a loaded 2-core machine (CI is one) needs more than 5 s.
    testTimeout: 60_000,
    setupFiles: [fastCheckSetup],
  },
})
