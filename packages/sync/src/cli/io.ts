/** Where the CLI writes, and what it knows of its environment: injected for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly isTTY: boolean
  readonly version: string
  /** Resolves when the process is asked to stop (for `--every` and `fakes`). */
  readonly stopped?: Promise<void>
  /** Waits `ms` (for `--every`); injected by tests. Default: a timer that keeps the process alive. */
  readonly wait?: (ms: number) => { readonly done: Promise<void>; readonly cancel: () => void }
}

/** Sets the command's exit code. */
export type Done = (code: number) => void

/** One line on stderr, `primero-interop: …`, for any error a user can fix: never a stack. */
export const say = (io: CliIo, message: string): void => io.stderr(`primero-interop: ${message}\n`)

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`
