import { defineProject } from 'vitest/config'

import { fastCheckSetup, workspaceAliases } from '../../vitest.shared.js'

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'mappings',
    include: ['test/**/*.test.ts'],
    // fast-check: at least 1,000 runs per property (test/setup.ts), then the seed policy.
    setupFiles: ['test/setup.ts', fastCheckSetup],
  },
})
