import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.build.json',
  // The Cambodia NGO list and taxonomy: a private workspace package, bundled in.
  noExternal: ['@primero-interop/cambodia-data'],
})
