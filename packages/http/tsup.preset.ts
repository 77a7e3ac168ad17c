/**
 * The build both clients share (each `tsup.config.ts` calls it): ESM + CJS for Node 20,
 * with ky, @streamparser/json and the workspace's private packages bundled in, their types inlined into the
 * client's `.d.ts`, so a published client needs nothing of the workspace.
 */
import type { Options } from 'tsup'

/** The private workspace packages a client may bundle. */
const privatePackages = [
  '@primero-interop/http',
  '@primero-interop/fake-kit',
  '@primero-interop/cambodia-data',
]

export const clientBuild = (): Options => ({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: { resolve: privatePackages },
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.build.json',
  // ky is ESM-only: a CJS `require('ky')` fails on Node 20 before 20.19 (no require(esm)).
  // Bundling it (about 12 KB) makes both builds work on every Node 20. @streamparser/json
  // (the streamed body read, `streamBody.ts`) ships both formats but is bundled the same way,
  // so the private core is whole in each client whether or not the client declares it.
  noExternal: ['ky', '@streamparser/json', ...privatePackages],
  banner: {
    js: [
      '/*! Includes ky (https://github.com/sindresorhus/ky), MIT License, (c) Sindre Sorhus <sindresorhus@gmail.com> (https://sindresorhus.com) */',
      '/*! Includes @streamparser/json (https://github.com/juanjoDiaz/streamparser-json), MIT License, (c) 2020 Juanjo Diaz */',
    ].join('\n'),
  },
})
