/**
 * The fake's routing: tokens, then authentication (and, for a 2.11 cookie session, the CSRF
 * check on writes), then cases, referrals and directories.
 */
import type { FakeSession, LoginOutcome } from './auth.js'
import { sessionCookie } from './auth.js'
import { deleteCase, getCase, listCases, patchCaseRoute, postCase } from './caseRoutes.js'
import { paging } from './listQuery.js'
import { deleteReferral, listReferrals, patchReferral, postReferral } from './referralRoutes.js'
import type { Reply, World } from './world.js'
import { failure, notFound, pageOf, unauthorized } from './world.js'

const tokensPath = '/api/v2/tokens'

/** The headers the fake's authentication reads. */
export interface AuthHeaders {
  readonly authorization: string | undefined
  readonly cookie: string | undefined
  /** `X-CSRF-Token`. */
  readonly csrf: string | undefined
}

const refusedMessage = (world: World, refused: 'invalid' | 'locked'): string =>
  refused === 'locked' && !world.paranoid
    ? 'Your account is locked.'
    : 'Invalid User name or password.'

/** `InvalidAuthenticityToken` (ErrorService): 403, the cookies still set. */
const csrfRefused = (resource: string, cookies: ReadonlyArray<string>): Reply => ({
  ...failure(403, resource, [{ message: "Can't verify CSRF token authenticity." }]),
  cookies,
})

const cookiesOf = (world: World, session: FakeSession, created: boolean): string[] => [
  ...(created ? [`${sessionCookie}=${session.id}; path=/; HttpOnly; SameSite=Lax`] : []),
  // CsrfProtection#set_csrf_cookie, before the forgery check.
  `CSRF-TOKEN=${world.auth.csrf(session)}; path=/; SameSite=Strict`,
]

const loginReply = (world: World, outcome: LoginOutcome, cookies: string[] = []): Reply => {
  if ('refused' in outcome) {
    if (outcome.refused === 'rate_limited') {
      return {
        ...failure(429, tokensPath, [{ message: 'Too Many Requests' }], { 'retry-after': '60' }),
        cookies,
      }
    }
    return { ...unauthorized(refusedMessage(world, outcome.refused)), cookies }
  }
  if (outcome.token !== undefined) {
    return {
      status: 200,
      headers: { authorization: `Bearer ${outcome.token}` },
      json: { id: 1, user_name: outcome.user, token: outcome.token },
      cookies,
    }
  }
  // 2.11: TokensController#respond_with, no token.
  return {
    status: 200,
    json: { id: 1, user_name: outcome.user, group_permission: 'self' },
    cookies,
  }
}

const userOf = (body: unknown): { user_name?: unknown; password?: unknown } | undefined => {
  const user =
    typeof body === 'object' && body !== null ? (body as { user?: unknown }).user : undefined
  return typeof user === 'object' && user !== null ? user : undefined
}

const tokens = (world: World, method: string, body: unknown, h: AuthHeaders): Reply => {
  if (method !== 'POST' && method !== 'DELETE') return notFound(tokensPath)
  const user = userOf(body)
  if (world.auth.version === '2.10') {
    if (method === 'DELETE') {
      world.auth.logout(h.authorization)
      return { status: 200, json: {} }
    }
    return loginReply(
      world,
      user === undefined
        ? world.auth.refresh(h.authorization)
        : world.auth.login(user.user_name, user.password),
    )
  }
  const { session, created } = world.auth.session(h.cookie)
  const cookies = cookiesOf(world, session, created)
  if (h.csrf === undefined || h.csrf !== session.csrf) return csrfRefused(tokensPath, cookies)
  if (method === 'DELETE') {
    world.auth.logout(undefined, session)
    return { status: 200, json: {}, cookies }
  }
  if (user === undefined) return { ...unauthorized(), cookies }
  return loginReply(world, world.auth.login(user.user_name, user.password, session), cookies)
}

const directory = (all: ReadonlyArray<Record<string, unknown>>, params: URLSearchParams): Reply => {
  const { page, per } = paging(params)
  const filters = [...params].filter(([k]) => !['page', 'per', 'locale'].includes(k))
  const chosen = all.filter((item) =>
    filters.every(([k, v]) => item[k] === undefined || String(item[k]) === v),
  )
  return pageOf(chosen, page, per)
}

/** Routes an authenticated request. */
const answer = (
  world: World,
  method: string,
  url: URL,
  path: string,
  body: unknown,
  user: string,
): Reply => {
  const params = url.searchParams
  const parts = path.split('/').slice(1).map(decodeURIComponent) // api, v2, resource, …
  const [api, v2, resource, id, sub, subId] = parts
  if (api !== 'api' || v2 !== 'v2') return notFound(path)
  const is = (m: string, n: number): boolean => method === m && parts.length === n

  if (resource === 'cases') {
    if (is('GET', 3)) return listCases(world, params)
    if (is('POST', 3)) return postCase(world, body, user)
    if (id !== undefined && sub === undefined) {
      if (is('GET', 4)) return getCase(world, id, params)
      if (is('PATCH', 4)) return patchCaseRoute(world, id, body)
      if (is('DELETE', 4)) return deleteCase(world, id)
    }
    if (id !== undefined && sub === 'referrals') {
      if (is('GET', 5)) return listReferrals(world, id)
      if (is('POST', 5)) return postReferral(world, id, body, user)
      if (subId !== undefined && is('PATCH', 6)) return patchReferral(world, id, subId, body)
      if (subId !== undefined && is('DELETE', 6)) return deleteReferral(world, id, subId)
    }
  }
  if (method === 'GET' && parts.length === 3) {
    if (resource === 'lookups') return directory(world.dir.lookups ?? [], params)
    if (resource === 'users') return directory(world.dir.users ?? [], params)
    if (resource === 'agencies') return directory(world.dir.agencies ?? [], params)
  }
  return notFound(path)
}

/** Routes one request; `body` is the parsed JSON (undefined when there was none). */
export const route = (
  world: World,
  method: string,
  url: URL,
  body: unknown,
  headers: AuthHeaders,
): Reply => {
  const path = url.pathname.replace(/\/+$/, '')
  if (path === tokensPath) return tokens(world, method, body, headers)
  const who = world.auth.check(headers.authorization, headers.cookie)
  if ('refused' in who) {
    return headers.authorization?.startsWith('Basic ') === true
      ? unauthorized(refusedMessage(world, who.refused))
      : unauthorized()
  }
  if (who.session !== undefined) {
    const cookies = cookiesOf(world, who.session, false)
    if (method !== 'GET' && method !== 'HEAD' && headers.csrf !== who.session.csrf) {
      return csrfRefused(path, cookies)
    }
    const reply = answer(world, method, url, path, body, who.user)
    return { ...reply, cookies: [...cookies, ...(reply.cookies ?? [])] }
  }
  return answer(world, method, url, path, body, who.user)
}
