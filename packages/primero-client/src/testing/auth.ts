/**
 * The fake's authentication: HTTP Basic on any request; JWT from `POST /api/v2/tokens`
 * (refresh: the same POST with a valid Bearer and no body); 6 logins per user per minute
 * (then 429); 6 failed logins lock the account for 30 minutes.
 */
import { randomBytes } from 'node:crypto'

const loginWindowMs = 60_000
const loginsPerWindow = 6
const failuresBeforeLock = 6
const lockMs = 30 * 60_000

export type Authenticated = { readonly user: string } | { readonly refused: 'invalid' | 'locked' }

export type LoginOutcome =
  | { readonly token: string; readonly user: string }
  | { readonly refused: 'invalid' | 'locked' | 'rate_limited' }

export interface FakeAuth {
  /** Checks an `Authorization` header. */
  check(header: string | undefined): Authenticated
  login(userName: unknown, password: unknown): LoginOutcome
  /** A new token for a valid Bearer, which is revoked. */
  refresh(header: string | undefined): LoginOutcome
  logout(header: string | undefined): void
  /** Every token issued so far expires now. */
  expireAll(): void
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

export const fakeAuth = (
  username: string,
  password: string,
  now: () => number,
  tokenTtlMs: number,
): FakeAuth => {
  const tokens = new Map<string, { readonly user: string; expiresAt: number }>()
  const logins: number[] = []
  let failures = 0
  let lockedUntil = 0

  const fail = (): 'invalid' | 'locked' => {
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

  return {
    check: (header) => {
      const basic = /^Basic (\S+)$/.exec(header ?? '')?.[1]
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
      const user = valid(bearer(header))
      return user === undefined ? { refused: 'invalid' } : { user }
    },
    login: (userName, pass) => {
      const t = now()
      while (logins.length > 0 && (logins[0] ?? 0) <= t - loginWindowMs) logins.shift()
      if (logins.length >= loginsPerWindow) return { refused: 'rate_limited' }
      logins.push(t)
      if (t < lockedUntil) return { refused: 'locked' }
      if (userName !== username || pass !== password) return { refused: fail() }
      failures = 0
      return issue(username)
    },
    refresh: (header) => {
      const token = bearer(header)
      const user = valid(token)
      if (token === undefined || user === undefined) return { refused: 'invalid' }
      tokens.delete(token)
      return issue(user)
    },
    logout: (header) => {
      const token = bearer(header)
      if (token !== undefined) tokens.delete(token)
    },
    expireAll: () => {
      for (const entry of tokens.values()) entry.expiresAt = 0
    },
  }
}
