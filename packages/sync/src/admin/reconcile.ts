/**
 * `reconcile`: what the two systems and the state disagree on, read-only, ids only:
 * children linked on one side only, referrals whose status differs, referrals sent that
 * no OSCaR read shows, referrals whose outcome is unknown, and parked records.
 */
import type { MappingConfig } from '@primero-interop/mappings'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { type SyncError, syncError } from '../errors.js'
import type { OscarPort, PrimeroPort } from '../ports.js'
import type { StateStore } from '../store.js'

export type ReconcileCode =
  /** OSCaR carries the Primero case id (`external_id`), the Primero case has no `oscar_number`. */
  | 'LINKED_IN_OSCAR_ONLY'
  /** The Primero case has an `oscar_number` the OSCaR read never showed. */
  | 'LINKED_IN_PRIMERO_ONLY'
  /** Both sides link the child, to different ids. */
  | 'LINKED_TO_ANOTHER'
  /** The NGO's status of a referral and the status on its Primero row differ. */
  | 'STATUS_DIFFERS'
  /** Sent to OSCaR, and no OSCaR read shows it yet (the NGO has not accepted it, or it is lost). */
  | 'SENT_NOT_SEEN'
  /** Its outcome was lost: confirm it with `primero-interop confirm`. */
  | 'OUTCOME_UNKNOWN'
  /** Failed too often: retry it with `primero-interop retry`. */
  | 'PARKED'

/** One disagreement, each id labelled by its kind. */
export interface ReconcileItem {
  readonly code: ReconcileCode
  /** The Primero record id. */
  readonly recordId?: string
  /** The Primero `case_id` (what OSCaR files the child under as `external_id`). */
  readonly caseId?: string
  /** A Primero referral id, or an OSCaR referral id for `STATUS_DIFFERS`. */
  readonly referralId?: string
  readonly serviceRowId?: string
  /** The OSCaR `global_id`. */
  readonly globalId?: string
  readonly organization?: string
  /** Codes only: an OSCaR status, a row option, a parked record's issue code. */
  readonly detail?: string
}

export interface ReconcileOptions {
  readonly primero: Pick<PrimeroPort, 'pages'>
  readonly oscar: Pick<OscarPort, 'readClients'>
  readonly config: MappingConfig
  readonly store: StateStore
  /** Where both reads start (ISO date). Default: the beginning. */
  readonly since?: string
}

export interface ReconcileReport {
  readonly items: ReadonlyArray<ReconcileItem>
  readonly read: { readonly primeroCases: number; readonly oscarClients: number }
}

const str = (u: unknown): string | undefined => (typeof u === 'string' && u !== '' ? u : undefined)

/**
 * Compares the systems over the window from `since`, and the state. Resolves to the items
 * (none: the systems agree), or a `SyncError` when a system or the state cannot be read.
 *
 * @example
 * const report = await reconcile({ ...connect(settings), config, store: fileStore(path) })()
 */
