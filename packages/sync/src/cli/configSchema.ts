import type { JsonSchema } from '@primero-interop/mappings'

const str = (title: string, description: string): JsonSchema => ({
  type: 'string',
  title,
  description,
})

const endpoint = (
  title: string,
  user: [string, JsonSchema],
  maxConcurrency: number,
  extra: Readonly<Record<string, JsonSchema>> = {},
): JsonSchema => ({
  type: 'object',
  title,
  description: `Where ${title} is and who signs in; the password comes from the environment.`,
  required: ['baseUrl', user[0]],
  additionalProperties: false,
  properties: {
    baseUrl: str('Base URL', 'The root URL, https (plain http only to 127.0.0.1).'),
    [user[0]]: user[1],
    ...extra,
    timeoutMs: { title: 'Timeout', description: 'Per-request time limit (ms), 1000 to 600000.' },
    allowInsecureHttp: {
      type: 'boolean',
      title: 'Allow plain http',
      description: 'Only for a test server.',
    },
    concurrency: {
      title: 'Requests in flight',
      description: `To ${title} at once, 1 to ${maxConcurrency}; default: the sync's concurrency (16).`,
    },
  },
})

/**
 * The JSON Schema of the CLI's config file (`sync.json`): keys and their meaning. The
 * CLI refuses a key it does not list, so a misspelt setting never silently does nothing.
 * (Numbers carry no `type` here: the io-ts codec is the authority on values.)
 */
export const cliConfigSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'primero-interop config file',
  description: 'What `primero-interop sync`, `check` and `reconcile` read (no passwords).',
  required: ['primero', 'oscar'],
  additionalProperties: false,
  properties: {
    $schema: str('Schema', 'This schema’s address, for editors.'),
    primero: endpoint('Primero', ['username', str('User name', 'The integration user.')], 20, {
      auth: {
        type: 'string',
        title: 'Sign-in',
        description: '`basic` (default) or `token`.',
        enum: ['basic', 'token'],
      },
    }),
    oscar: endpoint('OSCaR', ['email', str('Email', 'The OSCaR API user’s email.')], 32),
    mapping: str('Mapping', '`cambodia` or a mapping JSON file, relative to this file.'),
    state: str('State file', 'Relative to this file; default `.primero-interop/state.json`.'),
    since: str('Since', 'Where a state without cursors starts: a date or ISO date-time.'),
    concurrency: {
      title: 'Concurrency',
      description: 'Records in parallel, 1 to 64 (default 16).',
    },
    overlapMinutes: { title: 'Overlap', description: 'Minutes, 0 to 1440.' },
    maxAttempts: { title: 'Attempts', description: 'Before a record is parked, 1 to 100.' },
  },
}
