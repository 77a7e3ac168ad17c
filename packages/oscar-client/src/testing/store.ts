import { randomInt } from 'node:crypto'

import { ulid } from 'ulid'

import type { FakeService } from './defaults.js'

/** A referral row's status as OSCaR keeps it. */
export type FakeReferralStatus = 'Referred' | 'Accepted' | 'Exited' | 'Active'

/** A referral as `FakeOscar.referrals()` lists it. */
export interface FakeReferral {
  /** OSCaR's integer `referral_id`. */
  readonly id: number
  readonly externalId: string
  readonly externalIdDisplay: string
  readonly clientGlobalId: string
  /** The NGO short name. */
  readonly organization: string
  /** Service names. */
  readonly services: ReadonlyArray<string>
  readonly status: FakeReferralStatus
  /** ISO date-time, from the fake's clock. */
  readonly createdAt: string
}

/** A client (one child) as the fake stores it and `GET clients` returns it. */
export type FakeClientRecord = Record<string, unknown> & {
  readonly global_id: string
  readonly organization_name: string
}

type ReferralRow = { -readonly [K in keyof FakeReferral]: FakeReferral[K] }

/** What a route answers: JSON, or OSCaR's HTML error page. */
export type FakeAnswer =
  | { readonly status: number; readonly json: unknown }
  | { readonly status: number; readonly html: string }

export const RECORD_ERROR = 'Record error. Please check OSCaR logs for details.'
export const RECORD_SAVED = 'Record saved.'

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * OSCaR's error page. Like a Rails debug page it may quote the request's parameters,
 * child data included: a client must never echo it.
 */
export const errorPage = (status: number, params?: unknown): FakeAnswer => ({
  status,
  html: `<!DOCTYPE html><html><head><title>We're sorry, but something went wrong (${status})</title></head><body><h1>We're sorry, but something went wrong.</h1>${
    params === undefined
      ? ''
      : `<h2>Parameters</h2><pre>${escapeHtml(JSON.stringify(params))}</pre>`
  }</body></html>`,
})

const keyOf = (organization: string, globalId: string): string => `${organization}\u0000${globalId}`

const newSlug = (): string =>
  `${Array.from({ length: 4 }, () => String.fromCharCode(97 + randomInt(26))).join('')}-${randomInt(1000, 10000)}`