export const reconcile =
  (options: ReconcileOptions): TE.TaskEither<SyncError, ReconcileReport> =>
  async () => {
    const { config: c } = options
    const since = options.since ?? '1970-01-01'
    const state = await options.store.load()()
    if (E.isLeft(state)) return state
    const read = await options.oscar.readClients({ since: since.slice(0, 10) })()
    if (E.isLeft(read))
      return E.left(syncError('OSCAR_READ_FAILED', `cannot read OSCaR clients (${read.left._tag})`))
    const clients = read.right.clients
    const byCaseId = new Map<
      string,
      { recordId: string; oscarNumber?: string; rows: ReadonlyArray<Record<string, unknown>> }
    >()
    let primeroCases = 0
    for await (const page of options.primero.pages({ updatedSince: since })) {
      if (E.isLeft(page))
        return E.left(
          syncError('PRIMERO_READ_FAILED', `cannot read Primero cases (${page.left._tag})`),
        )
      for (const k of page.right.data) {
        primeroCases++
        const record = k as Record<string, unknown>
        const caseId = str(record['case_id'])
        const rows = Array.isArray(record['services_section'])
          ? (record['services_section'] as Array<Record<string, unknown>>)
          : []
        const oscarNumber = str(record['oscar_number'])
        if (caseId !== undefined)
          byCaseId.set(caseId, {
            recordId: k.id,
            rows,
            ...(oscarNumber === undefined ? {} : { oscarNumber }),
          })
      }
    }
    const items: ReconcileItem[] = []
    const seenGlobal = new Set(clients.map((cl) => cl.global_id))
    const seenExternal = new Set<string>()
    const f = c.primero.fieldIds
    for (const cl of clients) {
      const caseId = str(cl.external_id)
      if (caseId === undefined) continue
      seenExternal.add(caseId)
      const k = byCaseId.get(caseId)
      if (k === undefined) continue
      const ids = { recordId: k.recordId, caseId, globalId: cl.global_id }
      if (k.oscarNumber === undefined) items.push({ code: 'LINKED_IN_OSCAR_ONLY', ...ids })
      else if (k.oscarNumber !== cl.global_id && !seenGlobal.has(k.oscarNumber))
        items.push({ code: 'LINKED_TO_ANOTHER', ...ids })
      for (const s of cl.services ?? []) {
        const status = str(s.referral_status)
        if (s.referral_id === undefined || s.referral_id === null || status === undefined) continue
        const oscarStatus = c.statuses.oscarAliases[status] ?? status
        const row = k.rows.find(
          (r) => String(r[f.serviceOscarReferralId] ?? '') === String(s.referral_id),
        )
        if (row === undefined || oscarStatus === c.statuses.oscarUndecided) continue
        const expected = c.statuses.oscarToPrimeroServiceStatus[oscarStatus]
        const actual = str(row[f.serviceReferralStatus])
        if (expected !== undefined && actual !== expected) {
          items.push({
            code: 'STATUS_DIFFERS',
            ...ids,
            referralId: String(s.referral_id),
            ...(str(row['unique_id']) === undefined
              ? {}
              : { serviceRowId: String(row['unique_id']) }),
            detail: `${oscarStatus} in OSCaR, ${actual ?? 'none'} in Primero`,
          })
        }
      }
    }
    for (const [caseId, k] of byCaseId) {
      if (
        k.oscarNumber !== undefined &&
        !seenGlobal.has(k.oscarNumber) &&
        !seenExternal.has(caseId)
      )
        items.push({
          code: 'LINKED_IN_PRIMERO_ONLY',
          recordId: k.recordId,
          caseId,
          globalId: k.oscarNumber,
        })
    }
    const s = state.right
    for (const [key, r] of Object.entries(s?.referrals ?? {})) {
      const base = {
        recordId: r.caseId,
        ...(r.externalId === undefined ? {} : { caseId: r.externalId }),
        ...(r.referralId === undefined ? {} : { referralId: r.referralId }),
        ...(r.org === undefined ? {} : { organization: r.org }),
      }
      // Ledger keys are `caseId/serviceRowId@organization` (older: `serviceRowId@organization`,
      // or a referral id).
      const at = key.lastIndexOf('@')
      const serviceRowId = at < 0 ? undefined : key.slice(key.lastIndexOf('/', at) + 1, at)
      const withRow =
        serviceRowId === undefined || serviceRowId === '' ? base : { ...base, serviceRowId }
      if (r.status === 'unknown') items.push({ code: 'OUTCOME_UNKNOWN', ...withRow })
      else if (
        r.status === 'sent' &&
        (r.externalId === undefined || !seenExternal.has(r.externalId))
      )
        items.push({ code: 'SENT_NOT_SEEN', ...withRow })
    }
    for (const p of Object.values(s?.parked ?? {})) {
      items.push({
        code: 'PARKED',
        ...(p.flow.startsWith('oscar') ? { globalId: p.id } : { recordId: p.id }),
        detail: `${p.flow} ${p.code}`,
      })
    }
    return E.right({ items, read: { primeroCases, oscarClients: clients.length } })
  }
