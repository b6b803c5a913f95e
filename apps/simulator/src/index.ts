export { startSimulator, type Simulator } from "./Simulator.js"
export {
  ALL_SCOPES,
  DEFAULT_CLIENT,
  FAULT_ROUTES,
  type FaultRoute,
  type FaultStats,
  type FaultWeights,
  type JitterDistribution,
  type LatencyJitter,
  type SimulatorClient,
  type SimulatorConfig,
  type SimulatorConfigPatch,
  type SimulatorOptions,
  type SimulatorStats,
  type WebhookStats
} from "./SimulatorOptions.js"
export {
  type ParsedSimulatorArgs,
  parseSimulatorArgs,
  SIMULATOR_BANNER,
  simulatorUsage
} from "./simulatorArgs.js"
export { FIXTURES, type Fixture, type FixtureOutcome } from "./data/index.js"
export { verifyPdfSignature } from "./pdf/index.js"
