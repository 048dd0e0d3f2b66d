import { CancelledError } from "../pool/pool.ts";
import type { BackendRun } from "./backend.ts";
import { EngineThreads, runJob } from "./execute.ts";

/**
 * The local backend: `workers` engine threads, each taking the next job when it is free. One job
 * more than threads is in hand, so a thread simulates the next job while the main thread builds a
 * finished one's report. A job's result is stored as soon as it finishes; after a cancel, nothing
 * more is stored.
 */
export async function runLocal(run: BackendRun, workers: number): Promise<void> {
  const { jobs, signal } = run;
  if (jobs.length === 0) return;
  // One controller for the lanes: the caller's cancel or the first failure stops them all.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  const threads = new EngineThreads(Math.min(workers, jobs.length));
  let next = 0;
  const lane = async () => {
    while (!stop.signal.aborted && next < jobs.length) {
      const job = jobs[next++];
      const result = await runJob(run.input(job), threads, stop.signal);
      if (!stop.signal.aborted) run.onResult(job, result);
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(workers + 1, jobs.length) }, () =>
        lane().catch((error) => {
          stop.abort();
          throw error;
        }),
      ),
    );
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
    await threads.close();
  }
  if (signal.aborted) throw new CancelledError();
}
