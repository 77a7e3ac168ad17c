/** What `check` finds: one entry per mapping entry out of step with a live system. */

export type CheckSeverity = 'error' | 'warning' | 'info'

export type CheckCode =
  /** A lookup the mapping relies on is not in Primero (or the API user cannot read it). */
  | 'LOOKUP_MISSING'
  /** A mapped Primero option id (service type, subtype, response type, status, risk) is not in its lookup. */
  | 'OPTION_MISSING'
  /** A province's Primero user does not exist, or is disabled. */
  | 'PROVINCE_USER_MISSING'
  | 'PROVINCE_USER_DISABLED'
  /** An NGO's Primero agency, or its agency user, does not exist or is disabled. */
  | 'AGENCY_MISSING'
  | 'AGENCY_DISABLED'
  | 'AGENCY_USER_MISSING'
  | 'AGENCY_USER_DISABLED'
  /** A mapped NGO is not an OSCaR organisation. */
  | 'ORGANIZATION_MISSING'
  /** A mapped NGO OSCaR's list never shows (`Organization.visible` hides it): not confirmable. */
  | 'ORGANIZATION_UNLISTED'
  /** A mapped OSCaR service name is not one OSCaR accepts (against the list given). */
  | 'OSCAR_SERVICE_UNKNOWN'
  /** A mapped OSCaR service name no recent OSCaR read showed (cannot be confirmed). */
  | 'OSCAR_SERVICE_UNSEEN'
  /** In a system, not in the mapping: a new service or subtype, a new NGO. */
  | 'UNMAPPED_OPTION'
  | 'UNMAPPED_ORGANIZATION'
  | 'UNMAPPED_OSCAR_SERVICE'

/** One finding: the system, the mapping's JSON path, and the id (never a person's data). */
export interface CheckFinding {
  readonly severity: CheckSeverity
  readonly code: CheckCode
  readonly system: 'primero' | 'oscar'
  /** Where in the mapping configuration (`provinces[3].primeroUser`), or `''` for unmapped. */
  readonly path: string
  /** The id, user name, short name or service name in question. */
  readonly id: string
  readonly message: string
}

export const finding = (
  severity: CheckSeverity,
  code: CheckCode,
  system: 'primero' | 'oscar',
  path: string,
  id: string,
  message: string,
): CheckFinding => ({ severity, code, system, path, id, message })

/** What `check` read, in counts: an empty list read is itself worth knowing. */
export interface CheckRead {
  readonly lookups: number
  readonly users: number
  readonly agencies: number
  readonly organizations: number
  readonly oscarServices: number
}

export interface CheckReport {
  readonly findings: ReadonlyArray<CheckFinding>
  readonly read: CheckRead
}

/** Whether a report needs someone: any error or warning (infos are for reading). */
export const checkNeedsAttention = (report: CheckReport): boolean =>
  report.findings.some((f) => f.severity !== 'info')
