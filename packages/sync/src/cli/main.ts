import { MultiBar, Presets } from 'cli-progress'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { pino } from 'pino'

import { connect } from '../connect.js'
import type { Progress } from '../context.js'
import type { Logger } from '../logger.js'
import { type FlowName, FLOWS, needsAttention, type SyncReport } from '../report.js'
import { fileStore } from '../store.js'
import { createSync } from '../sync.js'
import { loadConfig } from './config.js'
import { parseInterval, renderSummary } from './output.js'

/** Where the CLI writes, and what it knows of its environment: injected for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly isTTY: boolean
  readonly version: string
  /** Resolves when the process is asked to stop (for `--every`). */
  readonly stopped?: Promise<void>
  /** Waits `ms` (for `--every`); injected by tests. Default: a timer that keeps the process alive. */
  readonly wait?: (ms: number) => { readonly done: Promise<void>; readonly cancel: () => void }
}

const realWait = (ms: number) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const done = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))
  return { done, cancel: () => clearTimeout(timer) }
}

/**
 * Exit codes: 0 nothing failing, waiting or parked; 1 some records need attention (see
 * the issues); 2 the run failed.
 */
export const EXIT = { ok: 0, recordsFailed: 1, runFailed: 2 } as const

const exitCodeOf = (report: SyncReport): number =>
  needsAttention(report) ? EXIT.recordsFailed : EXIT.ok

/** A pino logger on stderr behind our Logger interface; events carry ids and codes only. */
const stderrLogger = (level: string): Logger => {
  const p = pino({ level, base: null, redact: ['password', '*.password'] }, pino.destination(2))
  return {
    debug: (event, fields) => p.debug({ ...fields }, event),
    info: (event, fields) => p.info({ ...fields }, event),
    warn: (event, fields) => p.warn({ ...fields }, event),
    error: (event, fields) => p.error({ ...fields }, event),
  }
}

/** Per-flow progress bars on a terminal; nothing when output is piped. */
const progressBars = (io: CliIo) => {
  if (!io.isTTY) return { onProgress: undefined, stop: () => undefined }
  const multibar = new MultiBar(
    {
      format: '{flow} [{bar}] {value}/{total}',
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    },
    Presets.shades_classic,
  )
  const bars = new Map<FlowName, ReturnType<MultiBar['create']>>()
  const onProgress = (p: Progress): void => {
    const total = Math.max(p.total ?? p.done, p.done)
    const bar = bars.get(p.flow) ?? multibar.create(total, 0, { flow: p.flow.padEnd(16) })
    bars.set(p.flow, bar)
    bar.setTotal(total)
    bar.update(p.done, { flow: p.flow.padEnd(16) })
  }
  return { onProgress, stop: () => multibar.stop() }
}

const parseFlows = (text: string): FlowName[] => {
  const flows = text.split(',').map((f) => f.trim())
  const unknown = flows.filter((f) => !(FLOWS as ReadonlyArray<string>).includes(f))
  if (unknown.length > 0)
    throw new InvalidArgumentError(
      `unknown flow(s): ${unknown.join(', ')}; flows are ${FLOWS.join(', ')}`,
    )
  return flows as FlowName[]
}

const intervalOption = (text: string): number => {
  const ms = parseInterval(text)
  if (ms === undefined) throw new InvalidArgumentError('use a number and a unit: 90s, 15m, 1h, 1d')
  return ms
}

const positiveInt = (text: string): number => {
  const n = Number(text)
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive whole number')
  return n
}

interface SyncFlags {
  readonly config: string
  readonly state?: string
  readonly since?: string
  readonly dryRun?: boolean
  readonly flows?: FlowName[]
  readonly every?: number
  readonly json?: boolean
  readonly logLevel: string
}

