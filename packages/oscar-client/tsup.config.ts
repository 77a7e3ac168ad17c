import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.build.json',
  // ky is ESM-only: a CJS `require('ky')` fails on Node 20 before 20.19 (no require(esm)).
  // Bundling it (about 12 KB) makes both builds work on every Node 20.
  noExternal: ['ky'],
  banner: {
    js: '/*! Includes ky (https://github.com/sindresorhus/ky), MIT License, (c) Sindre Sorhus <sindresorhus@gmail.com> (https://sindresorhus.com) */',
  },
})
