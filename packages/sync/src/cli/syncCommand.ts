import { MultiBar, Presets } from 'cli-progress'
import { type Command, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'

import { connect } from '../connect.js'
import type { Progress } from '../context.js'
import { type FlowName, FLOWS, needsAttention, type SyncReport } from '../report.js'
import { fileStore } from '../store.js'
import { createSync } from '../sync.js'
import { loadConfig } from './config.js'
import { type CliIo, type Done, json, say } from './io.js'
import {
  cliLogger,
  LOG_LEVELS,
  type LogFormat,
  type LogLevel,
  type LogSink,
  logSink,
} from './logging.js'
import {
  EXIT,
  EXIT_CODES_HELP,
  flowsOption,
  intervalOption,
  positiveInt,
  sinceOption,
} from './options.js'
import { renderSummary } from './output.js'

const realWait = (ms: number) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const done = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))
  return { done, cancel: () => clearTimeout(timer) }
}

const exitCodeOf = (report: SyncReport): number =>
  needsAttention(report) ? EXIT.recordsFailed : EXIT.ok

/**
 * Per-flow progress bars on a terminal; nothing when output is piped. While drawn, log
 * lines go above them through the bars (`multibar.log`), so neither tears the other.
 */
const progressBars = (io: CliIo, sink: LogSink) => {
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
    if (bars.size === 0) sink.redirect((line) => multibar.log(line))
    const total = Math.max(p.total ?? p.done, p.done)
    const bar = bars.get(p.flow) ?? multibar.create(total, 0, { flow: p.flow.padEnd(16) })
    bars.set(p.flow, bar)
    bar.setTotal(total)
    bar.update(p.done, { flow: p.flow.padEnd(16) })
  }
  return {
    onProgress,
    stop: () => {
      multibar.stop()
      bars.clear()
      sink.redirect(undefined)
    },
  }
}

/** `--log-level` and `--log-format`, shared by the commands that talk to the systems. */
export const addLogOptions = (command: Command): Command =>
  command
    .addOption(
      new Option('--log-level <level>', 'log events (ids and codes only) to stderr at this level')
        .choices(LOG_LEVELS)
        .default('warn'),
    )
    .addOption(
      new Option(
        '--log-format <format>',
        'human lines (default on a terminal) or JSON lines (default otherwise)',
      ).choices(['human', 'json']),
    )

export interface LogFlags {
  readonly logLevel: LogLevel
  readonly logFormat?: LogFormat
}

export const loggerFor = (flags: LogFlags, io: CliIo, sink: LogSink = logSink(io.stderr)) =>
  cliLogger(flags.logLevel, flags.logFormat ?? (io.isTTY ? 'human' : 'json'), sink)

interface SyncFlags extends LogFlags {
  readonly config: string
  readonly state?: string
  readonly since?: string
  readonly dryRun?: boolean
  readonly flows?: FlowName[]
  readonly every?: number
  readonly json?: boolean
}

const runSync = async (flags: SyncFlags, io: CliIo): Promise<number> => {
  const loaded = await loadConfig(flags.config, io.env)
  if (E.isLeft(loaded)) {
    say(io, loaded.left)
    return EXIT.runFailed
  }
  const { file, mapping, statePath, connection } = loaded.right
  const sink = logSink(io.stderr)
  const logger = loggerFor(flags, io, sink)
  // The clients allow as many requests in flight as the sync runs records side by side.
  const { primero, oscar } = connect(connection, {
    logger,
    ...(file.concurrency === undefined ? {} : { concurrency: file.concurrency }),
  })
  const since = flags.since ?? file.since
  const bars = progressBars(flags.json === true ? { ...io, isTTY: false } : io, sink)
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
      say(io, `run failed (${result.left.code}): ${result.left.message}`)
      code = EXIT.runFailed
    } else {
      io.stdout(flags.json === true ? json(result.right) : renderSummary(result.right))
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

export const SECRETS_HELP =
  "\nSecrets come from the environment, never from arguments or the config file:\n  PRIMERO_PASSWORD  the Primero user's password\n  OSCAR_PASSWORD    the OSCaR API user's password\n"

export const registerSync = (cli: Command, io: CliIo, done: Done): void => {
  const command = cli
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
      sinceOption,
    )
    .option('--dry-run', 'read and map, print the planned writes; write nothing, move no cursor')
    .option(
      '--flows <list>',
      `comma-separated flows to run (default: all): ${FLOWS.join(', ')}`,
      flowsOption,
    )
    .option(
      '--every <interval>',
      'run again every interval (90s, 15m, 1h, 1d) until stopped',
      intervalOption,
    )
    .option('--json', 'print the report as JSON instead of the summary table')
  addLogOptions(command)
    .addHelpText(
      'after',
      `${SECRETS_HELP}
Examples:
  primero-interop sync --config sync.json
  primero-interop sync --config sync.json --dry-run --flows primero-to-oscar
  primero-interop sync --config sync.json --every 15m --log-format json
${EXIT_CODES_HELP}`,
    )
    .action(async (flags: SyncFlags) => done(await runSync(flags, io)))
}

export const registerDemo = (cli: Command, io: CliIo, done: Done): void => {
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
    .addHelpText(
      'after',
      '\nExamples:\n  primero-interop demo\n  primero-interop demo --cases 100 --seed 7 --json\n',
    )
    .action(async (flags: { cases: number; seed: number; json?: boolean }) => {
      // Loaded only for the demo: a sync never loads the fakes.
      const { runDemo } = await import('../demo/run.js')
      done(await runDemo(flags, { stdout: io.stdout }))
    })
}
