import type { PrimeroCase } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'

import type { MappingConfig, OscarRiskLevelValue } from './config/MappingConfig.js'
import { repairDateOfBirth } from './dates.js'
import { issue, type MappingIssue } from './issues.js'
import { canonicalLocationCode, isLocationCode } from './location.js'
import { lookup, text } from './util.js'

/** The id issues about a case carry: its case_id, else its record id. */
export const caseRecordId = (c: PrimeroCase): string => text(c.case_id) ?? c.id

/** A value and the issues met while computing it. */
export interface WithIssues<A> {
  readonly value: A
  readonly warnings: ReadonlyArray<MappingIssue>
}

/**
 * OSCaR's level of risk for a case: by the risk table, else by `outboundAtLeast` (a level
 * OSCaR does not know → the nearest at least as high); absent → the default; unknown →
 * the default, reported.
 */
export const oscarRiskLevel = (
  c: PrimeroCase,
  config: MappingConfig,
): WithIssues<OscarRiskLevelValue> => {
  const raw = text(c.risk_level)?.trim()
  const { levels, outboundDefault } = config.riskLevels
  if (raw === undefined) return { value: outboundDefault, warnings: [] }
  const level =
    levels.find((l) => l.primero === raw || l.oscar === raw)?.oscar ??
    lookup(config.riskLevels.outboundAtLeast ?? {}, raw)
  return level !== undefined
    ? { value: level, warnings: [] }
    : {
        value: outboundDefault,
        warnings: [
          issue(
            'UNKNOWN_RISK_LEVEL',
            'risk_level',
            `case ${caseRecordId(c)}: risk_level is not in the risk table; sent '${outboundDefault}'`,
            caseRecordId(c),
          ),
        ],
      }
}

/** The date of birth as `YYYY-MM-DD`, or `""` (reported) when it is not a date. */
export const oscarDateOfBirth = (c: PrimeroCase): WithIssues<string> => {
  const raw = text(c.date_of_birth)
  if (raw === undefined) return { value: '', warnings: [] }
  const repaired = repairDateOfBirth(raw)
  return E.isRight(repaired)
    ? { value: repaired.right, warnings: [] }
    : {
        value: '',
        warnings: [
          issue(
            'INVALID_DATE',
            'date_of_birth',
            `case ${caseRecordId(c)}: date_of_birth is not a calendar date; sent empty`,
            caseRecordId(c),
          ),
        ],
      }
}

/** The location as OSCaR's canonical code, or `""` (reported) when it is not a code. */
export const oscarLocation = (c: PrimeroCase): WithIssues<string> => {
  const raw = text(c.location_current)
  if (raw === undefined) return { value: '', warnings: [] }
  return isLocationCode(raw)
    ? { value: canonicalLocationCode(raw), warnings: [] }
    : {
        value: '',
        warnings: [
          issue(
            'INVALID_LOCATION',
            'location_current',
            `case ${caseRecordId(c)}: location_current is not a location code; sent empty`,
            caseRecordId(c),
          ),
        ],
      }
}
