import { seededRandom } from '@primero-interop/fake-kit'
import { ulid } from 'ulid'

import type { FakeService } from './defaults.js'

/** A referral row's status as OSCaR keeps it. */
export type FakeReferralStatus = 'Referred' | 'Accepted' | 'Exited' | 'Active'

/** A referral as `FakeOscar.referrals()` lists it. */
export interface FakeReferral {
  /** OSCaR's integer `referral_id`: numbered per NGO (each NGO is its own schema). */
  readonly id: number
  readonly externalId: string
  readonly externalIdDisplay: string
  readonly clientGlobalId: string
  /** The NGO short name (the schema the row lives in). */
  readonly organization: string
  /** Service names. */
  readonly services: ReadonlyArray<string>
  readonly status: FakeReferralStatus
  /** ISO date-time, from the fake's clock. */
  readonly createdAt: string
}

/** A client (one child) as the fake stores it. */
export type FakeClientRecord = Record<string, unknown> & {
  readonly global_id: string
  readonly organization_name: string
}

/**
 * `received`: Primero → NGO (made by an upsert). `delivered`: NGO → MoSVY (made in the
 * NGO, seeded with `referred_external: true`). Both carry the external system's name.
 */
export type ReferralDirection = 'received' | 'delivered'

/** A referral row with what OSCaR keeps beside the listed fields. */
export type ReferralRow = { -readonly [K in keyof FakeReferral]: FakeReferral[K] } & {
  /** `referral.client` is set (`saved`): only then does the child's read show it. */
  attached: boolean
  readonly direction: ReferralDirection
  readonly levelOfRisk: string
  readonly reason: string
  /** Per service name, the uuid a seed gave (else the taxonomy's). */
  readonly uuids: Readonly<Record<string, string | null>>
  /** The upsert that made it: accepting it creates the client from this. */
  readonly payload: Readonly<Record<string, unknown>>
  /** Creation order across NGOs. */
  readonly seq: number
}

const keyOf = (organization: string, globalId: string): string => `${organization}\u0000${globalId}`

/** `rows` with `row` in its place by id (a list kept sorted by id). */
const insertById = (rows: ReferralRow[], row: ReferralRow): void => {
  let at = rows.length
  while (at > 0 && (rows[at - 1]?.id ?? 0) > row.id) at--
  rows.splice(at, 0, row)
}

/** A list in a map of lists, created on first use. */
const listIn = <K, V>(lists: Map<K, V[]>, key: K): V[] => {
  const list = lists.get(key) ?? []
  lists.set(key, list)
  return list
}

