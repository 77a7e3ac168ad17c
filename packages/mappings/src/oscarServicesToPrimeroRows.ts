import type { OscarClient, OscarService } from '@primero-interop/oscar-client'
import type { PrimeroCase, ServiceRowWrite } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { MappingConfig } from './config/MappingConfig.js'
import { repairDateOfBirth } from './dates.js'
import { issue, type MappingIssue } from './issues.js'
import { rowsOf, rowStatusOption } from './rows.js'
import { toPrimeroService } from './services.js'
import { normaliseOscarStatus } from './statuses.js'
import { addAgencyHint, fillPattern, isLowercaseUuid, lookup, text } from './util.js'
import { ROW_ID_NAMESPACE, uuidV5 } from './uuid.js'

/** OSCaR's referral id of a service, when it is an id (a non-negative integer). */
export const serviceReferralId = (s: OscarService): number | undefined =>
  typeof s.referral_id === 'number' && Number.isSafeInteger(s.referral_id) && s.referral_id >= 0
    ? s.referral_id
    : undefined

/**
 * The Primero row id of one OSCaR service of one child: the name-based (v5) uuid of the
 * child's global_id and OSCaR's referral id, or of the programme and service names when
 * there is no referral id. Stable across runs; distinct across children.
 *
 * @example
 * serviceRowId('01EQJGSV82BG6C4MM0CJ727NEN', { name: 'Kinship care', referral_id: 12 })
 */
export const serviceRowId = (globalId: string, s: OscarService): string => {
  const referralId = serviceReferralId(s)
  const name =
    referralId === undefined
      ? JSON.stringify([globalId, 'service', text(s.program_name) ?? '', s.name])
      : JSON.stringify([globalId, 'referral', referralId])
  return uuidV5(name, ROW_ID_NAMESPACE)
}

/** Whether a client came from Primero (`resource` is `primero`, in any case). */
export const isFromPrimero = (client: OscarClient): boolean =>
  text(client.resource)?.trim().toLowerCase() === 'primero'

/**
 * The `services_section` rows of an OSCaR client: one per OSCaR service, never grouped.
 * Echoes of Primero's own referrals (a Primero-originated client's services without an
 * enrolment) are not written back. The referral-status option follows OSCaR's status,
 * except that pending is left to `pendingDefaults` and a decision already stored in
 * Primero (MoSVY's) is never overwritten. Given the stored case, a row the production jobs
 * wrote under the bare OSCaR service uuid is updated in place rather than duplicated.
 */
export const oscarServicesToPrimeroRows = (
  client: OscarClient,
  config: MappingConfig,
  existing: PrimeroCase | undefined,
  warnings: MappingIssue[],
): ReadonlyArray<ServiceRowWrite> => {
  const { fieldIds, serviceResponseTypes } = config.primero
  const globalId = client.global_id
  const organization = text(client.organization_name)?.trim()
  const knownOrg =
    organization !== undefined && config.agencies.known.includes(organization)
      ? organization
      : undefined
  const agencyId =
    knownOrg === undefined ? undefined : fillPattern(config.agencies.idPattern, knownOrg)
  const existingRows = rowsOf(existing ?? { id: '' })
  const existingIds = new Set(existingRows.map((r) => r.unique_id))
  const { pending, accepted, rejected } = config.primero.serviceReferralStatusOptions
  // MoSVY decides on NGO referrals in Primero; OSCaR's status only echoes that decision.
  const decidedInPrimero = (id: string): boolean =>
    existingRows.some((r) => {
      const option = r.unique_id === id ? rowStatusOption(r, config) : undefined
      return option === accepted || option === rejected
    })
  const claimed = new Set<string>()
  const fromPrimero = isFromPrimero(client)
  const rows: ServiceRowWrite[] = []
  const services = client.services ?? []
  if (services.length > 0 && agencyId === undefined) {
    warnings.push(
      issue(
        'UNKNOWN_AGENCY',
        'organization_name',
        `client ${globalId}: organisation is not a configured NGO; rows written without agency; ${addAgencyHint(config.agencies, organization)}`,
        globalId,
      ),
    )
  }
  services.forEach((s, i) => {
    const enrollment = text(s.enrollment_date)
    if (fromPrimero && enrollment === undefined) return
    const derived = serviceRowId(globalId, s)
    const legacy = text(s.uuid)
    const uniqueId =
      !existingIds.has(derived) &&
      legacy !== undefined &&
      isLowercaseUuid(legacy) &&
      existingIds.has(legacy) &&
      !claimed.has(legacy)
        ? legacy
        : derived
    if (claimed.has(uniqueId)) {
      warnings.push(
        issue(
          'DUPLICATE_SERVICE',
          `services[${i}]`,
          `client ${globalId}: service ${i} repeats an earlier service (same programme and name); kept the first`,
          globalId,
        ),
      )
      return
    }
    claimed.add(uniqueId)
    const service = toPrimeroService(s.name, config)
    if (service.subtype === undefined) {
      warnings.push(
        issue(
          'UNKNOWN_SERVICE',
          `services[${i}].name`,
          `client ${globalId}: service ${i} is not in the taxonomy; written as type '${service.type}' with the name as details`,
          globalId,
        ),
      )
    }
    const row: Record<string, unknown> = {
      unique_id: uniqueId,
      service_type: service.type,
      service_response_type:
        enrollment === undefined
          ? serviceResponseTypes.referralFromOscar
          : serviceResponseTypes.providedByOscarPartner,
    }
    if (service.subtype !== undefined) row['service_subtype'] = [service.subtype]
    if (service.detailsText !== undefined) row['service_type_details_text'] = service.detailsText
    if (enrollment !== undefined) {
      const day = repairDateOfBirth(enrollment)
      if (E.isRight(day)) row['service_response_day_time'] = `${day.right}T00:00:00.000Z`
      else {
        warnings.push(
          issue(
            'INVALID_DATE',
            `services[${i}].enrollment_date`,
            `client ${globalId}: service ${i} enrollment_date is not a date; left out`,
            globalId,
          ),
        )
      }
    }
    const worker = text(client.case_worker_name)
    const phone = text(client.case_worker_mobile)
    if (worker !== undefined) row[fieldIds.serviceCaseWorkerName] = worker
    if (phone !== undefined) row[fieldIds.serviceCaseWorkerPhone] = phone
    if (agencyId !== undefined) {
      row[fieldIds.serviceReferringAgency] = agencyId
      row['service_implementing_agency'] = agencyId
    }
    const referralId = serviceReferralId(s)
    if (referralId !== undefined) row[fieldIds.serviceOscarReferralId] = String(referralId)
    const reason = text(client.reason_for_referral)
    if (enrollment === undefined && reason !== undefined) {
      row[fieldIds.serviceReferralNotesFromOscar] = reason
    }
    const rawStatus = text(s.referral_status)
    if (rawStatus !== undefined) {
      const status = normaliseOscarStatus(rawStatus, config)
      const option =
        status === undefined
          ? undefined
          : lookup(config.statuses.oscarToPrimeroServiceStatus, status)
      if (option === undefined) {
        warnings.push(
          issue(
            'UNKNOWN_STATUS',
            `services[${i}].referral_status`,
            `client ${globalId}: service ${i} referral_status is not a configured status; left unset`,
            globalId,
          ),
        )
      } else if (option !== pending && !decidedInPrimero(uniqueId)) {
        // Pending is left to pendingDefaults, so a decision is never turned back to pending.
        row[fieldIds.serviceReferralStatus] = option
      }
    }
    rows.push(row as ServiceRowWrite)
  })
  return rows
}
