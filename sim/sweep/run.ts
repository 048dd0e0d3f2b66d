import { CancelledError } from "../pool/pool.ts";
import type { BackendRun } from "./backend.ts";
import { buildDesign, type Design } from "./design.ts";
import {
  canonicalJson,
  checkPoints,
  jobInput,
  type SweepJob,
  specHash,
  sweepJobs,
  sweepRetentionDays,
} from "./jobs.ts";
import { runLocal } from "./local.ts";
import { hasControlArm, type JobResult, type SweepMetric, sweepMetrics } from "./metrics.ts";
import { pointsCsv } from "./points.ts";
import { runOnQueue } from "./queue.ts";
import type { SweepSpec } from "./spec.ts";
import { JobStore } from "./store.ts";
import { type SweepSummary, summarise } from "./summary.ts";
import { renderSummary } from "./text.ts";

export type SweepBackend = { kind: "local"; workers: number } | { kind: "queue"; url: string };

/** A sweep ready to run: its design (every point validated), identity, jobs and metric columns. */
export type SweepPlan = {
  spec: SweepSpec;
  design: Design;
  hash: string;
  jobs: SweepJob[];
  metrics: SweepMetric[];
};

export function planSweep(spec: SweepSpec): SweepPlan {
  const design = buildDesign(spec);
  checkPoints(spec, design);
  const hash = specHash(spec, design);
  const metrics = sweepMetrics(
    sweepRetentionDays(spec),
    hasControlArm(spec.strategies.map((s) => s.id)),
  );
  return { spec, design, hash, jobs: sweepJobs(spec, design, hash), metrics };
}

export type SweepOutcome = {
  hash: string;
  total: number;
  /** Jobs run now, and jobs found finished in the output folder (skipped). */
  ran: number;
  reused: number;
  /** True after a cancel: finished jobs are stored, nothing else is written. */
  interrupted: boolean;
  /** points.csv, summary.json and summary.txt (empty when interrupted). */
  files: { name: string; text: string }[];
  text: string;
  summary: SweepSummary | null;
};

/**
 * Runs the jobs of a sweep not yet stored under `out` on the backend, storing each result as it
 * arrives, then makes the outputs from the stored results. `onStart` hears how many jobs there are
 * and how many are already done; `onProgress` hears the count done in this run.
 */
export async function runSweep(options: {
  plan: SweepPlan;
  out: string;
  backend: SweepBackend;
  signal: AbortSignal;
  onStart?: (info: { total: number; reused: number; dir: string }) => void;
  onProgress?: (done: number, pending: number) => void;
  notice?: (line: string) => void;
}): Promise<SweepOutcome> {
  const { plan, signal } = options;
  const { spec, design, hash, jobs, metrics } = plan;
  const store = new JobStore(options.out, hash);
  const pending = jobs.filter((job) => !store.has(job));
  const reused = jobs.length - pending.length;
  options.onStart?.({ total: jobs.length, reused, dir: store.dir });
  let ran = 0;
  const run: BackendRun = {
    jobs: pending,
    input: (job) => jobInput(spec, design, job),
    onResult: (job: SweepJob, result: JobResult) => {
      // The spec goes beside its jobs with the first result: a run that fails to start writes nothing.
      if (ran === 0)
        store.writeSpec(`${canonicalJson({ hash, spec: { ...spec, source: undefined } })}\n`);
      if (store.write(job, result)) ran++;
      options.onProgress?.(ran, pending.length);
    },
    signal,
    notice: options.notice,
  };
  const outcome = { hash, total: jobs.length, reused };
  try {
    if (pending.length > 0) {
      if (options.backend.kind === "local") await runLocal(run, options.backend.workers);
      else await runOnQueue(run, options.backend.url);
    }
  } catch (error) {
    if (error instanceof CancelledError || signal.aborted) {
      return { ...outcome, ran, interrupted: true, files: [], text: "", summary: null };
    }
    throw error;
  }
  const results = jobs.map((job) => store.read(job));
  const summary = summarise(spec, design, hash, jobs, results, metrics);
  const text = renderSummary(summary, metrics);
  return {
    ...outcome,
    ran,
    interrupted: false,
    files: [
      { name: "points.csv", text: pointsCsv(spec, design, jobs, results, metrics) },
      { name: "summary.json", text: `${JSON.stringify(summary, null, 1)}\n` },
      { name: "summary.txt", text },
    ],
    text,
    summary,
  };
}
