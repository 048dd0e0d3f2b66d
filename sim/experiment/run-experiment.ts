import { InputError } from "../errors.ts";
import type { PoolOptions } from "../pool/pool.ts";
import type { Report } from "../report/report.ts";
import { type ComparisonSpec, runComparison, summariseUnderArm } from "../run.ts";
import { pairedSection, populationMetricsOfSummary } from "./paired.ts";
import { type ReplicationResult, summariseReplications } from "./replications.ts";

/** Where a multi-run experiment is: which replication, which run in it, and its share done. */
export type ExperimentProgress = {
  replication: number;
  replications: number;
  /** "randomised" for the A/B run, or the strategy every member is run under (paired mode). */
  run: string;
  done: number;
};

export type ExperimentOptions = Omit<Partial<PoolOptions>, "onProgress"> & {
  workers: number;
  /** Seeds to run: seed, seed + 1, …; adds `replications` to the report when given. */
  replications?: number;
  /** Also run every member under every arm and report the true effects (`paired`). */
  paired?: boolean;
  onProgress?: (progress: ExperimentProgress) => void;
  /** Each replication's full report, as it is done (only the first is returned). */
  onReport?: (report: Report, replication: number) => void;
};

/** Largest number of replications one experiment runs. */
export const MAX_REPLICATIONS = 10_000;

/**
 * Runs a comparison, and with `replications` R runs it for R seeds (one after another, each on
 * the pool) and summarises the spread; with `paired`, runs each seed's population once more
 * under every arm to put the true effect beside each estimate. The report is the first seed's,
 * with `replications` and `paired` added.
 */
export async function runExperiment(
  spec: ComparisonSpec,
  options: ExperimentOptions,
): Promise<Report> {
  const { replications, paired = false, onProgress, onReport, ...pool } = options;
  const count = replications ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_REPLICATIONS) {
    throw new InputError(`replications must be from 1 to ${MAX_REPLICATIONS}, got ${count}`);
  }
  const results: ReplicationResult[] = [];
  let main: Report | null = null;
  for (let r = 0; r < count; r++) {
    const seed = (spec.seed + r) % 2 ** 32;
    const at = { ...spec, seed };
    const progress = (run: string) => (done: number) =>
      onProgress?.({ replication: r, replications: count, run, done });
    const report = await runComparison(at, { ...pool, onProgress: progress("randomised") });
    if (paired) {
      const arms = [];
      for (let arm = 0; arm < spec.strategies.length; arm++) {
        const strategy = report.arms[arm].strategy;
        const options_ = { ...pool, onProgress: progress(strategy) };
        const summary = await summariseUnderArm(at, arm, options_);
        const { windowDays, curve } = spec.scenario.acquisition;
        arms.push(populationMetricsOfSummary(summary, arm, strategy, spec.days, windowDays, curve));
      }
      report.paired = pairedSection(report.tests, arms);
    }
    onReport?.(report, r);
    results.push({
      seed,
      armMetrics: report.armMetrics,
      tests: report.tests,
      paired: report.paired,
    });
    main ??= report;
  }
  if (!main) throw new Error("runExperiment ran no replication");
  if (replications !== undefined) main.replications = summariseReplications(results);
  return main;
}
