import { readFile } from 'node:fs/promises'

import { type Command, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'

import { checkMapping } from '../admin/check.js'
import type { CheckLookups } from '../admin/checkPrimero.js'
import { checkNeedsAttention } from '../admin/findings.js'
import { listParked, retryParked } from '../admin/parked.js'
import { reconcile } from '../admin/reconcile.js'
import { confirmReferral, type ReferralOutcome } from '../confirm.js'
import { connect } from '../connect.js'
import type { SyncError } from '../errors.js'
import { fileStore } from '../store.js'
import { renderCheck, renderParked, renderReconcile } from './adminRender.js'
import { loadConfig, loadConfigFile } from './config.js'
import { type CliIo, type Done, json, say } from './io.js'
import { EXIT, EXIT_CODES_HELP, sinceOption } from './options.js'
import { addLogOptions, type LogFlags, loggerFor, SECRETS_HELP } from './syncCommand.js'

interface StateFlags {
  readonly config?: string
  readonly state?: string
  readonly json?: boolean
}

const stateOptions = (command: Command): Command =>
  command
    .option('--config <file>', 'the config file (its "state" names the state file)')
    .option('--state <file>', 'the state file itself (instead of --config)')
    .option('--json', 'print the result as JSON')

/** The state file of `--state`, or of `--config`'s `state`; no password needed. */
const statePathOf = async (flags: StateFlags, io: CliIo): Promise<string | undefined> => {
  if (flags.state !== undefined) return flags.state
  if (flags.config === undefined) {
    say(io, 'give --config <file> or --state <file>')
    return undefined
  }
  const loaded = await loadConfigFile(flags.config)
  if (E.isLeft(loaded)) {
    say(io, loaded.left)
    return undefined
  }
  return loaded.right.statePath
}

const failed = (io: CliIo, e: SyncError): number => {
  say(io, `${e.code}: ${e.message}`)
  return e.code === 'NOT_FOUND' ? EXIT.recordsFailed : EXIT.runFailed
}

const readNames = async (path: string): Promise<E.Either<string, ReadonlyArray<string>>> => {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return E.left(`cannot read ${path}`)
  const parsed = E.tryCatch(
    () => JSON.parse(text) as unknown,
    () => undefined,
  )
  if (
    E.isRight(parsed) &&
    Array.isArray(parsed.right) &&
    parsed.right.every((n) => typeof n === 'string')
  )
    return E.right(parsed.right as string[])
  if (E.isRight(parsed)) return E.left(`${path} is JSON but not a list of names`)
  return E.right(
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  )
}

interface CheckFlags extends LogFlags {
  readonly config: string
  readonly oscarServices?: string
  readonly oscarSince?: string
  readonly lookup?: ReadonlyArray<string>
  readonly json?: boolean
}

const LOOKUP_KINDS = [
  'serviceType',
  'serviceSubtype',
  'serviceResponseType',
  'referralStatus',
  'riskLevel',
]

const runCheck = async (flags: CheckFlags, io: CliIo): Promise<number> => {
  const loaded = await loadConfig(flags.config, io.env)
  if (E.isLeft(loaded)) return (say(io, loaded.left), EXIT.runFailed)
  const names = flags.oscarServices === undefined ? undefined : await readNames(flags.oscarServices)
  if (names !== undefined && E.isLeft(names)) return (say(io, names.left), EXIT.runFailed)
  const lookups: Record<string, string> = {}
  for (const pair of flags.lookup ?? []) {
    const [kind = '', id = ''] = pair.split('=')
    if (!LOOKUP_KINDS.includes(kind) || id === '')
      return (
        say(io, `--lookup takes KIND=LOOKUP_ID, KIND one of ${LOOKUP_KINDS.join(', ')}`),
        EXIT.usage
      )
    lookups[kind] = id
  }
  const { primero, oscar } = connect(loaded.right.connection, { logger: loggerFor(flags, io) })
  const result = await checkMapping({
    primero,
    oscar,
    config: loaded.right.mapping,
    lookups: lookups as CheckLookups,
    ...(names === undefined ? {} : { oscarServiceNames: names.right }),
    ...(flags.oscarSince === undefined ? {} : { oscarSince: flags.oscarSince.slice(0, 10) }),
  })()
  if (E.isLeft(result)) return failed(io, result.left)
  io.stdout(flags.json === true ? json(result.right) : renderCheck(result.right))
  return checkNeedsAttention(result.right) ? EXIT.recordsFailed : EXIT.ok
}

const runReconcile = async (
  flags: LogFlags & { config: string; since?: string; state?: string; json?: boolean },
  io: CliIo,
): Promise<number> => {
  const loaded = await loadConfig(flags.config, io.env)
  if (E.isLeft(loaded)) return (say(io, loaded.left), EXIT.runFailed)
  const { primero, oscar } = connect(loaded.right.connection, { logger: loggerFor(flags, io) })
  const result = await reconcile({
    primero,
    oscar,
    config: loaded.right.mapping,
    store: fileStore(flags.state ?? loaded.right.statePath),
    ...(flags.since === undefined ? {} : { since: flags.since }),
  })()
  if (E.isLeft(result)) return failed(io, result.left)
  io.stdout(flags.json === true ? json(result.right) : renderReconcile(result.right))
  return result.right.items.length > 0 ? EXIT.recordsFailed : EXIT.ok
}

export const registerAdmin = (cli: Command, io: CliIo, done: Done): void => {
  addLogOptions(
    cli
      .command('check')
      .description(
        'Check the mapping against both live systems, read-only: option ids in lookups, province and agency users enabled, NGOs and service names in OSCaR, and what is new and unmapped.',
      )
      .requiredOption('--config <file>', 'the config file')
      .option(
        '--oscar-services <file>',
        'the service names OSCaR accepts (JSON list or one per line); default: names seen in recent OSCaR reads',
      )
      .option(
        '--oscar-since <date>',
        'first day of the OSCaR read that shows service names (default: 30 days ago)',
        sinceOption,
      )
      .option(
        '--lookup <kind=id...>',
        `which lookup holds which options (${LOOKUP_KINDS.join(', ')})`,
      )
      .option('--json', 'print the findings as JSON'),
  )
    .addHelpText(
      'after',
      `${SECRETS_HELP}\nExamples:\n  primero-interop check --config sync.json\n  primero-interop check --config sync.json --lookup serviceSubtype=lookup-service-subtype --json\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: CheckFlags) => done(await runCheck(flags, io)))

  addLogOptions(
    cli
      .command('reconcile')
      .description(
        'Compare both systems and the state, read-only: children linked on one side only, referral statuses that differ, referrals sent but not seen, unknown outcomes, parked records. Ids only.',
      )
      .requiredOption('--config <file>', 'the config file')
      .option('--state <file>', "the state file (default: the config's)")
      .option('--since <date>', 'where both reads start (default: the beginning)', sinceOption)
      .option('--json', 'print the items as JSON'),
  )
    .addHelpText(
      'after',
      `${SECRETS_HELP}\nExamples:\n  primero-interop reconcile --config sync.json\n  primero-interop reconcile --config sync.json --since 2026-01-01 --json\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: LogFlags & { config: string; since?: string; json?: boolean }) =>
      done(await runReconcile(flags, io)),
    )

  stateOptions(
    cli
      .command('parked')
      .description('List the parked records: failed too often, no longer retried.'),
  )
    .addHelpText(
      'after',
      `\nExamples:\n  primero-interop parked --config sync.json\n  primero-interop parked --state .primero-interop/state.json --json\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: StateFlags) => {
      const path = await statePathOf(flags, io)
      if (path === undefined) return done(EXIT.runFailed)
      const result = await listParked(fileStore(path))()
      if (E.isLeft(result)) return done(failed(io, result.left))
      io.stdout(flags.json === true ? json(result.right) : renderParked(result.right))
      done(result.right.length > 0 ? EXIT.recordsFailed : EXIT.ok)
    })

  stateOptions(
    cli
      .command('retry')
      .description(
        'Send parked records back to the retry queue, due now: the next sync takes them.',
      ),
  )
    .option('--record <id>', 'only this record (its id, or flow:id); default: every parked record')
    .addHelpText(
      'after',
      `\nExamples:\n  primero-interop retry --config sync.json\n  primero-interop retry --config sync.json --record 5f3c…\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: StateFlags & { record?: string }) => {
      const path = await statePathOf(flags, io)
      if (path === undefined) return done(EXIT.runFailed)
      const result = await retryParked(
        fileStore(path),
        flags.record === undefined ? {} : { record: flags.record },
      )()
      if (E.isLeft(result)) return done(failed(io, result.left))
      io.stdout(
        flags.json === true
          ? json(result.right)
          : renderParked(result.right, 'queued for the next run'),
      )
      done(EXIT.ok)
    })

  stateOptions(
    cli
      .command('confirm')
      .description(
        'Record what became of a referral whose outcome is unknown (OUTCOME_UNKNOWN), after looking in OSCaR.',
      ),
  )
    .requiredOption('--referral <id>', 'the Primero referral id the OUTCOME_UNKNOWN issue names')
    .addOption(
      new Option(
        '--outcome <outcome>',
        'in-oscar: it arrived (never resent); not-in-oscar: the next run sends it once',
      )
        .choices(['in-oscar', 'not-in-oscar'])
        .makeOptionMandatory(),
    )
    .addHelpText(
      'after',
      `\nExamples:\n  primero-interop confirm --config sync.json --referral b8c5… --outcome in-oscar\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: StateFlags & { referral: string; outcome: ReferralOutcome }) => {
      const path = await statePathOf(flags, io)
      if (path === undefined) return done(EXIT.runFailed)
      const result = await confirmReferral(fileStore(path), flags.referral, flags.outcome)()
      if (E.isLeft(result)) return done(failed(io, result.left))
      io.stdout(
        flags.json === true
          ? json({ referralId: flags.referral, outcome: result.right })
          : `referral ${flags.referral}: ${result.right}\n`,
      )
      done(EXIT.ok)
    })
}
