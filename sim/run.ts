import { compileStrategy, type Plan } from "../strategies/compile.ts";
import type { Strategy } from "../strategies/types.ts";
import { type BlockJob, blockJobs, maxRules, simulateBlock } from "./engine/block.ts";
import { mergeBlocks } from "./engine/merge.ts";
import type { BlockOutcome } from "./engine/outcomes.ts";
import { type BlockSummary, isSummary, mergeSummaries, summariseBlock } from "./engine/summary.ts";
import { buildTables, type Tables } from "./engine/tables.ts";
import { InputError } from "./errors.ts";
import { ADJUST_METHODS } from "./experiment/ab-tests.ts";
import type { AnalysisOptions } from "./experiment/analysis.ts";
import { type PoolOptions, runBlocksOnPool, summariseBlocksOnPool } from "./pool/pool.ts";
import { buildReport, type Report } from "./report/report.ts";
import type { Scenario } from "./scenario/normalize.ts";

/** A comparison to run: one population, members randomised to the arms. */
export type ComparisonSpec = {
  scenario: Scenario;
  strategies: Strategy[];
  members: number;
  days: number;
  seed: number;
  /** Shares of members per arm; equal when absent. */
  split?: number[];
  /** Significance level and p-value adjustment of the A/B tests (default 0.05, Holm). */
  analysis?: AnalysisOptions;
};

/** What every process (main thread or worker) derives from a spec before simulating blocks. */
export type Prepared = {
  spec: ComparisonSpec;
  tables: Tables;
  plans: Plan[];
  split: number[];
  armCumulative: Float64Array;
};

export function prepare(spec: ComparisonSpec): Prepared {
  const arms = spec.strategies.length;
  if (arms < 1) throw new InputError("a comparison requires at least one strategy");
  if (arms > 16) throw new InputError(`a comparison takes at most 16 arms, got ${arms}`);
  if (!Number.isInteger(spec.members) || spec.members < 1) {
    throw new InputError(`members must be a whole number ≥ 1, got ${spec.members}`);
  }
  if (!Number.isInteger(spec.days) || spec.days < 1 || spec.days > 3650) {
    throw new InputError(`days must be a whole number from 1 to 3650, got ${spec.days}`);
  }
  const raw = spec.split ?? spec.strategies.map(() => 1);
  if (raw.length !== arms || raw.some((w) => !(w > 0) || !Number.isFinite(w))) {
    throw new InputError(`split requires ${arms} positive shares, got ${raw.join(",")}`);
  }
  checkAnalysis(spec.analysis);
  const total = raw.reduce((s, w) => s + w, 0);
  const split = raw.map((w) => w / total);
  const armCumulative = new Float64Array(arms);
  split.reduce((running, share, i) => {
    armCumulative[i] = i === arms - 1 ? 1 : running + share;
    return running + share;
  }, 0);
  return {
    spec,
    tables: buildTables(spec.scenario, spec.days),
    plans: spec.strategies.map(compileStrategy),
    split,
    armCumulative,
  };
}

/** The blocks of a comparison; `fixedArm` runs every member in one arm (paired mode). */
export function jobsFor(prepared: Prepared, fixedArm = -1): BlockJob[] {
  const { spec, armCumulative } = prepared;
  return blockJobs(spec.members, spec.seed >>> 0, armCumulative, fixedArm);
}

/**
 * The report of a comparison from its blocks: the summaries workers send (`summariseBlock`), or
 * simulated blocks, summarised here. Summaries are merged in block order.
 */
export function reportFor(
  prepared: Prepared,
  blocks: readonly (BlockOutcome | BlockSummary)[],
): Report {
  const arms = prepared.plans.length;
  const summaries = blocks.map((b) => (isSummary(b) ? b : summaryOf(prepared, b)));
  return buildReport({
    ...prepared,
    scenario: prepared.spec.scenario,
    summary: mergeSummaries(summaries, arms, prepared.spec.days),
    seed: prepared.spec.seed,
    analysis: prepared.spec.analysis,
  });
}

/** What the report needs of a simulated block (what a worker sends back). */
export function summaryOf(prepared: Prepared, block: BlockOutcome): BlockSummary {
  const { tables, plans } = prepared;
  return summariseBlock(block, plans.length, tables.days, tables.lapsedProxyDays);
}

