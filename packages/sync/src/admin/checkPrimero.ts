import type { MappingConfig } from '@primero-interop/mappings'
import type {
  DirectoryQuery,
  PrimeroAgency,
  PrimeroError,
  PrimeroLookup,
  PrimeroUser,
} from '@primero-interop/primero-client'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { type CheckFinding, finding } from './findings.js'

/** What `check` needs of Primero: its directories. A `PrimeroClient` has them. */
export interface CheckPrimeroPort {
  readonly listLookups: () => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroLookup>>
  readonly listUsers: (
    query?: DirectoryQuery,
  ) => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroUser>>
  readonly listAgencies: () => TE.TaskEither<PrimeroError, ReadonlyArray<PrimeroAgency>>
}

/**
 * Which Primero lookup holds each kind of option id. The standard ones default to
 * Primero's own lookup ids; the instance's own fields (subtype, referral status) have no
 * standard lookup: unnamed, any lookup holding the id counts, and unmapped options are
 * not looked for.
 */
export interface CheckLookups {
  readonly serviceType?: string
  readonly serviceSubtype?: string
  readonly serviceResponseType?: string
  readonly referralStatus?: string
  readonly riskLevel?: string
}

export const defaultCheckLookups: Required<
  Pick<CheckLookups, 'serviceType' | 'serviceResponseType' | 'riskLevel'>
> = {
  serviceType: 'lookup-service-type',
  serviceResponseType: 'lookup-service-response-type',
  riskLevel: 'lookup-risk-level',
}

interface Wanted {
  readonly kind: keyof CheckLookups
  readonly ids: ReadonlyArray<readonly [path: string, id: string]>
  /** Report options of the lookup that the mapping lacks (a new service, subtype). */
  readonly unmapped?: boolean
}

const wanted = (c: MappingConfig): ReadonlyArray<Wanted> => {
  const p = c.primero
  const tax = c.services.taxonomy
  return [
    {
      kind: 'serviceType',
      ids: [
        ...tax.map((s, i) => [`services.taxonomy[${i}].primeroType`, s.primeroType] as const),
        ['services.unknownInboundType', c.services.unknownInboundType],
      ],
      unmapped: true,
    },
    {
      kind: 'serviceSubtype',
      ids: [
        ...tax.map((s, i) => [`services.taxonomy[${i}].primeroSubtype`, s.primeroSubtype] as const),
        ...Object.keys(c.services.outboundAliases).map(
          (k) => [`services.outboundAliases.${k}`, k] as const,
        ),
      ],
      unmapped: true,
    },
    {
      kind: 'serviceResponseType',
      ids: Object.entries(p.serviceResponseTypes).map(
        ([k, v]) => [`primero.serviceResponseTypes.${k}`, v] as const,
      ),
    },
    {
      kind: 'referralStatus',
      ids: Object.entries(p.serviceReferralStatusOptions).map(
        ([k, v]) => [`primero.serviceReferralStatusOptions.${k}`, v] as const,
      ),
    },
    {
      kind: 'riskLevel',
      ids: c.riskLevels.levels.map(
        (l, i) => [`riskLevels.levels[${i}].primero`, l.primero] as const,
      ),
    },
  ]
}

/** Every mapped option id against Primero's lookups, and what the lookups hold unmapped. */
export const checkLookups = (
  c: MappingConfig,
  lookups: ReadonlyArray<PrimeroLookup>,
  names: CheckLookups,
): ReadonlyArray<CheckFinding> => {
  const byId = new Map(lookups.map((l) => [l.unique_id, new Set(l.values.map((v) => v.id))]))
  const anywhere = new Set(lookups.flatMap((l) => l.values.map((v) => v.id)))
  const all: CheckLookups = { ...defaultCheckLookups, ...names }
  return wanted(c).flatMap((w) => {
    const name = all[w.kind]
    const values = name === undefined ? anywhere : byId.get(name)
    if (values === undefined)
      return [
        finding(
          'error',
          'LOOKUP_MISSING',
          'primero',
          '',
          name ?? w.kind,
          `lookup ${name ?? w.kind} is not in Primero (or not readable by the API user)`,
        ),
      ]
    const mapped = new Set(w.ids.map(([, id]) => id))
    const missing = w.ids
      .filter(([, id]) => !values.has(id))
      .map(([path, id]) =>
        finding(
          'error',
          'OPTION_MISSING',
          'primero',
          path,
          id,
          `option ${id} is not in ${name ?? 'any lookup'}`,
        ),
      )
    const unmapped =
      w.unmapped === true && name !== undefined
        ? [...values]
            .filter((id) => !mapped.has(id))
            .map((id) =>
              finding(
                'warning',
                'UNMAPPED_OPTION',
                'primero',
                '',
                id,
                `option ${id} of ${name} is not in the mapping`,
              ),
            )
        : []
    return [...missing, ...unmapped]
  })
}

const fill = (pattern: string, org: string): string => pattern.replace('{organization}', org)

/** Province users, and each NGO's agency and agency user: present and enabled. */
export const checkDirectory = (
  c: MappingConfig,
  users: ReadonlyArray<PrimeroUser>,
  agencies: ReadonlyArray<PrimeroAgency>,
): ReadonlyArray<CheckFinding> => {
  const user = new Map(users.map((u) => [u.user_name, u]))
  const agency = new Map(agencies.map((a) => [a.unique_id, a]))
  const userFindings = (
    path: string,
    name: string,
    missing: 'PROVINCE_USER_MISSING' | 'AGENCY_USER_MISSING',
    disabled: 'PROVINCE_USER_DISABLED' | 'AGENCY_USER_DISABLED',
  ): CheckFinding[] => {
    const u = user.get(name)
    if (u === undefined)
      return [
        finding(
          'error',
          missing,
          'primero',
          path,
          name,
          `user ${name} is not in Primero (or not visible to the API user)`,
        ),
      ]
    return u.disabled === true
      ? [finding('error', disabled, 'primero', path, name, `user ${name} is disabled`)]
      : []
  }
  return [
    ...c.provinces.flatMap((p, i) =>
      userFindings(
        `provinces[${i}].primeroUser`,
        p.primeroUser,
        'PROVINCE_USER_MISSING',
        'PROVINCE_USER_DISABLED',
      ),
    ),
    ...c.agencies.known.flatMap((org, i) => {
      const path = `agencies.known[${i}]`
      const id = fill(c.agencies.idPattern, org)
      const a = agency.get(id)
      return [
        ...(a === undefined
          ? [
              finding(
                'error',
                'AGENCY_MISSING',
                'primero',
                path,
                id,
                `agency ${id} is not in Primero`,
              ),
            ]
          : a.disabled === true
            ? [finding('error', 'AGENCY_DISABLED', 'primero', path, id, `agency ${id} is disabled`)]
            : []),
        ...userFindings(
          path,
          fill(c.agencies.userPattern, org),
          'AGENCY_USER_MISSING',
          'AGENCY_USER_DISABLED',
        ),
      ]
    }),
  ]
}
