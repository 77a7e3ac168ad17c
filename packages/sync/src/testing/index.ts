export type {
  FakeCollectionItem,
  FakeCollections,
  FakeCollectionsFaults,
  FakeCollectionsOptions,
  FakeCollectionsRequest,
} from './collections.js'
export { startFakeCollections } from './collections.js'
export type { Scenario, ScenarioOptions, ScenarioOscar, ScenarioPrimero } from './scenario.js'
export { seedCambodiaScenario } from './scenario.js'
