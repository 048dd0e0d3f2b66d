// The engine's public module: what the dashboard (web/) and any other program built on
// retention-lab use. Everything behind it (the engine's blocks, the statistics, the pool) may change
// shape; what is exported here is the contract.

export * from "../strategies/index.ts";
export * from "./calibrate/browser.ts";
export { type BlockOutcome, blockBuffers } from "./engine/outcomes.ts";
export { type BlockSummary, summaryBuffers } from "./engine/summary.ts";
export { type AbTest, ADJUST_METHODS, type AdjustMethod } from "./experiment/ab-tests.ts";
export { type AnalysisOptions, DEFAULT_ADJUST, DEFAULT_ALPHA } from "./experiment/analysis.ts";
export {
  type ExperimentProgress,
  MAX_REPLICATIONS,
  runExperiment,
} from "./experiment/run-experiment.ts";
export { SRM_THRESHOLD, type SrmCheck } from "./experiment/srm.ts";
export type { SurvivalCurve } from "./experiment/survival.ts";
export { CancelledError, type PoolWorker, WorkerError } from "./pool/pool.ts";
export { createWorkerApi, type WorkerApi } from "./pool/worker-api.ts";
export { type RandomSource, seededRandom } from "./random.ts";
export {
  type ArmReport,
  CONTROL_STRATEGY,
  type VsControl,
  vsControl,
} from "./report/arm-report.ts";
export { fmt, pct, pValue, signed } from "./report/format.ts";
export type { Report } from "./report/report.ts";
export { hasControlArm, type ReportRow, reportRows, roiNote } from "./report/rows.ts";
export {
  type ComparisonSpec,
  prepare,
  reportFor,
  runComparison,
  runComparisonHere,
  simulateComparison,
} from "./run.ts";
export { BUILTIN_SCENARIOS, DEFAULT_SCENARIO_ID } from "./scenario/builtin.ts";
export { normalizeScenario, type Scenario } from "./scenario/normalize.ts";
export { type PeekingOptions, type PeekingResult, simulatePeeking } from "./stats/peeking.ts";
export { mdeTwoMeans, powerTwoMeans, sampleSizeTwoMeans } from "./stats/power-two-means.ts";
export {
  mdeTwoProportions,
  powerTwoProportions,
  sampleSizeTwoProportions,
} from "./stats/power-two-proportions.ts";
