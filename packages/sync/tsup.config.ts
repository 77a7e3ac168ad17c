import { defineConfig } from 'tsup'

const shared = {
  sourcemap: true,
  clean: false, // `pnpm build` empties dist first; two configs must not wipe each other
  target: 'node20',
  tsconfig: 'tsconfig.build.json',
} as const

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      openfn: 'src/openfn/index.ts',
    },
    format: ['esm', 'cjs'],
    // The scenario's seeded random comes from the private fake-kit: bundled, types inlined.
    dts: { resolve: ['@primero-interop/fake-kit'] },
    noExternal: ['@primero-interop/fake-kit'],
  },
  // The command line is an ES module only: it is run, never imported.
  { ...shared, entry: { cli: 'src/cli/bin.ts' }, format: ['esm'], dts: false },
])
