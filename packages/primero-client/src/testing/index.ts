export { defaultFilterableFields, defaultIdSearchFields } from './filters.js'
export { defaultWritableFields } from './permitted.js'
export { startFakePrimero } from './server.js'
export type {
  FailNext,
  FakeAgency,
  FakeFaults,
  FakeLookup,
  FakePrimero,
  FakePrimeroOptions,
  FakeRecord,
  FakeRequest,
  FakeUser,
} from './types.js'
export { defaultSelectFields } from './validate.js'
