import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

import {
  cambodia,
  type MappingConfig,
  parseMappingConfig,
  unknownKeys,
} from '@primero-interop/mappings'
import { failingPaths } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'

import { between, type ConnectionSettings, OscarEndpoint, PrimeroEndpoint } from '../connect.js'
import { cliConfigSchema } from './configSchema.js'
import { isIsoDateOrDateTime, SINCE_HINT } from './options.js'

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

/** The config file read and checked, without the secrets: enough for the state commands. */
export interface LoadedFile {
  readonly file: CliConfig
  readonly mapping: MappingConfig
  readonly statePath: string
}

export interface LoadedConfig extends LoadedFile {
  /** The file's endpoints with the passwords from the environment: for `connect`. */
  readonly connection: ConnectionSettings
}

type Env = Readonly<Record<string, string | undefined>>

const readJson = async (path: string, what: string): Promise<E.Either<string, unknown>> => {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return E.left(`cannot read ${what} ${path}`)
  return E.tryCatch(
    () => JSON.parse(text) as unknown,
    () => `${what} ${path} is not JSON`,
  )
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** Why a system's `baseUrl` cannot be used, or `undefined`; never quotes the URL. */
const urlProblem = (
  key: 'primero' | 'oscar',
  endpoint: { readonly baseUrl: string; readonly allowInsecureHttp?: boolean },
): string | undefined => {
  const url = E.tryCatch(
    () => new URL(endpoint.baseUrl),
    () => undefined,
  )
  if (E.isLeft(url)) return `${key}.baseUrl is not an absolute URL (https://…)`
  const { protocol, hostname } = url.right
  if (protocol !== 'https:' && protocol !== 'http:') return `${key}.baseUrl must use https`
  if (protocol === 'http:' && !LOOPBACK.has(hostname) && endpoint.allowInsecureHttp !== true)
    return `${key}.baseUrl uses plain http to a remote host: use https (or set ${key}.allowInsecureHttp: true for a test server)`
  return undefined
}

/** Reads and checks the config file and its mapping; every error names the field, never a value. */
export const loadConfigFile = async (path: string): Promise<E.Either<string, LoadedFile>> => {
  const json = await readJson(path, 'config file')
  if (E.isLeft(json)) return json
  const unknown = unknownKeys(json.right, cliConfigSchema)
  if (unknown.length > 0)
    return E.left(
      `config file ${path}: unknown key ${unknown.join(', ')} (see primero-interop sync --help)`,
    )
  const decoded = pipe(
    CliConfig.decode(json.right),
    E.mapLeft((errors) => `config file ${path}: ${describeConfigErrors(errors)}`),
  )
  if (E.isLeft(decoded)) return decoded
  const file = decoded.right
  const problem = urlProblem('primero', file.primero) ?? urlProblem('oscar', file.oscar)
  if (problem !== undefined) return E.left(`config file ${path}: ${problem}`)
  if (file.since !== undefined && !isIsoDateOrDateTime(file.since))
    return E.left(`config file ${path}: since is not a date: ${SINCE_HINT}`)
  const base = dirname(resolve(path))
  const mapping = await loadMapping(file.mapping ?? 'cambodia', base)
  if (E.isLeft(mapping)) return mapping
  return E.right({
    file,
    mapping: mapping.right,
    statePath: resolve(base, file.state ?? '.primero-interop/state.json'),
  })
}

/** The config file and the passwords from the environment. */
export const loadConfig = async (
  path: string,
  env: Env,
): Promise<E.Either<string, LoadedConfig>> => {
  const loaded = await loadConfigFile(path)
  if (E.isLeft(loaded)) return loaded
  const { file } = loaded.right
  const primeroPassword = env['PRIMERO_PASSWORD']
  const oscarPassword = env['OSCAR_PASSWORD']
  if (!primeroPassword) return E.left('PRIMERO_PASSWORD is not set in the environment')
  if (!oscarPassword) return E.left('OSCAR_PASSWORD is not set in the environment')
  return E.right({
    ...loaded.right,
    connection: {
      primero: { ...file.primero, password: primeroPassword },
      oscar: { ...file.oscar, password: oscarPassword },
    },
  })
}

/** `cambodia`, or a mapping JSON file checked as `mapping validate` checks it. */
export const loadMapping = async (
  name: string,
  base: string,
): Promise<E.Either<string, MappingConfig>> => {
  if (name === 'cambodia') return E.right(cambodia)
  const json = await readJson(resolve(base, name), 'mapping file')
  if (E.isLeft(json)) return E.left(json.left.replace(resolve(base, name), name))
  return pipe(
    checkMappingJson(json.right),
    E.mapLeft((problems) => `mapping file ${name}: ${problems.join('; ')}`),
  )
}

/** Unknown keys, then the parser's errors, each as `path: reason`. */
export const checkMappingJson = (json: unknown): E.Either<ReadonlyArray<string>, MappingConfig> => {
  const unknown = unknownKeys(json)
  if (unknown.length > 0) return E.left(unknown.map((p) => `${p}: unknown key`))
  return pipe(
    parseMappingConfig(json),
    E.mapLeft((errors) =>
      errors.map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`)),
    ),
  )
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
