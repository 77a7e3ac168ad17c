import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { readText, requestLog, sleep } from '@primero-interop/fake-kit'

import { errorPage, type FakeAnswer } from './answers.js'
import { createAuth } from './auth.js'
import type { FakeService } from './defaults.js'
import {
  CAMBODIA_ORGANIZATIONS,
  CAMBODIA_SERVICE_NAMES,
  DEFAULT_TOKEN_TTL_SECONDS,
  taxonomyOf,
} from './defaults.js'
import type { FakeFaults } from './faults.js'
import { createFaults } from './faults.js'
import type { FakeClientSeed } from './ngo.js'
import { decideReferral, seedClient, updateClient } from './ngo.js'
import { storedView } from './render.js'
import { createRouter } from './routes.js'
import type { FakeClientRecord, FakeReferral } from './store.js'
import { createStore } from './store.js'
import type { StatusesOrganization } from './writes.js'

export interface FakeOscarOptions {
  /** NGO short names that exist (default: the Cambodia preset's 24 agencies). */
  readonly organizations?: ReadonlyArray<string>
  /** The service taxonomy upserts are matched against (default: the preset's OSCaR names). */
  readonly services?: ReadonlyArray<string | FakeService>
  /** The API user (default `primero@oscar.test`, matched case-insensitively). */
  readonly email?: string
  /** Default: random per fake. */
  readonly password?: string
  /** Stamps `created_at`/`updated_at` and referral dates (default: real time). */
  readonly clock?: () => Date
  /** Session lifetime (default one week); expiry runs on real time. */
  readonly tokenTtlSeconds?: number
  /** Seed of the fault generator, minted global ids and slugs (default 1). */
  readonly seed?: number
  /**
   * Which of a child's NGOs `update_statuses` looks a referral id up in. OSCaR takes an
   * unordered `find_by`: in practice the NGO the child joined first (the default).
   */
  readonly statusesOrganization?: StatusesOrganization
}

/** One request the fake received; `status` is `null` when the connection was dropped. */
export interface FakeRequest {
  readonly method: string
  readonly path: string
  /** The raw query string (`?since_date=…`), or `''`. */
  readonly query: string
  readonly status: number | null
  /** The parsed JSON body, if any (never a sign-in's): to check what reached the server. */
  readonly body?: unknown
}

/** A running fake OSCaR on 127.0.0.1. */
export interface FakeOscar {
  readonly url: string
  readonly email: string
  readonly password: string
  readonly organizations: ReadonlyArray<string>
  readonly services: ReadonlyArray<FakeService>
  /** Every request received so far, in arrival order (a snapshot). */
  readonly requests: ReadonlyArray<FakeRequest>
  readonly clearRequests: () => void
  readonly seedClient: (client: FakeClientSeed) => FakeClientRecord
  /**
   * Every stored client, listed or not (copies), with `services` and `is_referred` derived
   * as OSCaR derives them. `GET clients` shows less (see the README).
   */
  readonly clients: () => ReadonlyArray<FakeClientRecord>
  /** Every referral of every NGO, in creation order (ids are per NGO: see `organization`). */
  readonly referrals: () => ReadonlyArray<FakeReferral>
  /**
   * The NGO accepts or rejects (`Exited`) a referral. Ids are per NGO: `organization` is
   * required only when the id exists in several NGOs.
   */
  readonly decideReferral: (
    referralId: number,
    status: 'Accepted' | 'Exited',
    organization?: string,
  ) => FakeReferral
  /** An NGO edit: merges `patch`, bumps `updated_at`. */
  readonly updateClient: (
    globalId: string,
    patch: Readonly<Record<string, unknown>>,
    organization?: string,
  ) => FakeClientRecord
  readonly setFaults: (faults: FakeFaults) => void
  /** Ends every session now. */
  readonly expireSessions: () => void
  readonly close: () => Promise<void>
}