function checkAnalysis(analysis: AnalysisOptions | undefined): void {
  const alpha = analysis?.alpha;
  if (alpha !== undefined && !(alpha > 0 && alpha < 1))
    throw new InputError(`alpha must be between 0 and 1 (exclusive), got ${alpha}`);
  const adjust = analysis?.adjust;
  if (adjust !== undefined && !ADJUST_METHODS.includes(adjust))
    throw new InputError(`invalid adjust: ${adjust}; use one of ${ADJUST_METHODS.join(", ")}`);
}

/** Runs a comparison in this thread, block after block; `onProgress` gets the share done. */
export function runComparisonHere(
  spec: ComparisonSpec,
  onProgress?: (done: number) => void,
): Report {
  const prepared = prepare(spec);
  const jobs = jobsFor(prepared);
  const blocks = jobs.map((job, i) => {
    const block = summaryOf(prepared, simulateBlock(prepared.tables, prepared.plans, job));
    onProgress?.((i + 1) / jobs.length);
    return block;
  });
  return reportFor(prepared, blocks);
}

/**
 * Runs a comparison on a pool of workers (`workers: 0` runs in this thread). Blocks and streams do
 * not depend on the number of workers, so neither does the report.
 */
export async function runComparison(
  spec: ComparisonSpec,
  options: Partial<PoolOptions> & { workers: number },
): Promise<Report> {
  const { createWorker } = options;
  if (options.workers === 0 || !createWorker) return runComparisonHere(spec, options.onProgress);
  // Workers send block summaries: the main thread merges them, never the members' outcomes.
  const prepared = prepare(spec);
  const pool = { ...options, createWorker };
  return reportFor(prepared, await summariseBlocksOnPool(spec, jobsFor(prepared), pool));
}

/**
 * The blocks of a comparison simulated and summarised on a pool of workers, before any report: for
 * a caller that builds the report elsewhere (the dashboard, in a worker of its own) or more than
 * once (a new α re-analyses the same members). `reportFor(prepare(spec), summaries)` gives
 * `runComparison`'s report.
 */
export async function simulateComparison(
  spec: ComparisonSpec,
  options: PoolOptions,
): Promise<BlockSummary[]> {
  const prepared = prepare(spec);
  return summariseBlocksOnPool(spec, jobsFor(prepared), options);
}

/**
 * Simulates every member of the population under one arm (paired mode: the counterfactual no real
 * test has). Each member is the same person as in the randomised run (streams keyed by seed and
 * member), so an arm's outcome here is what its members would have done under it. Returns the
 * merged per-member outcomes; `workers: 0` runs in this thread.
 */
export async function runUnderArm(
  spec: ComparisonSpec,
  arm: number,
  options: Partial<PoolOptions> & { workers: number },
): Promise<BlockOutcome> {
  const prepared = prepare(spec);
  if (!Number.isInteger(arm) || arm < 0 || arm >= prepared.plans.length) {
    throw new InputError(`arm must be from 0 to ${prepared.plans.length - 1}, got ${arm}`);
  }
  const jobs = jobsFor(prepared, arm);
  let blocks: BlockOutcome[];
  if (options.workers === 0 || !options.createWorker) {
    blocks = jobs.map((job, i) => {
      const block = simulateBlock(prepared.tables, prepared.plans, job);
      options.onProgress?.((i + 1) / jobs.length);
      return block;
    });
  } else {
    blocks = await runBlocksOnPool(spec, jobs, { ...options, createWorker: options.createWorker });
  }
  return mergeBlocks(blocks, prepared.plans.length, spec.days, maxRules(prepared.plans));
}

/**
 * `runUnderArm`'s members as a merged summary (what paired mode's population metrics need):
 * workers send block summaries instead of every member's outcome.
 */
export async function summariseUnderArm(
  spec: ComparisonSpec,
  arm: number,
  options: Partial<PoolOptions> & { workers: number },
): Promise<BlockSummary> {
  const prepared = prepare(spec);
  if (!Number.isInteger(arm) || arm < 0 || arm >= prepared.plans.length) {
    throw new InputError(`arm must be from 0 to ${prepared.plans.length - 1}, got ${arm}`);
  }
  const jobs = jobsFor(prepared, arm);
  let blocks: BlockSummary[];
  if (options.workers === 0 || !options.createWorker) {
    blocks = jobs.map((job, i) => {
      const block = summaryOf(prepared, simulateBlock(prepared.tables, prepared.plans, job));
      options.onProgress?.((i + 1) / jobs.length);
      return block;
    });
  } else {
    const pool = { ...options, createWorker: options.createWorker };
    blocks = await summariseBlocksOnPool(spec, jobs, pool);
  }
  return mergeSummaries(blocks, prepared.plans.length, spec.days);
}
