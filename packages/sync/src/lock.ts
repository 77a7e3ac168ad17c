/**
 * One run at a time per state. Two runs on one state would each send the same referrals
 * (each reads the ledger before the other writes it), so a run takes the state's lock
 * first and a second run is refused with `STATE_LOCKED`. A file lock is a file created
 * exclusively beside the state, naming the process that holds it; a lock whose process is
 * gone (a crash) is stale and taken over. A lock from another machine cannot be checked:
 * it is refused, and the message says which file to remove.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname } from 'node:path'

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import { type SyncError, syncError } from './errors.js'

/** Gives the lock back. Idempotent. */
export type Release = () => Promise<void>

interface Holder {
  readonly pid: number
  readonly host: string
  readonly since: string
  readonly token: string
}

const isHolder = (u: unknown): u is Holder =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as Holder).pid === 'number' &&
  typeof (u as Holder).host === 'string' &&
  typeof (u as Holder).token === 'string'

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as { code?: string }).code === 'EPERM'
  }
}

const codeOf = (e: unknown): string => (e as { code?: string }).code ?? 'error'

const holderOf = async (path: string): Promise<Holder | undefined> => {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  try {
    const parsed = JSON.parse(text) as unknown
    return isHolder(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

/** Creates `path` exclusively; `false` when it exists. */
const create = async (path: string, holder: Holder): Promise<boolean> => {
  try {
    const handle = await open(path, 'wx', 0o600)
    try {
      await handle.writeFile(JSON.stringify(holder))
    } finally {
      await handle.close()
    }
    return true
  } catch (e) {
    if (codeOf(e) === 'EEXIST') return false
    throw e
  }
}

const take = async (path: string): Promise<E.Either<SyncError, Release>> => {
  await mkdir(dirname(path), { recursive: true })
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  }
  const release: Release = async () => {
    const holder = await holderOf(path)
    if (holder?.token === me.token) await rm(path, { force: true })
  }
  if (await create(path, me)) return E.right(release)
  const holder = await holderOf(path)
  if (holder !== undefined && holder.host === me.host && !alive(holder.pid)) {
    // Stale: its process is gone. Removed, then taken like any free lock (a run that
    // takes it at the same moment wins, and this one is refused).
    await rm(path, { force: true })
    if (await create(path, me)) return E.right(release)
  }
  const who =
    holder === undefined
      ? 'a lock being written or unreadable'
      : `process ${holder.pid} on ${holder.host === me.host ? 'this machine' : 'another machine'} since ${holder.since}`
  return E.left(
    syncError(
      'STATE_LOCKED',
      `another run holds the state (${who}); if no run is going on, remove ${basename(path)}`,
    ),
  )
}

/** Takes the lock file `path` (a stale lock of this machine is taken over), or refuses. */
export const fileLock = (path: string): TE.TaskEither<SyncError, Release> =>
  pipe(
    TE.tryCatch(
      () => take(path),
      (e) => syncError('STATE_IO', `cannot take the state lock (${codeOf(e)})`),
    ),
    TE.chainEitherK((taken) => taken),
  )
