/**
 * `check`: the mapping against the live systems, read-only. Every mapped Primero option
 * exists in its lookup, every province and agency user exists and is enabled, every NGO
 * is an OSCaR organisation and every OSCaR service name one OSCaR knows; and what the
 * systems hold that the mapping lacks (a new service, a new NGO). Ids only.
 */
import type { MappingConfig } from '@primero-interop/mappings'
import type { OscarError, OscarInteropClient } from '@primero-interop/oscar-client'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { dayOf } from '../day.js'
import { type SyncError, syncError } from '../errors.js'
import {
  checkDirectory,
  type CheckLookups,
  checkLookups,
  type CheckPrimeroPort,
} from './checkPrimero.js'
import { type CheckFinding, type CheckReport, finding } from './findings.js'

/** What `check` needs of OSCaR: its organisations and a read of recent clients. */
export type CheckOscarPort = Pick<OscarInteropClient, 'listOrganizations' | 'readClients'>

export interface CheckOptions {
  readonly primero: CheckPrimeroPort
  readonly oscar: CheckOscarPort
  readonly config: MappingConfig
  /** Which lookup holds which option ids (see `CheckLookups`). */
  readonly lookups?: CheckLookups
  /**
   * The service names OSCaR accepts, when the administrator has them (OSCaR's API has no
   * endpoint listing them). Without it, names are compared with those the recent OSCaR
   * read shows: an unseen mapped name is an `info`, not an error.
   */
  readonly oscarServiceNames?: ReadonlyArray<string>
  /** The first day of that OSCaR read (`YYYY-MM-DD`). Default: 30 days before `now`. */
  readonly oscarSince?: string
  /** Default: the real time. */
  readonly now?: Date
}

const DAY_MS = 86_400_000

/**
 * Tenants `GET /api/v1/organizations` never lists (OSCaR's `Organization.visible` scope,
 * `app/models/organization.rb`): a mapped one cannot be confirmed, nor called missing.
 */
const UNLISTED = new Set(['cwd', 'myan', 'rok', 'shared', 'my', 'tutorials', 'cifcp'])

const oscarFailed = (what: string, e: OscarError | { readonly _tag: string }): SyncError =>
  syncError(
    e._tag === 'AuthError' ? 'AUTH_FAILED' : 'OSCAR_READ_FAILED',
    `cannot read OSCaR ${what} (${e._tag})`,
  )

const checkServices = (
  c: MappingConfig,
  accepted: ReadonlyArray<string> | undefined,
  seen: ReadonlySet<string>,
): ReadonlyArray<CheckFinding> => {
  const mapped = new Set([
    ...c.services.taxonomy.map((s) => s.oscarName),
    ...Object.values(c.services.outboundAliases),
  ])
  const paths = c.services.taxonomy.map(
    (s, i) => [`services.taxonomy[${i}].oscarName`, s.oscarName] as const,
  )
  if (accepted !== undefined) {
    const known = new Set(accepted)
    return [
      ...paths
        .filter(([, n]) => !known.has(n))
        .map(([path, n]) =>
          finding(
            'error',
            'OSCAR_SERVICE_UNKNOWN',
            'oscar',
            path,
            n,
            `OSCaR service ${n} is not one OSCaR accepts`,
          ),
        ),
      ...accepted
        .filter((n) => !mapped.has(n))
        .map((n) =>
          finding(
            'warning',
            'UNMAPPED_OSCAR_SERVICE',
            'oscar',
            '',
            n,
            `OSCaR service ${n} is not in the mapping`,
          ),
        ),
    ]
  }
  return [
    ...paths
      .filter(([, n]) => !seen.has(n))
      .map(([path, n]) =>
        finding(
          'info',
          'OSCAR_SERVICE_UNSEEN',
          'oscar',
          path,
          n,
          `no recent OSCaR read shows service ${n}`,
        ),
      ),
    ...[...seen]
      .filter((n) => !mapped.has(n))
      .map((n) =>
        finding(
          'warning',
          'UNMAPPED_OSCAR_SERVICE',
          'oscar',
          '',
          n,
          `OSCaR service ${n} is not in the mapping`,
        ),
      ),
  ]
}

/**
 * Checks `config` against both systems. Resolves to the findings (errors first), or a
 * `SyncError` when a system cannot be read at all.
 *
 * @example
 * const report = await checkMapping({ ...connect(settings), config })()
 */
export const checkMapping =
  (options: CheckOptions): TE.TaskEither<SyncError, CheckReport> =>
  async () => {
    const { primero, oscar, config: c } = options
    const now = options.now ?? new Date()
    const lookups = await primero.listLookups()()
    const users = await primero.listUsers()()
    const agencies = await primero.listAgencies()()
    for (const [what, r] of [
      ['lookups', lookups],
      ['users', users],
      ['agencies', agencies],
    ] as const) {
      if (E.isLeft(r))
        return E.left(
          syncError(
            r.left._tag === 'AuthError' ? 'AUTH_FAILED' : 'PRIMERO_READ_FAILED',
            `cannot read Primero ${what} (${r.left._tag})`,
          ),
        )
    }
    const orgs = await oscar.listOrganizations()()
    if (E.isLeft(orgs)) return E.left(oscarFailed('organisations', orgs.left))
    const since =
      options.oscarSince ??
      dayOf(new Date(now.getTime() - 30 * DAY_MS).toISOString()) ??
      '1970-01-01'
    const clients =
      options.oscarServiceNames === undefined ? await oscar.readClients({ since })() : undefined
    if (clients !== undefined && E.isLeft(clients))
      return E.left(oscarFailed('clients', clients.left))
    const seen = new Set(
      (clients?.right.clients ?? []).flatMap((client) =>
        (client.services ?? []).map((s) => s.name),
      ),
    )
    const l = E.isRight(lookups) ? lookups.right : []
    const u = E.isRight(users) ? users.right : []
    const a = E.isRight(agencies) ? agencies.right : []
    const shortNames = new Set(orgs.right.map((o) => o.short_name))
    const known = new Set(c.agencies.known)
    const findings = [
      ...checkLookups(c, l, options.lookups ?? {}),
      ...checkDirectory(c, u, a),
      ...c.agencies.known
        .map((org, i) => [`agencies.known[${i}]`, org] as const)
        .filter(([, org]) => !shortNames.has(org))
        .map(([path, org]) =>
          UNLISTED.has(org)
            ? finding(
                'info',
                'ORGANIZATION_UNLISTED',
                'oscar',
                path,
                org,
                `OSCaR never lists organisation ${org}: check it by hand`,
              )
            : finding(
                'error',
                'ORGANIZATION_MISSING',
                'oscar',
                path,
                org,
                `NGO ${org} is not an OSCaR organisation`,
              ),
        ),
      ...[...shortNames]
        .filter((org) => !known.has(org))
        .map((org) =>
          finding(
            'warning',
            'UNMAPPED_ORGANIZATION',
            'oscar',
            '',
            org,
            `OSCaR organisation ${org} is not in agencies.known`,
          ),
        ),
      ...checkServices(c, options.oscarServiceNames, seen),
    ]
    const order = { error: 0, warning: 1, info: 2 }
    return E.right({
      findings: [...findings].sort((x, y) => order[x.severity] - order[y.severity]),
      read: {
        lookups: l.length,
        users: u.length,
        agencies: a.length,
        organizations: orgs.right.length,
        oscarServices: options.oscarServiceNames?.length ?? seen.size,
      },
    })
  }
