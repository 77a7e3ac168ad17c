export type { FakeService } from './defaults.js'
export { CAMBODIA_ORGANIZATIONS, CAMBODIA_SERVICE_NAMES, serviceUuid } from './defaults.js'
export type { FakeFaults } from './faults.js'
export type { FakeClientSeed } from './ngo.js'
export type { FakeOscar, FakeOscarOptions, FakeRequest } from './startFakeOscar.js'
export { startFakeOscar } from './startFakeOscar.js'
export type { FakeClientRecord, FakeReferral, FakeReferralStatus } from './store.js'
export type { StatusesOrganization } from './writes.js'

/** The published name of this package's testing entry. */
export const testingEntry = '@primero-interop/oscar-client/testing'
