export { changedFields } from './changedFields.js'
export { cambodia } from './config/cambodia.js'
export { csvToMappingJson, mappingFromCsv, mappingToCsv } from './config/csv.js'
export type { JsonSchema } from './config/jsonSchema.js'
export { mappingJsonSchema } from './config/jsonSchema.js'
export {
  ConsentPolicy,
  defaultConsentPolicy,
  MappingConfig,
  OscarDecisionStatus,
  OscarRiskLevelValue,
  oscarRiskOrder,
  PrimeroReferralOutcome,
  Province,
  RiskLevelEntry,
  ServiceTaxonomyEntry,
} from './config/MappingConfig.js'
export type { ConfigError } from './config/parseMappingConfig.js'
export { parseMappingConfig, validateMappingConfig } from './config/parseMappingConfig.js'
export { mappingTemplate } from './config/template.js'
export { unknownKeys } from './config/unknownKeys.js'
export { consentGiven, consentHolds, referralConsentHolds } from './consent.js'
export type { InvalidDate } from './dates.js'
export { ageAt, parseInstant, repairDateOfBirth } from './dates.js'
export type { Mapped, MappingFailure, MappingIssue, MappingResult } from './issues.js'
export { issueCodeDescriptions, MappingIssueCode } from './issues.js'
export {
  canonicalLocationCode,
  isLocationCode,
  primeroLocationCode,
  provinceOf,
} from './location.js'
export type { CaseUpsert, InboundCaseOptions } from './oscarClientToPrimeroCase.js'
export { caseMatchOf, inboundCase } from './oscarClientToPrimeroCase.js'
export type { InboundDecisions, ReferralUpdate } from './oscarClientToPrimeroDecisions.js'
export { classifyClient, inboundDecisions } from './oscarClientToPrimeroDecisions.js'
export { idBackfill } from './oscarClientToPrimeroIds.js'
export { serviceRowId } from './oscarServicesToPrimeroRows.js'
export { composeName, toPrimeroSex } from './people.js'
export { pendingDefaults, withPendingDefaults } from './primeroCasePendingDefaults.js'
export { outboundDecisions } from './primeroCaseToOscarDecisions.js'
export { outboundLink } from './primeroCaseToOscarLink.js'
export type {
  CaseWithReferrals,
  OutboundReferral,
  OutboundReferralsOptions,
} from './primeroCaseToOscarReferrals.js'
export { outboundReferrals } from './primeroCaseToOscarReferrals.js'
export type { PrimeroService } from './services.js'
export { toOscarServiceName, toPrimeroService } from './services.js'
export { renderMappingSheet } from './sheet/renderMappingSheet.js'
export type { SheetWords } from './sheet/words.js'
export { cambodiaSheetWords, genericSheetWords, sheetWordsFor } from './sheet/words.js'
export { normaliseOscarStatus } from './statuses.js'
export { ROW_ID_NAMESPACE, uuidV5 } from './uuid.js'
