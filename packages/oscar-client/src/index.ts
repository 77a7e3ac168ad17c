export { OscarClient, OscarOrganization, OscarService } from './codecs/Client.js'
export { failingPaths, Text } from './codecs/common.js'
export {
  OscarLinkUpdate,
  OscarReferralStatus,
  OscarReferralStatusUpdate,
  OscarRiskLevel,
  OscarUpsert,
  OscarUpsertService,
} from './codecs/Payloads.js'
