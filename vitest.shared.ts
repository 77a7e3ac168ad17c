import { fileURLToPath } from 'node:url'

const src = (path: string): string => fileURLToPath(new URL(`./packages/${path}`, import.meta.url))

/**
 * Tests run against the packages' sources, not their builds, so `vitest` works on a
 * fresh clone without a build. The smoke test checks the builds separately.
 * More specific subpaths first: Vite matches aliases in order.
 */
export const workspaceAliases = [
  {
    find: '@primero-interop/primero-client/testing',
    replacement: src('primero-client/src/testing/index.ts'),
  },
  { find: '@primero-interop/primero-client', replacement: src('primero-client/src/index.ts') },
  {
    find: '@primero-interop/oscar-client/testing',
    replacement: src('oscar-client/src/testing/index.ts'),
  },
  { find: '@primero-interop/oscar-client', replacement: src('oscar-client/src/index.ts') },
  { find: '@primero-interop/mappings', replacement: src('mappings/src/index.ts') },
  { find: '@primero-interop/sync/openfn', replacement: src('sync/src/openfn/index.ts') },
  { find: '@primero-interop/sync/testing', replacement: src('sync/src/testing/index.ts') },
  { find: '@primero-interop/sync', replacement: src('sync/src/index.ts') },
]

/** The fast-check seed policy every package's tests share (see vitest.fast-check.ts). */
export const fastCheckSetup = fileURLToPath(new URL('./vitest.fast-check.ts', import.meta.url))
