import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'

import {
  csvToMappingJson,
  MappingConfig,
  mappingJsonSchema,
  mappingTemplate,
  mappingToCsv,
  renderMappingSheet,
} from '@primero-interop/mappings'
import { type Command, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'

import { checkMappingJson, loadConfigFile, loadMapping } from './config.js'
import { type CliIo, type Done, json, say } from './io.js'
import { EXIT, EXIT_CODES_HELP } from './options.js'

const fail = (io: CliIo, message: string, code: number = EXIT.runFailed): number => {
  say(io, message)
  return code
}

/** A mapping file's JSON: a `.csv` file is read as the CSV sheet. */
const readMappingJson = async (path: string): Promise<E.Either<string, unknown>> => {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return E.left(`cannot read ${path}`)
  if (path.toLowerCase().endsWith('.csv')) {
    const sheet = csvToMappingJson(text)
    return E.isLeft(sheet)
      ? E.left(`${path}: ${sheet.left.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
      : E.right(sheet.right)
  }
  return E.tryCatch(
    () => JSON.parse(text) as unknown,
    () => `${path} is not JSON`,
  )
}

/** Prints `text`, or writes it to `out` and says so. */
const emit = async (io: CliIo, text: string, out: string | undefined): Promise<number> => {
  if (out === undefined) {
    io.stdout(text)
    return EXIT.ok
  }
  const written = await writeFile(out, text).then(
    () => true,
    () => false,
  )
  if (!written) return fail(io, `cannot write ${out}`)
  io.stderr(`wrote ${out}\n`)
  return EXIT.ok
}

/** Validates a mapping file offline; prints each problem as `path: reason`. */
const validate = async (file: string, flags: { json?: boolean }, io: CliIo): Promise<number> => {
  const read = await readMappingJson(file)
  if (E.isLeft(read)) return fail(io, read.left)
  const checked = checkMappingJson(read.right)
  if (flags.json === true) {
    io.stdout(
      json(
        E.isRight(checked)
          ? { valid: true, problems: [] }
          : { valid: false, problems: checked.left },
      ),
    )
  } else if (E.isRight(checked)) {
    io.stdout(`${file}: a valid mapping configuration (${checked.right.name}).\n`)
  } else {
    io.stdout(
      `${file}: ${checked.left.length} problem(s):\n${checked.left.map((p) => `  ${p}`).join('\n')}\n`,
    )
  }
  return E.isRight(checked) ? EXIT.ok : EXIT.recordsFailed
}

interface ExportFlags {
  readonly format: 'md' | 'csv' | 'json' | 'json-schema'
  readonly mapping?: string
  readonly config?: string
  readonly out?: string
}

const exportMapping = async (flags: ExportFlags, io: CliIo): Promise<number> => {
  if (flags.format === 'json-schema') return emit(io, json(mappingJsonSchema), flags.out)
  let config
  if (flags.config !== undefined) {
    const loaded = await loadConfigFile(flags.config)
    if (E.isLeft(loaded)) return fail(io, loaded.left)
    config = loaded.right.mapping
  } else {
    const name = flags.mapping ?? 'cambodia'
    const loaded = await loadMapping(name, resolve('.'))
    if (E.isLeft(loaded)) return fail(io, loaded.left)
    config = loaded.right
  }
  const text =
    flags.format === 'md'
      ? renderMappingSheet(config)
      : flags.format === 'csv'
        ? mappingToCsv(config)
        : json(MappingConfig.encode(config))
  return emit(io, text, flags.out)
}

const importCsv = async (file: string, flags: { out?: string }, io: CliIo): Promise<number> => {
  const read = await readMappingJson(file)
  if (E.isLeft(read)) return fail(io, read.left)
  const checked = checkMappingJson(read.right)
  if (E.isLeft(checked)) {
    return fail(
      io,
      `${file}: ${checked.left.length} problem(s): ${checked.left.join('; ')}`,
      EXIT.recordsFailed,
    )
  }
  return emit(io, json(MappingConfig.encode(checked.right)), flags.out)
}

export const registerMapping = (cli: Command, io: CliIo, done: Done): void => {
  const mapping = cli
    .command('mapping')
    .description(
      'Work with a mapping configuration offline: validate, export (sheet, CSV, JSON Schema), import a CSV, start from a template.',
    )
  mapping
    .command('validate')
    .description('Check a mapping file (JSON, or the CSV sheet) offline: no password, no network.')
    .argument('<file>', 'the mapping JSON (or .csv)')
    .option('--json', 'print { valid, problems } as JSON')
    .addHelpText(
      'after',
      `\nExamples:\n  primero-interop mapping validate mapping.json\n  primero-interop mapping validate mapping.csv --json\n${EXIT_CODES_HELP}`,
    )
    .action(async (file: string, flags: { json?: boolean }) =>
      done(await validate(file, flags, io)),
    )
  mapping
    .command('export')
    .description(
      'Print a mapping as the Markdown sheet, the CSV sheet or JSON; or print the JSON Schema of mapping files.',
    )
    .addOption(
      new Option('--format <format>', 'md, csv, json or json-schema')
        .choices(['md', 'csv', 'json', 'json-schema'])
        .makeOptionMandatory(),
    )
    .option('--mapping <file>', '`cambodia` (default) or a mapping JSON file')
    .option('--config <file>', 'the config file whose mapping to export (instead of --mapping)')
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      `\nExamples:\n  primero-interop mapping export --format md --mapping mapping.json --out mapping.md\n  primero-interop mapping export --format csv --config sync.json > mapping.csv\n  primero-interop mapping export --format json-schema --out mapping.schema.json\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: ExportFlags) => done(await exportMapping(flags, io)))
  mapping
    .command('import')
    .description(
      'Read a CSV sheet (as `export --format csv` writes it) into a checked mapping JSON.',
    )
    .argument('<file>', 'the CSV sheet')
    .option('--out <file>', 'write the JSON to this file instead of stdout')
    .addHelpText(
      'after',
      `\nExamples:\n  primero-interop mapping import mapping.csv --out mapping.json\n${EXIT_CODES_HELP}`,
    )
    .action(async (file: string, flags: { out?: string }) => done(await importCsv(file, flags, io)))
  mapping
    .command('template')
    .description(
      "Print a valid starting mapping for a new country: one province, one NGO, one service, OSCaR's statuses.",
    )
    .option('--out <file>', 'write it to this file instead of stdout')
    .addHelpText(
      'after',
      `\nExamples:\n  primero-interop mapping template --out mapping.json\n  primero-interop mapping validate mapping.json\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: { out?: string }) =>
      done(
        await emit(
          io,
          json({ $schema: './mapping.schema.json', ...MappingConfig.encode(mappingTemplate) }),
          flags.out,
        ),
      ),
    )
}
