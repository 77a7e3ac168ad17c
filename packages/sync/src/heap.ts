/**
 * How far V8's heap may grow past what is live before it collects. With a heap limit of
 * 2 GiB or more (Node's default on any machine of 4 GiB), V8 lets the old generation grow
 * to up to four times what its last full collection kept, which suits a server answering
 * requests, not an hourly batch on a shared machine: a first sync of 30,000 cases kept
 * about 25 MiB live and peaked at 250 MiB of RSS. At 1.5 times it peaked at 167 MiB, in
 * the same time within the noise (`BENCHMARKS.md`, "Memory").
 */
import v8 from 'node:v8'

/** The heap may grow by half of what is live (V8's `--heap-growing-percent`). */
export const HEAP_GROWING_PERCENT = 50

const FLAG = '--heap-growing-percent'

/**
 * Bounds the growth of this process's heap to `percent` of what is live (V8 reads the
 * setting at each full collection, so it holds from the next one). For a process that runs
 * syncs, as the command line does; a library does not change its host's V8 on its own, so
 * a host that embeds the sync calls this itself, or not. A `--heap-growing-percent` given
 * to `node` itself is left as it is. Returns the flag in force, if any. (`execArgv` and
 * `setFlags` are this process's: tests hand others, to leave their own V8 alone.)
 */
export const boundHeapGrowth = (
  percent: number = HEAP_GROWING_PERCENT,
  execArgv: ReadonlyArray<string> = process.execArgv,
  setFlags: (flags: string) => void = (flags) => v8.setFlagsFromString(flags),
): string | undefined => {
  const given = execArgv.find((a) => a.startsWith(`${FLAG}=`))
  if (given !== undefined) return given
  if (!Number.isInteger(percent) || percent < 1 || percent > 300)
    throw new RangeError('percent must be a whole number from 1 to 300')
  const flag = `${FLAG}=${percent}`
  setFlags(flag)
  return flag
}
