import type { FakeClientRecord, FakeReferralStatus, Store } from './store.js'

const STATUSES: ReadonlyArray<FakeReferralStatus> = ['Referred', 'Accepted', 'Exited', 'Active']

const statusOf = (u: unknown): FakeReferralStatus => STATUSES.find((s) => s === u) ?? 'Referred'

/** A client as a test seeds it: OSCaR's shape, with its id and NGO. */
export type FakeClientSeed = Readonly<Record<string, unknown>> & {
  readonly global_id: string
  readonly organization_name: string
}

/**
 * Stores `seed` as OSCaR returns it, in the NGO `organization_name` names, stamped with
 * the fake's clock unless it carries `created_at`/`updated_at`; each service carrying a
 * `referral_id` gets a referral row.
 */
export const seedClient = (store: Store, seed: FakeClientSeed): FakeClientRecord => {
  if (typeof seed.global_id !== 'string' || seed.global_id === '')
    throw new Error('fake OSCaR: a seeded client needs a global_id')
  if (!store.options.organizations.includes(seed.organization_name))
    throw new Error(`fake OSCaR: no organisation ${String(seed.organization_name)}`)
  // Referral rows by id, from the services that carry one (several services may share one).
  const rows = new Map<number, { names: string[]; status: FakeReferralStatus }>()
  for (const service of Array.isArray(seed['services']) ? (seed['services'] as unknown[]) : []) {
    if (typeof service !== 'object' || service === null) continue
    const { referral_id: id, referral_status: status, name } = service as Record<string, unknown>
    if (typeof id !== 'number' || !Number.isInteger(id)) continue
    const row = rows.get(id) ?? { names: [], status: statusOf(status) }
    if (typeof name === 'string') row.names.push(name)
    rows.set(id, row)
    const existing = store.referrals.get(id)
    if (
      existing !== undefined &&
      (existing.clientGlobalId !== seed.global_id ||
        existing.organization !== seed.organization_name)
    )
      throw new Error(`fake OSCaR: referral ${id} already belongs to another client`)
  }
  const stamp = store.now()
  const stored = store.putClient({
    organization_id: store.organizationId(seed.organization_name),
    ...seed,
    created_at: typeof seed['created_at'] === 'string' ? seed['created_at'] : stamp,
    updated_at: typeof seed['updated_at'] === 'string' ? seed['updated_at'] : stamp,
  })
  const text = (key: string): string =>
    typeof stored[key] === 'string' ? (stored[key] as string) : ''
  for (const [id, { names, status }] of rows) {
    const existing = store.referrals.get(id)
    if (existing !== undefined) {
      existing.services = names
      existing.status = status
      continue
    }
    store.addReferral({
      id,
      externalId: text('external_id'),
      externalIdDisplay: text('external_id_display'),
      clientGlobalId: stored.global_id,
      organization: stored.organization_name,
      services: names,
      status,
    })
  }
  return structuredClone(stored)
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
  return structuredClone(client) as FakeClientRecord
}
