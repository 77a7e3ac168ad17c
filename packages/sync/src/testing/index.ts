export type { Scenario, ScenarioOptions, ScenarioOscar, ScenarioPrimero } from './scenario.js'
export { seedCambodiaScenario } from './scenario.js'
