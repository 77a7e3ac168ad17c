/**
 * The fake's authentication. HTTP Basic on any request (every 2.x). `POST /api/v2/tokens`:
 * on 2.10 a JWT (refresh: the same POST with a valid Bearer and no body); on 2.11 a cookie
 * session (`_app_session`, idle timeout, a login expires the user's other sessions) whose
 * writes need the `CSRF-TOKEN` cookie's value in `X-CSRF-Token`. 6 logins per user per
 * minute (then 429); 6 failed logins lock the account for 30 minutes (Devise lockable).
 */
import { randomBytes } from 'node:crypto'

const loginWindowMs = 60_000
const loginsPerWindow = 6
const failuresBeforeLock = 6
const lockMs = 30 * 60_000

export type Authenticated =
  | { readonly user: string; readonly session?: FakeSession }
  | { readonly refused: 'invalid' | 'locked' }

export type LoginOutcome =
  | { readonly token: string; readonly user: string }
  | { readonly user: string; readonly token?: undefined }
  | { readonly refused: 'invalid' | 'locked' | 'rate_limited' }

/** A 2.11 cookie session. `csrf` is undefined after a login, until a request sets it. */
export interface FakeSession {
  readonly id: string
  user: string | undefined
  csrf: string | undefined
  lastSeen: number
  expired: boolean
}

export interface FakeAuth {
  readonly version: '2.10' | '2.11'
  /** Checks a request's `Authorization` and `Cookie` headers. */
  check(authorization: string | undefined, cookie: string | undefined): Authenticated
  /** The session a `Cookie` header names (live or not), or a new anonymous one. */
  session(cookie: string | undefined): { readonly session: FakeSession; readonly created: boolean }
  /** The session's CSRF token, made when it has none (`form_authenticity_token`). */
  csrf(session: FakeSession): string
  /** A login; on 2.11 it signs `session` in and expires the user's other sessions. */
  login(userName: unknown, password: unknown, session?: FakeSession): LoginOutcome
  /** A new token for a valid Bearer, which is revoked (2.10). */
  refresh(header: string | undefined): LoginOutcome
  logout(header: string | undefined, session?: FakeSession): void
  /** Every token and session issued so far expires now. */
  expireAll(): void
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

export const sessionCookie = '_app_session'

export const cookieValue = (cookie: string | undefined, name: string): string | undefined => {
  for (const part of (cookie ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim()
  }
  return undefined
}

export interface AuthSettings {
  readonly username: string
  readonly password: string
  readonly now: () => number
  readonly tokenTtlMs: number
  readonly version: '2.10' | '2.11'
  readonly sessionIdleMs: number
}

export const fakeAuth = (settings: AuthSettings): FakeAuth => {
  const { username, password, now, tokenTtlMs, version, sessionIdleMs } = settings
  const tokens = new Map<string, { readonly user: string; expiresAt: number }>()
  const sessions = new Map<string, FakeSession>()
  const logins: number[] = []
  let failures = 0
  let lockedUntil = 0

  const fail = (): 'invalid' => {
    failures += 1
    if (failures >= failuresBeforeLock) lockedUntil = now() + lockMs
    return 'invalid'
  }
  const issue = (user: string): LoginOutcome => {
    const expiresAt = now() + tokenTtlMs
    const token = [
      b64url({ alg: 'HS256', typ: 'JWT' }),
      b64url({ sub: user, exp: expiresAt / 1000, jti: randomBytes(8).toString('hex') }),
      randomBytes(16).toString('base64url'),
    ].join('.')
    tokens.set(token, { user, expiresAt })
    return { token, user }
  }
  const bearer = (header: string | undefined): string | undefined =>
    /^Bearer (\S+)$/.exec(header ?? '')?.[1]
  const valid = (token: string | undefined): string | undefined => {
    const entry = token === undefined ? undefined : tokens.get(token)
    return entry !== undefined && now() < entry.expiresAt ? entry.user : undefined
  }
  const live = (s: FakeSession | undefined): s is FakeSession & { user: string } =>
    s !== undefined && !s.expired && s.user !== undefined && now() - s.lastSeen < sessionIdleMs
  const sessionNamed = (cookie: string | undefined): FakeSession | undefined => {
    const id = cookieValue(cookie, sessionCookie)
    return id === undefined ? undefined : sessions.get(id)
  }

  return {
    version,
    check: (authorization, cookie) => {
      const basic = /^Basic (\S+)$/.exec(authorization ?? '')?.[1]
      if (basic !== undefined) {
        const decoded = Buffer.from(basic, 'base64').toString('utf8')
        const sep = decoded.indexOf(':')
        if (now() < lockedUntil) return { refused: 'locked' }
        if (decoded.slice(0, sep) === username && decoded.slice(sep + 1) === password) {
          failures = 0
          return { user: username }
        }
        return { refused: fail() }
      }
      if (version === '2.10') {
        const user = valid(bearer(authorization))
        return user === undefined ? { refused: 'invalid' } : { user }
      }
      const session = sessionNamed(cookie)
      if (!live(session)) return { refused: 'invalid' }
      session.lastSeen = now()
      return { user: session.user, session }
    },
    session: (cookie) => {
      const found = sessionNamed(cookie)
      if (found !== undefined && !found.expired) return { session: found, created: false }
      const session: FakeSession = {
        id: randomBytes(16).toString('hex'),
        user: undefined,
        csrf: undefined,
        lastSeen: now(),
        expired: false,
      }
      sessions.set(session.id, session)
      return { session, created: true }
    },
    csrf: (session) => {
      session.csrf ??= randomBytes(24).toString('base64url')
      return session.csrf
    },
    login: (userName, pass, session) => {
      const t = now()
      while (logins.length > 0 && (logins[0] ?? 0) <= t - loginWindowMs) logins.shift()
      if (logins.length >= loginsPerWindow) return { refused: 'rate_limited' }
      logins.push(t)
      if (t < lockedUntil) return { refused: 'locked' }
      if (userName !== username || pass !== password) return { refused: fail() }
      failures = 0
      if (version === '2.10' || session === undefined) return issue(username)
      // TokensController#expire_other_user_sessions; Devise's clean_up_csrf_token_on_authentication.
      for (const other of sessions.values()) {
        if (other !== session && other.user === username) other.expired = true
      }
      session.user = username
      session.csrf = undefined
      session.lastSeen = t
      return { user: username }
    },
    refresh: (header) => {
      const token = bearer(header)
      const user = valid(token)
      if (version !== '2.10' || token === undefined || user === undefined) {
        return { refused: 'invalid' }
      }
      tokens.delete(token)
      return issue(user)
    },
    logout: (header, session) => {
      const token = bearer(header)
      if (token !== undefined) tokens.delete(token)
      if (session !== undefined) session.expired = true
    },
    expireAll: () => {
      for (const entry of tokens.values()) entry.expiresAt = 0
      for (const s of sessions.values()) s.expired = true
    },
  }
}