/** The fake's state: organisations, taxonomy, clients per NGO, referrals. */
export const createStore = (options: {
  readonly organizations: ReadonlyArray<string>
  readonly taxonomy: ReadonlyArray<FakeService>
  readonly clock: () => Date
}) => {
  const clients = new Map<string, Record<string, unknown>>()
  const referrals = new Map<number, ReferralRow>()
  let nextReferralId = 1
  const now = (): string => options.clock().toISOString()
  const organizationId = (name: string): number => options.organizations.indexOf(name) + 1

  const findClient = (
    organization: string,
    globalId: string,
  ): Record<string, unknown> | undefined => clients.get(keyOf(organization, globalId))

  const clientsWithGlobalId = (globalId: string): Record<string, unknown>[] =>
    [...clients.values()].filter((c) => c['global_id'] === globalId)

  const touch = (client: Record<string, unknown>): void => {
    client['updated_at'] = now()
  }

  const putClient = (record: Record<string, unknown>): FakeClientRecord => {
    const stored = structuredClone(record) as FakeClientRecord
    clients.set(keyOf(stored.organization_name, stored.global_id), stored)
    return stored
  }

  const addReferral = (
    row: Omit<ReferralRow, 'id' | 'createdAt'> & { readonly id?: number },
  ): ReferralRow => {
    const id = row.id ?? nextReferralId
    nextReferralId = Math.max(nextReferralId, id + 1)
    const stored: ReferralRow = { ...row, id, services: [...row.services], createdAt: now() }
    referrals.set(id, stored)
    return stored
  }

  /** Mints a `global_id`, as OSCaR does for a new referral. */
  const mintGlobalId = (): string => ulid()

  /** Sets the status of a referral's service on its client, if the client has it. */
  const setServiceStatus = (row: ReferralRow, status: FakeReferralStatus): boolean => {
    const client = findClient(row.organization, row.clientGlobalId)
    const services = Array.isArray(client?.['services'])
      ? (client['services'] as Record<string, unknown>[])
      : []
    const mine = services.filter((s) => s['referral_id'] === row.id)
    for (const service of mine) service['referral_status'] = status
    if (client !== undefined && mine.length > 0) touch(client)
    return mine.length > 0
  }

  const uuidOf = (name: string): string | null =>
    options.taxonomy.find((s) => s.name === name)?.uuid ?? null

  const referredService = (row: ReferralRow, name: string): Record<string, unknown> => ({
    program_name: null,
    enrollment_date: null,
    uuid: uuidOf(name),
    name,
    referral_id: row.id,
    referral_status: row.status,
  })

  /** The client an accepted referral becomes, from the upsert that created it. */
  const clientFromReferral = (
    row: ReferralRow,
    payload: Readonly<Record<string, unknown>>,
  ): Record<string, unknown> => {
    const text = (key: string): string =>
      typeof payload[key] === 'string' ? (payload[key] as string) : ''
    const stamp = now()
    return {
      slug: newSlug(),
      global_id: row.clientGlobalId,
      external_id: row.externalId,
      external_id_display: row.externalIdDisplay,
      mosvy_number: text('mosvy_number'),
      given_name: text('given_name'),
      family_name: text('family_name'),
      gender: text('gender'),
      date_of_birth: text('date_of_birth'),
      location_current_village_code: text('location_current_village_code'),
      address_current_village_code: text('address_current_village_code'),
      organization_id: organizationId(row.organization),
      organization_name: row.organization,
      external_case_worker_name: text('external_case_worker_name'),
      external_case_worker_id: text('external_case_worker_id'),
      reason_for_referral: text('reason_for_referral'),
      status: 'Accepted',
      case_worker_name: '',
      case_worker_mobile: '',
      is_referred: true,
      referral_consent_form: [],
      organization_address_code: '',
      level_of_risk: text('level_of_risk'),
      resource: 'primero',
      services: row.services.map((name) => referredService(row, name)),
      created_at: stamp,
      updated_at: stamp,
    }
  }

  const payloads = new Map<number, Readonly<Record<string, unknown>>>()

  return {
    options,
    clients,
    referrals,
    now,
    organizationId,
    findClient,
    clientsWithGlobalId,
    touch,
    putClient,
    addReferral,
    mintGlobalId,
    setServiceStatus,
    uuidOf,
    /** Remembers the upsert that created a referral: accepting it creates the client. */
    rememberPayload: (id: number, payload: Readonly<Record<string, unknown>>): void => {
      payloads.set(id, structuredClone(payload))
    },
    /** The NGO accepts or rejects a referral (`Exited` shows as "Rejected" in OSCaR). */
    decide: (referralId: number, status: 'Accepted' | 'Exited'): FakeReferral => {
      const row = referrals.get(referralId)
      if (row === undefined) throw new Error(`fake OSCaR: no referral ${referralId}`)
      row.status = status
      const client = findClient(row.organization, row.clientGlobalId)
      if (setServiceStatus(row, status)) return { ...row }
      if (status === 'Accepted') {
        if (client === undefined) putClient(clientFromReferral(row, payloads.get(row.id) ?? {}))
        else {
          const services = Array.isArray(client['services'])
            ? (client['services'] as unknown[])
            : []
          client['services'] = [
            ...services,
            ...row.services.map((name) => referredService(row, name)),
          ]
          touch(client)
        }
      }
      return { ...row }
    },
    listReferrals: (): FakeReferral[] =>
      [...referrals.values()]
        .sort((a, b) => a.id - b.id)
        .map((r) => ({ ...r, services: [...r.services] })),
  }
}

export type Store = ReturnType<typeof createStore>
