import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      { test: { name: 'workspace', include: ['test/**/*.test.ts'], testTimeout: 120_000 } },
    ],
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: '.ci/out/vitest.json' }]]
      : ['default'],
  },
})
