import { isRecord, text } from './answers.js'
import { storedView } from './render.js'
import type {
  FakeClientRecord,
  FakeReferral,
  FakeReferralStatus,
  ReferralRow,
  Store,
} from './store.js'

const STATUSES: ReadonlyArray<FakeReferralStatus> = ['Referred', 'Accepted', 'Exited', 'Active']

const statusOf = (u: unknown): FakeReferralStatus => STATUSES.find((s) => s === u) ?? 'Referred'

/**
 * A client as a test seeds it: OSCaR's shape, with its id and NGO. `referred_external:
 * true` marks a child the NGO referred to MoSVY (its referral rows go NGO → MoSVY, and
 * `GET clients` serialises it without `resource`). `is_referred` is derived, not stored.
 */
export type FakeClientSeed = Readonly<Record<string, unknown>> & {
  readonly global_id: string
  readonly organization_name: string
}

const publicRow = (row: ReferralRow): FakeReferral => ({
  id: row.id,
  externalId: row.externalId,
  externalIdDisplay: row.externalIdDisplay,
  clientGlobalId: row.clientGlobalId,
  organization: row.organization,
  services: [...row.services],
  status: row.status,
  createdAt: row.createdAt,
})

/**
 * Stores `seed` in the NGO `organization_name` names, stamped with the fake's clock
 * unless it carries `created_at`/`updated_at`; each service carrying a `referral_id`
 * becomes a referral row of that NGO, attached to the child (ids are per NGO).
 */
export const seedClient = (store: Store, seed: FakeClientSeed): FakeClientRecord => {
  if (typeof seed.global_id !== 'string' || seed.global_id === '')
    throw new Error('fake OSCaR: a seeded client needs a global_id')
  const organization = seed.organization_name
  if (!store.options.organizations.includes(organization))
    throw new Error(`fake OSCaR: no organisation ${String(organization)}`)
  // Referral rows by id, from the services that carry one (several services may share one).
  const rows = new Map<
    number,
    { names: string[]; uuids: Record<string, string | null>; status: FakeReferralStatus }
  >()
  const enrolments: unknown[] = []
  for (const service of Array.isArray(seed['services']) ? (seed['services'] as unknown[]) : []) {
    const {
      referral_id: id,
      referral_status: status,
      name,
      uuid,
    } = isRecord(service) ? service : {}
    if (typeof id !== 'number' || !Number.isInteger(id)) {
      enrolments.push(service)
      continue
    }
    const row = rows.get(id) ?? { names: [], uuids: {}, status: statusOf(status) }
    if (typeof name === 'string') {
      row.names.push(name)
      row.uuids[name] = typeof uuid === 'string' ? uuid : null
    }
    rows.set(id, row)
    const existing = store.referralIn(organization, id)
    if (existing !== undefined && existing.clientGlobalId !== seed.global_id)
      throw new Error(`fake OSCaR: referral ${id} of ${organization} belongs to another client`)
  }
  const stamp = store.now()
  const stored = store.putClient({
    organization_id: store.organizationId(organization),
    ...seed,
    services: enrolments,
    created_at: typeof seed['created_at'] === 'string' ? seed['created_at'] : stamp,
    updated_at: typeof seed['updated_at'] === 'string' ? seed['updated_at'] : stamp,
  })
  delete stored['is_referred']
  for (const [id, { names, uuids, status }] of rows) {
    const existing = store.referralIn(organization, id)
    if (existing !== undefined) {
      existing.services = names
      existing.status = status
      existing.attached = true
      continue
    }
    store.addReferral({
      id,
      externalId: text(stored['external_id']),
      externalIdDisplay: text(stored['external_id_display']),
      clientGlobalId: stored.global_id,
      organization,
      services: names,
      uuids,
      status,
      attached: true,
      direction: seed['referred_external'] === true ? 'delivered' : 'received',
      levelOfRisk: text(stored['level_of_risk']),
      reason: text(stored['reason_for_referral']),
    })
  }
  return storedView(store, stored) as FakeClientRecord
}

/**
 * An NGO edits a child: `patch` is merged into the record and `updated_at` bumped. When
 * the child is in several NGOs, `organization` says which.
 */
export const updateClient = (
  store: Store,
  globalId: string,
  patch: Readonly<Record<string, unknown>>,
  organization?: string,
): FakeClientRecord => {
  const candidates = store
    .clientsWithGlobalId(globalId)
    .filter((c) => organization === undefined || c['organization_name'] === organization)
  const [client, ...others] = candidates
  if (client === undefined) throw new Error(`fake OSCaR: no client ${globalId}`)
  if (others.length > 0)
    throw new Error(`fake OSCaR: client ${globalId} is in several NGOs; name the organization`)
  if ('global_id' in patch || 'organization_name' in patch)
    throw new Error('fake OSCaR: updateClient cannot move a client')
  Object.assign(client, structuredClone(patch))
  store.touch(client)
  return storedView(store, client) as FakeClientRecord
}

/** The client an accepted referral becomes, from the upsert that created it. */
const clientFromReferral = (store: Store, row: ReferralRow): Record<string, unknown> => {
  const p = row.payload
  const stamp = store.now()
  return {
    slug: store.newSlug(),
    global_id: row.clientGlobalId,
    external_id: row.externalId,
    external_id_display: row.externalIdDisplay,
    mosvy_number: text(p['mosvy_number']),
    given_name: text(p['given_name']),
    family_name: text(p['family_name']),
    gender: text(p['gender']),
    date_of_birth: text(p['date_of_birth']),
    location_current_village_code: text(p['location_current_village_code']),
    address_current_village_code: text(p['location_current_village_code']),
    organization_id: store.organizationId(row.organization),
    organization_name: row.organization,
    external_case_worker_name: text(p['external_case_worker_name']),
    external_case_worker_id: text(p['external_case_worker_id']),
    reason_for_referral: row.reason,
    status: 'Accepted',
    case_worker_name: '',
    case_worker_mobile: '',
    referral_consent_form: [],
    organization_address_code: '',
    level_of_risk: row.levelOfRisk,
    services: [],
    created_at: stamp,
    updated_at: stamp,
  }
}

/**
 * The NGO accepts or rejects (`Exited`) a referral. Referral ids are per NGO: name the
 * `organization` when the id exists in several. Accepting a referral of a child the NGO
 * does not hold creates the child (with the referral's `global_id`); deciding on one of a
 * child it holds shows the child's referrals on it (bumping `updated_at`).
 */
export const decideReferral = (
  store: Store,
  referralId: number,
  status: 'Accepted' | 'Exited',
  organization?: string,
): FakeReferral => {
  const [row, ...others] = store.referralsWithId(referralId, organization)
  if (row === undefined)
    throw new Error(
      `fake OSCaR: no referral ${referralId}${organization === undefined ? '' : ` in ${organization}`}`,
    )
  if (others.length > 0)
    throw new Error(`fake OSCaR: referral ${referralId} is in several NGOs; name the organization`)
  row.status = status
  const client = store.findClient(row.organization, row.clientGlobalId)
  if (client !== undefined) {
    store.attachAll(row.organization, row.clientGlobalId)
    store.touch(client)
  } else if (status === 'Accepted') {
    store.putClient(clientFromReferral(store, row))
    store.attachAll(row.organization, row.clientGlobalId)
  }
  return publicRow(row)
}
