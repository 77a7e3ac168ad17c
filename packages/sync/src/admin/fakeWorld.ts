/**
 * The fakes' directories and a small scenario built from any mapping configuration, so
 * every command can be tried, and the another-country example run, against the fakes.
 * Loaded only by `fakes` and tests: the sync never loads the fakes.
 */
import { type MappingConfig } from '@primero-interop/mappings'

/** What a fake Primero should know for `check` to find a mapping in step: users, agencies, lookups. */
export const primeroDirectoryFor = (c: MappingConfig) => {
  const fill = (pattern: string, org: string) => pattern.replace('{organization}', org)
  const lookup = (unique_id: string, ids: ReadonlyArray<string>) => ({
    unique_id,
    values: [...new Set(ids)].map((id) => ({ id, display_text: { en: id } })),
  })
  return {
    users: [
      ...c.provinces.map((p) => ({ user_name: p.primeroUser })),
      ...c.agencies.known.map((org) => ({
        user_name: fill(c.agencies.userPattern, org),
        agency_id: fill(c.agencies.idPattern, org),
      })),
    ],
    agencies: c.agencies.known.map((org) => ({ unique_id: fill(c.agencies.idPattern, org) })),
    lookups: [
      lookup('lookup-service-type', [
        ...c.services.taxonomy.map((s) => s.primeroType),
        c.services.unknownInboundType,
      ]),
      lookup('lookup-service-subtype', [
        ...c.services.taxonomy.map((s) => s.primeroSubtype),
        ...Object.keys(c.services.outboundAliases),
      ]),
      lookup('lookup-service-response-type', Object.values(c.primero.serviceResponseTypes)),
      lookup(
        'lookup-service-referral-status',
        Object.values(c.primero.serviceReferralStatusOptions),
      ),
      lookup(
        'lookup-risk-level',
        c.riskLevels.levels.map((l) => l.primero),
      ),
    ],
    // The fakes' select-field checks are Cambodia's form; another form's fields pass.
    selectFields: {},
  }
}

/** What a scenario seeds into the fakes (structural: the fakes have it). */
export interface SeedTargets {
  readonly primero: {
    readonly seedCases: (cases: ReadonlyArray<Record<string, unknown>>) => unknown
    readonly seedReferral: (caseId: string, referral: Record<string, unknown>) => unknown
  }
  readonly oscar: {
    readonly seedClient: (
      client: Record<string, unknown> & { global_id: string; organization_name: string },
    ) => unknown
  }
}

export interface MappingScenario {
  /** Where the first sync starts. */
  readonly since: string
  /** Primero `case_id`s referred to an NGO (one each). */
  readonly referred: ReadonlyArray<string>
  /** OSCaR `global_id`s an NGO referred to Primero. */
  readonly fromNgos: ReadonlyArray<string>
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')
const uuidOf = (kind: number, i: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(i, 12)}`
const ulidOf = (i: number) => `01J0000000000000000000${String(i).padStart(4, '0')}`

/**
 * A small deterministic scenario for any mapping: per NGO (up to `cases`), one Primero
 * case referred to it, and one child it refers to Primero from a configured province.
 * The names are invented placeholders.
 */
export const seedMappingScenario = (
  fakes: SeedTargets,
  c: MappingConfig,
  options: { readonly cases?: number; readonly now?: Date } = {},
): MappingScenario => {
  const now = options.now ?? new Date()
  const since = new Date(now.getTime() - 86_400_000).toISOString()
  const orgs = c.agencies.known
  const n = Math.min(options.cases ?? orgs.length, orgs.length)
  const fill = (pattern: string, org: string) => pattern.replace('{organization}', org)
  const referred: string[] = []
  const fromNgos: string[] = []
  for (let i = 0; i < n; i++) {
    const org = orgs[i] ?? ''
    const service = c.services.taxonomy[i % Math.max(1, c.services.taxonomy.length)]
    const province = c.provinces[i % Math.max(1, c.provinces.length)]
    if (service === undefined || province === undefined) break
    const id = uuidOf(1, i)
    const caseId = uuidOf(2, i)
    const rowId = uuidOf(3, i)
    referred.push(caseId)
    fakes.primero.seedCases([
      {
        id,
        case_id: caseId,
        case_id_display: caseId.slice(-7),
        module_id: c.primero.moduleId,
        record_state: true,
        status: 'open',
        name_first: `Child${i}`,
        name_last: 'Example',
        sex: i % 2 === 0 ? 'female' : 'male',
        date_of_birth: '2015-06-01',
        location_current: `${province.code}0101`,
        owned_by: province.primeroUser,
        risk_level: c.riskLevels.levels[0]?.primero ?? 'low',
        consent_for_services: true,
        disclosure_other_orgs: true,
        services_section: [
          {
            unique_id: rowId,
            service_type: service.primeroType,
            service_subtype: [service.primeroSubtype],
            service_response_type: c.primero.serviceResponseTypes.referralToOscar,
            service_implementing_agency: fill(c.agencies.idPattern, org),
            [c.primero.fieldIds.serviceReferralStatus]:
              c.primero.serviceReferralStatusOptions.pending,
          },
        ],
      },
    ])
    fakes.primero.seedReferral(id, {
      id: uuidOf(4, i),
      status: 'in_progress',
      service_record_id: rowId,
      transitioned_to: fill(c.agencies.userPattern, org),
      transitioned_to_agency: fill(c.agencies.idPattern, org),
      created_at: now.toISOString(),
    })
    const globalId = ulidOf(i)
    fromNgos.push(globalId)
    fakes.oscar.seedClient({
      global_id: globalId,
      slug: `${org}-${i}`,
      external_id: '',
      external_id_display: '',
      mosvy_number: '',
      given_name: `Child${i}`,
      family_name: 'Referred',
      gender: 'female',
      date_of_birth: '2014-02-03',
      location_current_village_code: `${province.code}010101`,
      address_current_village_code: `${province.code}010101`,
      organization_name: org,
      case_worker_name: 'NGO case worker',
      case_worker_mobile: '012345678',
      level_of_risk: 'medium',
      referred_external: true,
      status: c.statuses.oscarUndecided,
      services: [
        {
          uuid: null,
          name: service.oscarName,
          program_name: null,
          enrollment_date: null,
          referral_id: 7000 + i,
          referral_status: c.statuses.oscarUndecided,
        },
      ],
    })
  }
  return { since, referred, fromNgos }
}
