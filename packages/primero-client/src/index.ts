export {
  CaseMatch,
  PrimeroCase,
  PrimeroCaseWrite,
  ServiceRow,
  ServiceRowWrite,
} from './codecs/Case.js'
export { failingPaths, LowercaseUuid, PrimeroDate } from './codecs/common.js'
export {
  ErrorEnvelope,
  PageMetadata,
  PrimeroAgency,
  PrimeroLookup,
  PrimeroUser,
} from './codecs/Directory.js'
export {
  PrimeroReferral,
  PrimeroReferralCreate,
  PrimeroReferralUpdate,
  ReferralStatus,
} from './codecs/Referral.js'
