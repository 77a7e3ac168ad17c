import { Command, CommanderError } from 'commander'

import { registerAdmin } from './adminCommands.js'
import { registerFakes } from './fakesCommand.js'
import { type CliIo, say } from './io.js'
import { registerMapping } from './mappingCommands.js'
import { EXIT } from './options.js'
import { registerDemo, registerSync } from './syncCommand.js'

export type { CliIo } from './io.js'
export { EXIT } from './options.js'

/** Builds the command line program; `main` runs it. */
const program = (io: CliIo, done: (code: number) => void): Command => {
  const cli = new Command()
    .name('primero-interop')
    .description("Sync children's cases and referrals between Primero and OSCaR.")
    .version(io.version)
    // Set before the subcommands are added: they inherit both.
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText(
      'after',
      `
Try it against two fake servers first:
  primero-interop fakes            # prints the env and a config file to use below
  primero-interop check --config sync.json
  primero-interop sync --config sync.json

Exit codes: 0 clean, 1 some records need attention, 2 the run or command failed, 64 usage.
`,
    )
  registerSync(cli, io, done)
  registerAdmin(cli, io, done)
  registerMapping(cli, io, done)
  registerFakes(cli, io, done)
  registerDemo(cli, io, done)
  return cli
}

/**
 * Runs the CLI on `argv` (without the node and script paths) and resolves to the exit
 * code: 0 clean, 1 some records need attention, 2 the run or command failed, 64 the
 * command line is wrong. A user's mistake is one line on stderr, never a stack trace.
 */
export const main = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  let code: number = EXIT.ok
  try {
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage
    // Anything else is ours to fix, but the user still gets one line, not a stack.
    const name = e instanceof Error ? e.name : 'Error'
    const message = e instanceof TypeError || e instanceof RangeError ? `: ${e.message}` : ''
    say(io, `failed (${name}${message}); run with --log-level debug, and report it if it persists`)
    return EXIT.runFailed
  }
  return code
}
