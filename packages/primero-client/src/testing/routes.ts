/** The fake's routing: tokens, then authentication, then cases, referrals and directories. */
import { deleteCase, getCase, listCases, patchCaseRoute, postCase } from './caseRoutes.js'
import { paging } from './filters.js'
import { deleteReferral, listReferrals, patchReferral, postReferral } from './referralRoutes.js'
import type { Reply, World } from './world.js'
import { failure, notFound, pageOf, unauthorized } from './world.js'

const tokensPath = '/api/v2/tokens'

const tokens = (
  world: World,
  method: string,
  body: unknown,
  authorization: string | undefined,
): Reply => {
  if (method === 'DELETE') {
    world.auth.logout(authorization)
    return { status: 200, json: {} }
  }
  if (method !== 'POST') return notFound(tokensPath)
  const user =
    typeof body === 'object' && body !== null ? (body as { user?: unknown }).user : undefined
  const outcome =
    typeof user === 'object' && user !== null
      ? world.auth.login(
          (user as { user_name?: unknown }).user_name,
          (user as { password?: unknown }).password,
        )
      : world.auth.refresh(authorization)
  if ('token' in outcome) {
    return {
      status: 200,
      headers: { authorization: `Bearer ${outcome.token}` },
      json: { id: 1, user_name: outcome.user, token: outcome.token },
    }
  }
  if (outcome.refused === 'rate_limited') {
    return failure(429, tokensPath, [{ message: 'Too Many Requests' }], { 'retry-after': '60' })
  }
  return {
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="Primero"' },
    json: {
      error:
        outcome.refused === 'locked' ? 'Your account is locked.' : 'Invalid User name or password.',
    },
  }
}

const directory = (all: ReadonlyArray<Record<string, unknown>>, params: URLSearchParams): Reply => {
  const { page, per } = paging(params)
  const filters = [...params].filter(([k]) => !['page', 'per', 'locale'].includes(k))
  const chosen = all.filter((item) =>
    filters.every(([k, v]) => item[k] === undefined || String(item[k]) === v),
  )
  return pageOf(chosen, page, per)
}

/** Routes one request; `body` is the parsed JSON (undefined when there was none). */
export const route = (
  world: World,
  method: string,
  url: URL,
  body: unknown,
  authorization: string | undefined,
): Reply => {
  const path = url.pathname.replace(/\/+$/, '')
  if (path === tokensPath) return tokens(world, method, body, authorization)
  const who = world.auth.check(authorization)
  if ('refused' in who) {
    return unauthorized(path, who.refused === 'locked' ? 'Your account is locked.' : 'Unauthorized')
  }
  const params = url.searchParams
  const parts = path.split('/').slice(1).map(decodeURIComponent) // api, v2, resource, …
  const [api, v2, resource, id, sub, subId] = parts
  if (api !== 'api' || v2 !== 'v2') return notFound(path)
  const is = (m: string, n: number): boolean => method === m && parts.length === n

  if (resource === 'cases') {
    if (is('GET', 3)) return listCases(world, params)
    if (is('POST', 3)) return postCase(world, body, who.user)
    if (id !== undefined && sub === undefined) {
      if (is('GET', 4)) return getCase(world, id, params)
      if (is('PATCH', 4)) return patchCaseRoute(world, id, body)
      if (is('DELETE', 4)) return deleteCase(world, id)
    }
    if (id !== undefined && sub === 'referrals') {
      if (is('GET', 5)) return listReferrals(world, id)
      if (is('POST', 5)) return postReferral(world, id, body, who.user)
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
