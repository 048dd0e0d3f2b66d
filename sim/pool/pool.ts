import type * as Comlink from "comlink";
import type { BlockJob } from "../engine/block.ts";
import type { BlockOutcome } from "../engine/outcomes.ts";
import type { BlockSummary } from "../engine/summary.ts";
import { InputError } from "../errors.ts";
import type { ComparisonSpec } from "../run.ts";
import type { WorkerApi } from "./worker-api.ts";

/**
 * A started worker: its Comlink proxy and a way to stop it at once. `release`, where given, is
 * called instead of `terminate` when a run ends cleanly: the worker goes back to whoever keeps it
 * warm for the next run (the dashboard: a new worker compiles the engine afresh, about a second).
 * A cancel or an error always terminates.
 */
export type PoolWorker = {
  api: Comlink.Remote<WorkerApi>;
  terminate: () => void;
  release?: () => void;
};

export type PoolOptions = {
  workers: number;
  /** Starts one worker (Web Worker in the browser, worker_thread in Node). */
  createWorker: () => PoolWorker;
  /** Share of members done, after each block. */
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
};

/** The error a cancelled run rejects with. */
export class CancelledError extends Error {
  override name = "CancelledError";
  constructor() {
    super("the run was cancelled");
  }
}

/** A worker failed: the run ends with its message (exit code 2 on the CLI, as for bad input). */
export class WorkerError extends Error {
  override name = "WorkerError";
}

/**
 * Runs blocks on a pool of workers. Each worker pulls the next block when it is free; outcomes are
 * kept by block index, so the merge never depends on which worker finished first. The first error
 * or a cancel terminates every worker and rejects; at the end workers are released (`release`) or
 * terminated.
 */
export function runBlocksOnPool(
  spec: ComparisonSpec,
  jobs: BlockJob[],
  options: PoolOptions,
): Promise<BlockOutcome[]> {
  return onPool(spec, jobs, options, (api, job) => api.runBlock(job));
}

/** As `runBlocksOnPool`, each worker sending its blocks' summaries (what a report needs). */
export function summariseBlocksOnPool(
  spec: ComparisonSpec,
  jobs: BlockJob[],
  options: PoolOptions,
): Promise<BlockSummary[]> {
  return onPool(spec, jobs, options, (api, job) => api.summariseBlock(job));
}

async function onPool<T>(
  spec: ComparisonSpec,
  jobs: BlockJob[],
  options: PoolOptions,
  call: (api: PoolWorker["api"], job: BlockJob) => Promise<T>,
): Promise<T[]> {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new InputError(`workers must be a whole number ≥ 1, got ${options.workers}`);
  }
  const { signal, onProgress } = options;
  if (signal?.aborted) throw new CancelledError();
  const count = Math.min(options.workers, jobs.length);
  const workers: PoolWorker[] = [];
  const outcomes: T[] = new Array(jobs.length);
  const total = jobs.reduce((n, job) => n + job.count, 0);
  let done = 0;
  let next = 0;
  let stopped = false;
  let terminated = false;
  const stopAll = () => {
    stopped = true;
    if (terminated) return;
    terminated = true;
    for (const worker of workers) worker.terminate();
  };
  const cancelled = new Promise<never>((_, reject) => {
    signal?.addEventListener("abort", () => {
      stopAll();
      reject(new CancelledError());
    });
  });
  cancelled.catch(() => {});
  try {
    for (let w = 0; w < count; w++) workers.push(options.createWorker());
    const lane = async (worker: PoolWorker) => {
      await worker.api.prepare(spec);
      while (!stopped && next < jobs.length) {
        const index = next++;
        outcomes[index] = await call(worker.api, jobs[index]);
        done += jobs[index].count;
        if (!stopped) onProgress?.(done / total);
      }
    };
    await Promise.race([Promise.all(workers.map(lane)), cancelled]);
    if (!signal?.aborted && !terminated) {
      terminated = true;
      for (const worker of workers) (worker.release ?? worker.terminate)();
    }
    return outcomes;
  } catch (error) {
    // After a cancel, calls still in flight fail on the released workers: report the cancel.
    if (signal?.aborted) throw new CancelledError();
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new WorkerError(`a worker failed: ${message}`);
  } finally {
    stopAll();
  }
}
