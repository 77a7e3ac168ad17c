import { defineProject } from 'vitest/config'

import { fastCheckSetup, workspaceAliases } from '../../vitest.shared.js'

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: 'cambodia-data', include: ['test/**/*.test.ts'], setupFiles: [fastCheckSetup] },
})
