import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'

import { MappingConfig } from '@primero-interop/mappings'
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'

import { loadMapping } from './config.js'
import { type CliIo, type Done, json, say } from './io.js'
import { EXIT, positiveInt } from './options.js'

interface FakesFlags {
  readonly mapping?: string
  readonly dir?: string
  readonly cases?: number
  readonly json?: boolean
}

/**
 * Starts both fakes, writes `sync.json` (and the mapping) into a folder, prints what to
 * export and run, and keeps the fakes up until stopped (Ctrl-C).
 */
const runFakes = async (flags: FakesFlags, io: CliIo): Promise<number> => {
  const mapping = await loadMapping(flags.mapping ?? 'cambodia', resolve('.'))
  if (E.isLeft(mapping)) {
    say(io, mapping.left)
    return EXIT.runFailed
  }
  const dir = flags.dir ?? (await mkdtemp(join(tmpdir(), 'primero-interop-fakes-')))
  await mkdir(dir, { recursive: true })
  // Loaded only here: nothing else in the CLI loads the fakes.
  const { startDemoFakes } = await import('../admin/fakes.js')
  const fakes = await startDemoFakes({
    mapping: mapping.right,
    ...(flags.cases === undefined ? {} : { cases: flags.cases }),
  })
  try {
    const mappingFile =
      flags.mapping === undefined || flags.mapping === 'cambodia' ? undefined : 'mapping.json'
    if (mappingFile !== undefined) {
      await writeFile(join(dir, mappingFile), json(MappingConfig.encode(mapping.right)))
    }
    const config = join(dir, 'sync.json')
    await writeFile(
      config,
      json({
        ...fakes.endpoints,
        mapping: mappingFile ?? 'cambodia',
        state: 'state.json',
        since: fakes.since,
      }),
    )
    if (flags.json === true) {
      io.stdout(json({ config, env: fakes.env }))
    } else {
      io.stdout(
        [
          `A fake Primero (${fakes.endpoints.primero.baseUrl}) and a fake OSCaR (${fakes.endpoints.oscar.baseUrl}) are running, seeded for ${mapping.right.name}.`,
          `In another terminal:`,
          '',
          `  export PRIMERO_PASSWORD='${fakes.env.PRIMERO_PASSWORD}'`,
          `  export OSCAR_PASSWORD='${fakes.env.OSCAR_PASSWORD}'`,
          `  cd ${dir}`,
          `  primero-interop check --config ${basename(config)}`,
          `  primero-interop sync --config ${basename(config)}`,
          `  primero-interop reconcile --config ${basename(config)}`,
          `  primero-interop parked --config ${basename(config)}`,
          '',
          "These passwords are the fakes' own, made up at start. Stop the fakes with Ctrl-C.",
          '',
        ].join('\n'),
      )
    }
    await (io.stopped ?? new Promise<never>(() => undefined))
    return EXIT.ok
  } finally {
    await fakes.close()
  }
}

export const registerFakes = (cli: Command, io: CliIo, done: Done): void => {
  cli
    .command('fakes')
    .description(
      'Start a fake Primero and a fake OSCaR on 127.0.0.1 with a demo scenario, and print the env and config file to point every command at them.',
    )
    .option('--mapping <file>', '`cambodia` (default, with the demo scenario) or your mapping JSON')
    .option('--dir <folder>', 'where to write sync.json (default: a new temporary folder)')
    .option('--cases <n>', 'how many cases to seed', positiveInt)
    .option('--json', 'print { config, env } as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  primero-interop fakes\n  primero-interop fakes --mapping examples/another-country/mapping.json --dir /tmp/try\n\nRuns until stopped (Ctrl-C).\n',
    )
    .action(async (flags: FakesFlags) => done(await runFakes(flags, io)))
}
