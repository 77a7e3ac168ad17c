import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

import { cambodia, type MappingConfig, parseMappingConfig } from '@primero-interop/mappings'
import { failingPaths } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'

import { between, type ConnectionSettings, OscarEndpoint, PrimeroEndpoint } from '../connect.js'

/**
 * The CLI's config file. Passwords are not in it: they come from the environment
 * (`PRIMERO_PASSWORD`, `OSCAR_PASSWORD`), never from a file in a repo or from argv.
 */
export const CliConfig = t.exact(
  t.intersection([
    t.type({
      primero: t.exact(PrimeroEndpoint),
      oscar: t.exact(OscarEndpoint),
    }),
    t.partial({
      /** `cambodia` (default) or a path to a mapping JSON, relative to the config file. */
      mapping: t.string,
      /** The state file, relative to the config file. Default `.primero-interop/state.json`. */
      state: t.string,
      since: t.string,
      concurrency: between(1, 64),
      overlapMinutes: between(0, 24 * 60),
      maxAttempts: between(1, 100),
    }),
  ]),
  'CliConfig',
)
export type CliConfig = t.TypeOf<typeof CliConfig>

export interface LoadedConfig {
  readonly file: CliConfig
  readonly mapping: MappingConfig
  readonly statePath: string
  /** The file's endpoints with the passwords from the environment: for `connect`. */
  readonly connection: ConnectionSettings
}

/** Reads and checks the config file and the secrets; every error names the field, never a value. */
export const loadConfig = async (
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<E.Either<string, LoadedConfig>> => {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return E.left(`cannot read config file ${path}`)
  const json = E.tryCatch(
    () => JSON.parse(text) as unknown,
    () => `config file ${path} is not JSON`,
  )
  if (E.isLeft(json)) return json
  const decoded = pipe(
    CliConfig.decode(json.right),
    E.mapLeft((errors) => `config file ${path}: ${describeConfigErrors(errors)}`),
  )
  if (E.isLeft(decoded)) return decoded
  const file = decoded.right
  const base = dirname(resolve(path))
  const mapping = await loadMapping(file.mapping ?? 'cambodia', base)
  if (E.isLeft(mapping)) return mapping
  const primeroPassword = env['PRIMERO_PASSWORD']
  const oscarPassword = env['OSCAR_PASSWORD']
  if (!primeroPassword) return E.left('PRIMERO_PASSWORD is not set in the environment')
  if (!oscarPassword) return E.left('OSCAR_PASSWORD is not set in the environment')
  return E.right({
    file,
    mapping: mapping.right,
    statePath: resolve(base, file.state ?? '.primero-interop/state.json'),
    connection: {
      primero: { ...file.primero, password: primeroPassword },
      oscar: { ...file.oscar, password: oscarPassword },
    },
  })
}

const loadMapping = async (
  name: string,
  base: string,
): Promise<E.Either<string, MappingConfig>> => {
  if (name === 'cambodia') return E.right(cambodia)
  const text = await readFile(resolve(base, name), 'utf8').catch(() => undefined)
  if (text === undefined) return E.left(`cannot read mapping file ${name}`)
  const json = E.tryCatch(
    () => JSON.parse(text) as unknown,
    () => `mapping file ${name} is not JSON`,
  )
  if (E.isLeft(json)) return json
  return pipe(
    parseMappingConfig(json.right),
    E.mapLeft((errors) => `mapping file ${name}: ${describeMappingErrors(errors)}`),
  )
}

/** The mapping parser's errors point at JSON paths; keep only those. */
const describeMappingErrors = (errors: unknown): string => {
  const list = Array.isArray(errors) ? errors : [errors]
  return list
    .map((e) =>
      typeof e === 'object' && e !== null && 'path' in e
        ? String((e as { path: unknown }).path)
        : 'invalid',
    )
    .join(', ')
}

/** `path (expected …)` for a setting out of its range, the path alone otherwise; no values. */
const describeConfigErrors = (errors: t.Errors): string => {
  const ranged = new Map<string, string>()
  for (const e of errors) {
    const last = e.context[e.context.length - 1]
    if (last?.type.name.startsWith('a whole number')) {
      const path = e.context
        .map((c) => c.key)
        .filter((k) => k !== '' && !/^\d+$/.test(k))
        .join('.')
      ranged.set(path, last.type.name)
    }
  }
  const others = failingPaths(errors).filter((p) => !ranged.has(p))
  return [
    ...[...ranged].map(([p, expected]) => `${p} must be ${expected}`),
    ...(others.length > 0 ? [`invalid or missing ${others.join(', ')}`] : []),
  ].join('; ')
}
