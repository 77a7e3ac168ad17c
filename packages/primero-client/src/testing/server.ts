/**
 * `startFakePrimero`: a real HTTP server on 127.0.0.1 (a free port) that behaves like
 * Primero's API v2 as `API-PRIMERO.md` describes it, traps included, with an in-memory
 * store and fault switches. Node built-ins only.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { faultSwitch, readText, requestLog, seededRandom, sleep } from '@primero-interop/fake-kit'

import { fakeAuth } from './auth.js'
import type { Fault } from './faults.js'
import { faultState } from './faults.js'
import { defaultFilterableFields, defaultIdSearchFields } from './filters.js'
import { writableSet } from './permitted.js'
import { newReferral, referralsOf } from './referralRoutes.js'
import { route } from './routes.js'
import { emptyStore, patchCase, seedCase } from './store.js'
import type {
  FakeAgency,
  FakePrimero,
  FakePrimeroOptions,
  FakeRecord,
  FakeRequest,
  FakeUser,
} from './types.js'
import { defaultSelectFields } from './validate.js'
import type { Reply, World } from './world.js'
import { failure } from './world.js'

const send = (res: ServerResponse, reply: Reply): void => {
  const headers: Record<string, string | string[]> = { ...reply.headers }
  if (reply.cookies !== undefined && reply.cookies.length > 0)
    headers['set-cookie'] = [...reply.cookies]
  if (reply.json === undefined) {
    res.writeHead(reply.status, headers).end()
    return
  }
  headers['content-type'] = 'application/json; charset=utf-8'
  res.writeHead(reply.status, headers).end(JSON.stringify(reply.json))
}

/** Answers with a fault: Primero's error envelope, or the fault's own body. */
const sendFault = (
  res: ServerResponse,
  fault: Extract<Fault, { kind: 'respond' }>,
  path: string,
): void => {
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) }
  if (fault.body === undefined) {
    const message = fault.status === 429 ? 'Too Many Requests' : 'Service Unavailable'
    return send(res, failure(fault.status, path, [{ message }], headers))
  }
  headers['content-type'] = fault.contentType ?? 'text/plain'
  res.writeHead(fault.status, headers).end(fault.body)
}

/** Starts a fake Primero. Close it with `close()`. */
export const startFakePrimero = async (options: FakePrimeroOptions = {}): Promise<FakePrimero> => {
  const username = options.username ?? 'primero-test'
  const password = options.password ?? `pw-${randomBytes(12).toString('hex')}`
  const clock = options.clock ?? (() => new Date())
  const users: ReadonlyArray<FakeUser> | undefined = options.users?.map((u, i) =>
    typeof u === 'string' ? { id: i + 1, user_name: u } : u,
  )
  const agencies: ReadonlyArray<FakeAgency> | undefined = options.agencies?.map((a, i) =>
    typeof a === 'string' ? { id: i + 1, unique_id: a, agency_code: a.replace(/^agency-/, '') } : a,
  )
  const world: World = {
    store: emptyStore(),
    auth: fakeAuth({
      username,
      password,
      now: () => clock().getTime(),
      tokenTtlMs: options.tokenTtlMs ?? 60 * 60_000,
      version: options.version ?? '2.11',
      sessionIdleMs: options.sessionIdleMs ?? 60 * 60_000,
    }),
    paranoid: options.paranoid ?? true,
    dir: {
      lookups: options.lookups,
      selectFields: options.selectFields ?? defaultSelectFields,
      agencies,
      users,
    },
    filterable: new Set(options.filterableFields ?? defaultFilterableFields),
    idSearchFields: options.idSearchFields ?? defaultIdSearchFields,
    gbvModuleId: options.gbvModuleId ?? 'primeromodule-gbv',
    writable: writableSet(options.writableFields),
    // Its own generator, so the order of ties does not shift the fault switches' draws.
    random: seededRandom(((options.seed ?? 1) ^ 0x9e3779b9) >>> 0),
    now: () => clock().toISOString(),
  }
  const faults = faultState(faultSwitch(options.seed ?? 1))
  const log = requestLog<{ -readonly [K in keyof FakeRequest]: FakeRequest[K] }>()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = (req.method ?? 'GET').toUpperCase()
    const entry = { method, path: url.pathname, query: url.search, status: 0 }
    const done = log.enter(entry)
    try {
      const text = await readText(req)
      await sleep(faults.latency())
      const fault = faults.next(method, url.pathname)
      const drop = (): void => {
        res.socket?.destroy()
      }
      if (fault?.kind === 'drop' && !fault.afterHandling) return drop()
      if (fault?.kind === 'respond' && !fault.afterHandling) {
        entry.status = fault.status
        return sendFault(res, fault, url.pathname)
      }
      let body: unknown
      try {
        body = text === '' ? undefined : (JSON.parse(text) as unknown)
      } catch {
        entry.status = 400
        return send(res, failure(400, url.pathname, [{ message: 'Bad Request: invalid JSON' }]))
      }
      const csrf = req.headers['x-csrf-token']
      const reply = route(world, method, url, body, {
        authorization: req.headers.authorization,
        cookie: req.headers.cookie,
        csrf: Array.isArray(csrf) ? csrf[0] : csrf,
      })
      if (fault?.kind === 'drop') return drop()
      if (fault?.kind === 'respond') {
        entry.status = fault.status
        return sendFault(res, fault, url.pathname)
      }
      entry.status = reply.status
      send(res, reply)
    } finally {
      done()
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, failure(500, '/', [{ message: 'Internal Server Error' }]))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined

  return {
    url: `http://127.0.0.1:${port}`,
    username,
    password,
    seedCases: (cases) => cases.map((c) => seedCase(world.store, c, world.now(), username)),
    editCase: (id, patch) => {
      patchCase(world.store, id, patch, world.now())
      return structuredClone(world.store.cases.get(id) ?? {})
    },
    cases: () => [...world.store.cases.values()].map((c) => structuredClone(c)),
    referrals: (caseId) => (world.store.referrals.get(caseId) ?? []).map((r) => structuredClone(r)),
    seedReferral: (caseId, referral: FakeRecord) => {
      const record = newReferral(caseId, referral, username, world.now())
      referralsOf(world, caseId).push(record)
      return structuredClone(record)
    },
    requests: log.entries,
    clearRequests: log.clear,
    get maxConcurrentRequests() {
      return log.maxInFlight()
    },
    setFaults: (next) => {
      faults.set(next)
      if (next.expireTokens === true) world.auth.expireAll()
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
      return closing
    },
  }
}
