import { defineProject } from 'vitest/config'

import { workspaceAliases } from '../../vitest.shared.js'

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'mappings',
    include: ['test/**/*.test.ts'],
    // fast-check: at least 1,000 runs per property (see test/setup.ts).
    setupFiles: ['test/setup.ts'],
  },
})
