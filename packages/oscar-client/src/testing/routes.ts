import type { IncomingHttpHeaders } from 'node:http'

import { errorPage, type FakeAnswer } from './answers.js'
import type { Auth } from './auth.js'
import { SIGN_IN_REQUIRED } from './auth.js'
import { listClients } from './query.js'
import type { Store } from './store.js'
import { upsert } from './upsert.js'
import { type StatusesOrganization, updateLinks, updateStatuses } from './writes.js'

/** `Organization.visible`: tenants OSCaR never lists. */
export const HIDDEN_ORGANIZATIONS: ReadonlyArray<string> = [
  'cwd',
  'myan',
  'rok',
  'shared',
  'my',
  'tutorials',
  'cifcp',
]

/** One request as the router sees it. */
export interface RouteInput {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  readonly body: unknown
}

export interface RouteOutput {
  readonly answer: FakeAnswer
  readonly headers?: Readonly<Record<string, string>>
}

const API = '/api/v1'

/** Routes OSCaR's API v1 (and only what the interoperability uses). */
export const createRouter = (
  store: Store,
  auth: Auth,
  rejectTokens: () => boolean,
  statusesOrganization: StatusesOrganization = 'first-joined',
) => {
  const session = (headers: IncomingHttpHeaders): string | undefined =>
    rejectTokens()
      ? undefined
      : auth.check(headers as Record<string, string | string[] | undefined>)
  const authed = (input: RouteInput, handler: () => FakeAnswer): RouteOutput =>
    session(input.headers) === undefined
      ? { answer: { status: 401, json: SIGN_IN_REQUIRED } }
      : { answer: handler() }

  return (input: RouteInput): RouteOutput => {
    const route = `${input.method} ${input.path.replace(/\/+$/, '')}`
    switch (route) {
      case `POST ${API}/admin_auth/sign_in`: {
        const { answer, headers } = auth.signIn(input.body)
        return { answer, headers }
      }
      case `DELETE ${API}/admin_auth/sign_out`: {
        const client = session(input.headers)
        if (client === undefined)
          return {
            answer: {
              status: 404,
              json: { success: false, errors: ['User was not found or was not logged in.'] },
            },
          }
        auth.signOut(client)
        return { answer: { status: 200, json: { success: true } } }
      }
      case `GET ${API}/admin_auth/validate_token`:
        return session(input.headers) === undefined
          ? {
              answer: {
                status: 401,
                json: { success: false, errors: ['Invalid login credentials'] },
              },
            }
          : { answer: { status: 200, json: { success: true, data: { id: 1 } } } }
      case `GET ${API}/organizations`:
        // OSCaR skips authentication here, and lists only its "visible" tenants.
        return {
          answer: {
            status: 200,
            json: {
              organizations: store.options.organizations
                .filter((name) => !HIDDEN_ORGANIZATIONS.includes(name))
                .map((short_name) => ({
                  id: store.organizationId(short_name),
                  full_name: short_name.toUpperCase(),
                  short_name,
                  logo: { url: null },
                  country: 'cambodia',
                  demo: false,
                })),
            },
          },
        }
      case `GET ${API}/organizations/clients`:
        return authed(input, () => listClients(store, input.query))
      case `POST ${API}/organizations/clients/upsert`:
        return authed(input, () => upsert(store, input.body))
      case `PUT ${API}/organizations/clients/update_links`:
        return authed(input, () => updateLinks(store, input.body))
      case `PUT ${API}/organizations/referrals/update_statuses`:
        // OSCaR applies no auth check here.
        return { answer: updateStatuses(store, input.body, statusesOrganization) }
      default:
        return { answer: errorPage(404) }
    }
  }
}