const runSync = async (flags: SyncFlags, io: CliIo): Promise<number> => {
  const loaded = await loadConfig(flags.config, io.env)
  if (E.isLeft(loaded)) {
    io.stderr(`primero-interop: ${loaded.left}\n`)
    return EXIT.runFailed
  }
  const { file, mapping, statePath, connection } = loaded.right
  const logger = stderrLogger(flags.logLevel)
  const { primero, oscar } = connect(connection, { logger })
  const since = flags.since ?? file.since
  const bars = progressBars(flags.json === true ? { ...io, isTTY: false } : io)
  const sync = createSync({
    primero,
    oscar,
    config: mapping,
    store: fileStore(flags.state ?? statePath),
    logger,
    ...(since === undefined ? {} : { since }),
    ...(file.concurrency === undefined ? {} : { concurrency: file.concurrency }),
    ...(file.overlapMinutes === undefined ? {} : { overlapMs: file.overlapMinutes * 60_000 }),
    ...(file.maxAttempts === undefined ? {} : { maxAttempts: file.maxAttempts }),
    ...(bars.onProgress === undefined ? {} : { onProgress: bars.onProgress }),
  })
  for (;;) {
    const result = await sync.run({
      ...(flags.dryRun === true ? { dryRun: true } : {}),
      ...(flags.flows === undefined ? {} : { flows: flags.flows }),
    })()
    bars.stop()
    let code: number
    if (E.isLeft(result)) {
      io.stderr(`primero-interop: run failed (${result.left.code}): ${result.left.message}\n`)
      code = EXIT.runFailed
    } else {
      io.stdout(
        flags.json === true
          ? `${JSON.stringify(result.right, null, 2)}\n`
          : renderSummary(result.right),
      )
      code = exitCodeOf(result.right)
    }
    if (flags.every === undefined) return code
    // A stop asked for during a run ends the loop once that run is done; one asked for
    // while waiting ends it at once. The timer keeps the process alive in between.
    const wait = (io.wait ?? realWait)(flags.every)
    const stop = await Promise.race([
      wait.done.then(() => false),
      (io.stopped ?? new Promise<never>(() => undefined)).then(() => true),
    ])
    wait.cancel()
    if (stop) return code
  }
}

/** Builds the command line program; `main` runs it. */
const program = (io: CliIo, done: (code: number) => void): Command => {
  const cli = new Command()
    .name('primero-interop')
    .description("Sync children's cases and referrals between Primero and OSCaR.")
    .version(io.version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  cli
    .command('sync')
    .description(
      'Run the four flows once (or every interval): oscar-ids, primero-to-oscar, oscar-to-primero, pending-defaults.',
    )
    .requiredOption(
      '--config <file>',
      'the config file (JSON: primero, oscar, mapping, state, since, …)',
    )
    .option(
      '--state <file>',
      'the state file (default: the config\'s "state", else .primero-interop/state.json beside the config)',
    )
    .option(
      '--since <date>',
      'where a state without cursors starts (ISO date or date-time); default: the beginning',
    )
    .option('--dry-run', 'read and map, print the planned writes; write nothing, move no cursor')
    .option(
      '--flows <list>',
      `comma-separated flows to run (default: all): ${FLOWS.join(', ')}`,
      parseFlows,
    )
    .option(
      '--every <interval>',
      'run again every interval (90s, 15m, 1h, 1d) until stopped',
      intervalOption,
    )
    .option('--json', 'print the report as JSON instead of the summary table')
    .addOption(
      new Option('--log-level <level>', 'log events (ids and codes only) to stderr at this level')
        .choices(['silent', 'error', 'warn', 'info', 'debug'])
        .default('warn'),
    )
    .addHelpText(
      'after',
      "\nSecrets come from the environment, never from arguments or the config file:\n  PRIMERO_PASSWORD  the Primero user's password\n  OSCAR_PASSWORD    the OSCaR API user's password\n\nExit codes: 0 nothing failing, waiting or parked, 1 some records need attention (see issues), 2 the run failed.\n",
    )
    .action(async (flags: SyncFlags) => done(await runSync(flags, io)))
  cli
    .command('demo')
    .description(
      'Start a fake Primero and a fake OSCaR on 127.0.0.1, seed a Cambodian scenario, sync twice, print both reports.',
    )
    .option('--cases <n>', 'how many MoSVY cases to seed', positiveInt, 24)
    .option(
      '--seed <s>',
      'seed of the scenario generator (same seed, same scenario)',
      positiveInt,
      1,
    )
    .option('--json', 'print the reports as JSON')
    .action(async (flags: { cases: number; seed: number; json?: boolean }) => {
      // Loaded only for the demo: a sync never loads the fakes.
      const { runDemo } = await import('../demo/run.js')
      done(await runDemo(flags, { stdout: io.stdout }))
    })
  return cli
}

/**
 * Runs the CLI on `argv` (without the node and script paths) and resolves to the exit
 * code.
 */
export const main = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  let code: number = EXIT.ok
  try {
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.runFailed
    throw e
  }
  return code
}