/** The fake's state: organisations, taxonomy, clients per NGO, referrals per NGO. */
export const createStore = (options: {
  readonly organizations: ReadonlyArray<string>
  readonly taxonomy: ReadonlyArray<FakeService>
  readonly clock: () => Date
  /** Seeds slugs and minted global ids. */
  readonly seed?: number
}) => {
  /** In insertion order: the order a child joined its NGOs. */
  const clients = new Map<string, Record<string, unknown>>()
  const referrals = new Map<string, Map<number, ReferralRow>>()
  // Indexes, kept by `putClient` and `addReferral` (the only writers of what they key on:
  // a client's `global_id` and NGO, a row's NGO, child and `external_id` never change).
  /** Every NGO's copy of a child, in the order the child joined them. */
  const holders = new Map<string, Record<string, unknown>[]>()
  /** Per NGO, per child's global id, its rows by id. */
  const rowsByClient = new Map<string, Map<string, ReferralRow[]>>()
  /** Per NGO, per `external_id`, its rows by id. */
  const rowsByExternalId = new Map<string, Map<string, ReferralRow[]>>()
  /** Per NGO, the highest referral id. */
  const maxId = new Map<string, number>()
  /** OSCaR's `GlobalIdentity` table: every global id it minted or holds. */
  const knownGlobalIds = new Set<string>()
  const random = seededRandom(((options.seed ?? 1) ^ 0x5eed1d) >>> 0)
  let seq = 0
  const now = (): string => options.clock().toISOString()
  const organizationId = (name: string): number => options.organizations.indexOf(name) + 1

  const findClient = (
    organization: string,
    globalId: string,
  ): Record<string, unknown> | undefined => clients.get(keyOf(organization, globalId))

  /** Every NGO's copy of a child, in the order the child joined them. */
  const clientsWithGlobalId = (globalId: string): Record<string, unknown>[] => [
    ...(holders.get(globalId) ?? []),
  ]

  /**
   * `global_identity.organizations.first`: Rails orders an unordered `first` by the primary
   * key, so the NGO with the lowest organisation id holding the child.
   */
  const firstHolder = (globalId: string): Record<string, unknown> | undefined =>
    clientsWithGlobalId(globalId).sort(
      (a, b) =>
        organizationId(String(a['organization_name'])) -
        organizationId(String(b['organization_name'])),
    )[0]

  const touch = (client: Record<string, unknown>): void => {
    client['updated_at'] = now()
  }

  const putClient = (record: Record<string, unknown>): FakeClientRecord => {
    const stored = structuredClone(record) as FakeClientRecord
    const key = keyOf(stored.organization_name, stored.global_id)
    const copies = listIn(holders, stored.global_id)
    const old = clients.get(key)
    // A child stored again keeps its place, in `clients` as in `holders`.
    const at = old === undefined ? -1 : copies.indexOf(old)
    if (at >= 0) copies[at] = stored
    else copies.push(stored)
    clients.set(key, stored)
    knownGlobalIds.add(stored.global_id)
    return stored
  }

  const rowsOf = (organization: string): Map<number, ReferralRow> => {
    const rows = referrals.get(organization) ?? new Map<number, ReferralRow>()
    referrals.set(organization, rows)
    return rows
  }

  /** A NGO's referrals by id. */
  const referralsIn = (organization: string): ReferralRow[] =>
    [...rowsOf(organization).values()].sort((a, b) => a.id - b.id)

  const referralIn = (organization: string, id: number): ReferralRow | undefined =>
    rowsOf(organization).get(id)

  /** Every row with this id, in any NGO (or in `organization` only). */
  const referralsWithId = (id: number, organization?: string): ReferralRow[] =>
    [...referrals.entries()]
      .filter(([org]) => organization === undefined || org === organization)
      .flatMap(([, rows]) => {
        const row = rows.get(id)
        return row === undefined ? [] : [row]
      })

  const addReferral = (
    row: Omit<ReferralRow, 'id' | 'createdAt' | 'seq' | 'uuids' | 'payload'> & {
      readonly id?: number
      readonly uuids?: Readonly<Record<string, string | null>>
      readonly payload?: Readonly<Record<string, unknown>>
    },
  ): ReferralRow => {
    const rows = rowsOf(row.organization)
    const id = row.id ?? (maxId.get(row.organization) ?? 0) + 1
    const stored: ReferralRow = {
      ...row,
      id,
      services: [...row.services],
      uuids: row.uuids ?? {},
      payload: structuredClone(row.payload ?? {}),
      createdAt: now(),
      seq: seq++,
    }
    const old = rows.get(id)
    const byClient = rowsByClient.get(row.organization) ?? new Map<string, ReferralRow[]>()
    const byExternalId = rowsByExternalId.get(row.organization) ?? new Map<string, ReferralRow[]>()
    rowsByClient.set(row.organization, byClient)
    rowsByExternalId.set(row.organization, byExternalId)
    if (old !== undefined) {
      for (const list of [byClient.get(old.clientGlobalId), byExternalId.get(old.externalId)]) {
        const at = list?.indexOf(old) ?? -1
        if (at >= 0) list?.splice(at, 1)
      }
    }
    rows.set(id, stored)
    maxId.set(row.organization, Math.max(maxId.get(row.organization) ?? 0, id))
    insertById(listIn(byClient, stored.clientGlobalId), stored)
    insertById(listIn(byExternalId, stored.externalId), stored)
    return stored
  }

  /** Mints a `global_id` (a ULID on the fake's clock, seeded), as OSCaR does. */
  const mintGlobalId = (): string => {
    const id = ulid(options.clock().getTime(), random)
    knownGlobalIds.add(id)
    return id
  }

  const newSlug = (): string =>
    `${Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('')}-${1000 + Math.floor(random() * 9000)}`

  const uuidOf = (name: string): string | null =>
    options.taxonomy.find((s) => s.name === name)?.uuid ?? null

  /** A NGO's referrals for one child's global id, by id. */
  const rowsFor = (organization: string, globalId: unknown): ReadonlyArray<ReferralRow> =>
    typeof globalId === 'string' ? (rowsByClient.get(organization)?.get(globalId) ?? []) : []

  /** The NGO opens the child: every referral of that global id there gets the client. */
  const attachAll = (organization: string, globalId: string): void => {
    for (const row of rowsFor(organization, globalId)) row.attached = true
  }

  /** The referrals a child's read shows (attached to it), by id. */
  const attachedTo = (client: Record<string, unknown>): ReferralRow[] =>
    rowsFor(String(client['organization_name']), client['global_id']).filter((r) => r.attached)

  /** The first referral by id in a NGO made by an upsert (`received`) with this `external_id`. */
  const receivedWithExternalId = (
    organization: string,
    externalId: unknown,
  ): ReferralRow | undefined =>
    typeof externalId === 'string'
      ? rowsByExternalId
          .get(organization)
          ?.get(externalId)
          ?.find((r) => r.direction === 'received')
      : undefined

  return {
    options,
    clients,
    now,
    organizationId,
    findClient,
    clientsWithGlobalId,
    firstHolder,
    touch,
    putClient,
    referralsIn,
    referralIn,
    referralsWithId,
    addReferral,
    mintGlobalId,
    isKnownGlobalId: (globalId: string): boolean => knownGlobalIds.has(globalId),
    newSlug,
    uuidOf,
    attachAll,
    attachedTo,
    receivedWithExternalId,
    listReferrals: (): FakeReferral[] =>
      [...referrals.values()]
        .flatMap((rows) => [...rows.values()])
        .sort((a, b) => a.seq - b.seq)
        .map((r) => ({
          id: r.id,
          externalId: r.externalId,
          externalIdDisplay: r.externalIdDisplay,
          clientGlobalId: r.clientGlobalId,
          organization: r.organization,
          services: [...r.services],
          status: r.status,
          createdAt: r.createdAt,
        })),
  }
}

export type Store = ReturnType<typeof createStore>
