import { createNodeWorker, type NodeWorker } from "../pool/node-pool.ts";
import { CancelledError, type PoolWorker } from "../pool/pool.ts";
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
  private readonly waiting: {
    resolve: (thread: NodeWorker) => void;
    reject: (e: Error) => void;
  }[] = [];
  private closed = false;

  constructor(count: number, create: () => NodeWorker = () => createNodeWorker()) {
    this.all = Array.from({ length: count }, () => terminatingOnce(create()));
    this.free = [...this.all];
  }

  /** A free thread, when there is one; rejects with CancelledError once the threads are closed. */
  acquire(): Promise<NodeWorker> {
    if (this.closed) return Promise.reject(new CancelledError());
    const thread = this.free.pop();
    if (thread) return Promise.resolve(thread);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  release(thread: NodeWorker): void {
    const next = this.waiting.shift();
    if (next) next.resolve(thread);
    else this.free.push(thread);
  }

  /** Stops every thread at once (a job still running on one is lost, never half-stored). */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new CancelledError());
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
 * Runs one job: one comparison (runComparison, sim/run.ts) on an engine thread borrowed from
 * `threads`, and its headline metrics. The same input gives the same result on any machine, thread
 * or backend. The thread goes back as soon as the members are simulated (the pool's stop at the end
 * of its run), so another job simulates on it while this one's report is built on the main thread.
 */
export async function runJob(
  input: JobInput,
  threads: EngineThreads,
  signal?: AbortSignal,
): Promise<JobResult> {
  // The pool listens to the signal of each run: a signal per job, so listeners do not pile up on
  // the sweep's signal.
  const job = new AbortController();
  const cancel = () => job.abort();
  signal?.addEventListener("abort", cancel, { once: true });
  const thread = await threads.acquire();
  let returned = false;
  const giveBack = () => {
    if (returned) return;
    returned = true;
    threads.release(thread);
  };
  // The pool stops its workers when a run ends: this thread is given back instead, or stopped if
  // the run was cancelled.
  const lease: PoolWorker = {
    api: thread.api,
    terminate: () => {
      if (job.signal.aborted) thread.terminate();
      giveBack();
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
    giveBack();
    signal?.removeEventListener("abort", cancel);
  }
}