/** Sends `answer`; `cut`: only the first half of its body, then the connection is closed. */
const write = (
  res: ServerResponse,
  answer: FakeAnswer,
  headers: Readonly<Record<string, string>>,
  cut = false,
): void => {
  if (res.destroyed || res.socket === null || res.socket.destroyed) return
  const html = 'html' in answer
  res.writeHead(answer.status, {
    ...headers,
    'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
  })
  const body = html ? answer.html : JSON.stringify(answer.json)
  if (!cut) return void res.end(body)
  const bytes = Buffer.from(body)
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy())
}

/**
 * Starts a fake OSCaR (a real `node:http` server on 127.0.0.1, port 0) that behaves as
 * OSCaR's API v1 does, traps included: day-granularity reads, the duplicate-referral
 * upsert, HTML 500 pages, non-transactional status updates.
 *
 * @example
 * const fake = await startFakeOscar({ organizations: ['cif'] })
 * const oscar = createOscarClient({ baseUrl: fake.url, auth: { email: fake.email, password: fake.password } })
 * await fake.close()
 */
export const startFakeOscar = async (options: FakeOscarOptions = {}): Promise<FakeOscar> => {
  const organizations = [...(options.organizations ?? CAMBODIA_ORGANIZATIONS)]
  const services = taxonomyOf(options.services ?? CAMBODIA_SERVICE_NAMES)
  const email = options.email ?? 'primero@oscar.test'
  const password = options.password ?? randomBytes(12).toString('base64url')
  const store = createStore({
    organizations,
    taxonomy: services,
    clock: options.clock ?? (() => new Date()),
    seed: options.seed ?? 1,
  })
  const auth = createAuth({
    email,
    password,
    ttlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
  })
  const faults = createFaults(options.seed ?? 1)
  const route = createRouter(store, auth, () => faults.rejectTokens, options.statusesOrganization)
  const log = requestLog<{ -readonly [K in keyof FakeRequest]: FakeRequest[K] }>()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const entry: (typeof log.entries)[number] = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: null,
    }
    log.enter(entry)()
    const text = await readText(req)
    let body: unknown
    let malformed = false
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown)
      // Credentials are not kept, even by a fake.
      if (body !== undefined && !url.pathname.includes('/admin_auth/')) entry.body = body
    } catch {
      malformed = true
    }
    const latency = faults.latencyFor(entry.path)
    if (latency > 0) await sleep(latency)
    const plan = faults.plan(entry.path)
    if (plan.kind === 'drop') {
      req.socket.destroy()
      return
    }
    if (plan.kind === 'fail') {
      entry.status = plan.status
      const answer = plan.html
        ? errorPage(plan.status)
        : { status: plan.status, json: { status: plan.status, error: 'Internal Server Error' } }
      const retryAfter =
        plan.retryAfterSeconds === undefined
          ? {}
          : { 'retry-after': String(plan.retryAfterSeconds) }
      write(res, answer, retryAfter)
      return
    }
    if (malformed) {
      entry.status = 400
      write(res, errorPage(400), {})
      return
    }
    const { answer, headers } = route({
      method: entry.method,
      path: entry.path,
      query: url.searchParams,
      headers: req.headers,
      body,
    })
    if (plan.dropAfter) {
      req.socket.destroy()
      return
    }
    entry.status = answer.status
    write(res, answer, headers ?? {}, plan.cut)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) write(res, errorPage(500), {})
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    email,
    password,
    organizations,
    services,
    get requests() {
      return log.entries.map((entry) => structuredClone(entry))
    },
    clearRequests: log.clear,
    seedClient: (client) => seedClient(store, client),
    clients: () => [...store.clients.values()].map((c) => storedView(store, c) as FakeClientRecord),
    referrals: () => store.listReferrals(),
    decideReferral: (referralId, status, organization) =>
      decideReferral(store, referralId, status, organization),
    updateClient: (globalId, patch, organization) =>
      updateClient(store, globalId, patch, organization),
    setFaults: (next) => {
      if (next.expireSessions === true) auth.expireAll()
      faults.set(next)
    },
    expireSessions: () => auth.expireAll(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
