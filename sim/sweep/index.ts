// Sweeps and sensitivity analysis (issue 13): a design of scenario-parameter points × seeds, each
// job one comparison, run locally on engine threads or on many machines through BullMQ on Redis.
export { buildDesign, type Design, designSize, levels } from "./design.ts";
export { EngineThreads, runJob } from "./execute.ts";
export { canonicalJson, type JobInput, type SweepJob, specHash, sweepJobs } from "./jobs.ts";
export { type JobResult, type SweepMetric, sweepMetrics, VERDICT_METRIC } from "./metrics.ts";
export { createProgress, progressLine } from "./progress.ts";
export { runQueueWorker } from "./queue-worker.ts";
export { connectRedis, parseQueueUrl, QUEUE_NAME, redact } from "./redis.ts";
export {
  planSweep,
  runSweep,
  type SweepBackend,
  type SweepOutcome,
  type SweepPlan,
} from "./run.ts";
export { type SobolIndex, type SobolResult, saltelliSample, sobolIndices } from "./sobol.ts";
export {
  DESIGN_TYPES,
  normalizeSweepSpec,
  type SpecLoaders,
  type SweepParameter,
  type SweepSpec,
} from "./spec.ts";
export type { SweepSummary } from "./summary.ts";
export { bestSplit, type Interval, type Split, shareBeating, spearman } from "./summary-stats.ts";
