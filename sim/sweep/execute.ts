import { createNodeWorker, type NodeWorker } from "../pool/node-pool.ts";
import type { PoolWorker } from "../pool/pool.ts";
import { runComparison } from "../run.ts";
import type { JobInput } from "./jobs.ts";
import { type JobResult, jobResult, sweepMetrics } from "./metrics.ts";

/**
 * Engine threads (sim/pool's Node workers) kept for a whole sweep: starting a thread costs about
 * 0.4 s, more than a small job, so each job borrows one and gives it back.
 */
export class EngineThreads {
  private readonly all: NodeWorker[];
  private readonly free: NodeWorker[];
  private readonly waiting: ((thread: NodeWorker) => void)[] = [];

  constructor(count: number, create: () => NodeWorker = () => createNodeWorker()) {
    this.all = Array.from({ length: count }, () => terminatingOnce(create()));
    this.free = [...this.all];
  }

  acquire(): Promise<NodeWorker> {
    const thread = this.free.pop();
    if (thread) return Promise.resolve(thread);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(thread: NodeWorker): void {
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.free.push(thread);
  }

  /** Stops every thread at once (a job still running on one is lost, never half-stored). */
  async close(): Promise<void> {
    for (const thread of this.all) thread.terminate();
    await Promise.all(this.all.map((t) => t.exited));
  }
}

/** A thread whose terminate may be called again (a cancelled run and the close both stop it). */
function terminatingOnce(thread: NodeWorker): NodeWorker {
  let stopped = false;
  return {
    api: thread.api,
    exited: thread.exited,
    terminate: () => {
      if (stopped) return;
      stopped = true;
      thread.terminate();
    },
  };
}

/**
 * Runs one job: one comparison (runComparison, sim/run.ts) on a borrowed engine thread, and its
 * headline metrics. The same input gives the same result on any machine, thread or backend.
 */
export async function runJob(
  input: JobInput,
  thread: PoolWorker,
  signal?: AbortSignal,
): Promise<JobResult> {
  // The pool listens to the signal of each run: a signal per job, so listeners do not pile up on
  // the sweep's signal.
  const job = new AbortController();
  const cancel = () => job.abort();
  signal?.addEventListener("abort", cancel, { once: true });
  // The pool stops its workers when a run ends; this thread outlives the run unless it is cancelled.
  const lease: PoolWorker = {
    api: thread.api,
    terminate: () => {
      if (job.signal.aborted) thread.terminate();
    },
  };
  try {
    const report = await runComparison(
      {
        scenario: input.scenario,
        strategies: input.strategies,
        members: input.members,
        days: input.days,
        seed: input.seed,
      },
      { workers: 1, createWorker: () => lease, signal: job.signal },
    );
    return jobResult(report, sweepMetrics(input.retentionDays, input.hasControl));
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
}
