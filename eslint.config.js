// @ts-check
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import simpleImportSort from 'eslint-plugin-simple-import-sort'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/coverage/**',
      '**/node_modules/**',
      '.changeset/**',
      // OpenFn job DSL: its operations are globals the OpenFn compiler turns into imports.
      'examples/openfn/expression.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX, 'simple-import-sort': simpleImportSort },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['packages/*/tsconfig.json', 'examples/*/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The package graph (ARCHITECTURE.md): the clients are leaves and never import each
    // other; mappings never imports sync; the private core packages import no package of
    // ours. Hosts (a CLI, OpenFn, the demo) live only in sync.
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './packages/primero-client/src',
              from: ['./packages/oscar-client', './packages/mappings', './packages/sync'],
              message: 'a client is a leaf: it imports no other package of ours',
            },
            {
              target: './packages/oscar-client/src',
              from: ['./packages/primero-client', './packages/mappings', './packages/sync'],
              message: 'a client is a leaf: it imports no other package of ours',
            },
            {
              target: './packages/mappings/src',
              from: ['./packages/sync'],
              message: 'mappings are pure: they never import the sync',
            },
            {
              target: [
                './packages/http/src',
                './packages/fake-kit/src',
                './packages/cambodia-data/src',
              ],
              from: [
                './packages/primero-client',
                './packages/oscar-client',
                './packages/mappings',
                './packages/sync',
              ],
              message: 'a private core package imports no published package of ours',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/mappings/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@primero-interop/primero-client*', '@primero-interop/oscar-client*'],
              allowTypeImports: true,
              message: "mappings use the clients' types only, never their code",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/sync/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['commander', 'cli-progress', 'pino', '@openfn/*'],
              message: 'hosts (a command line, OpenFn, logging setup) live only in sync',
            },
          ],
        },
      ],
    },
  },
  {
    // Examples and scripts are plain Node.js programs.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Library code logs only through the injected logger: child data must never reach a console.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  prettier,
)
