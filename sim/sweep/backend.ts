import type { JobInput, SweepJob } from "./jobs.ts";
import type { JobResult } from "./metrics.ts";

/**
 * What a backend gets: the jobs still to run, how to make each job's input, where each result
 * goes as soon as it exists (`onResult` stores it), and the signal that stops the sweep. A backend
 * resolves when every job has a result and rejects with CancelledError after the signal.
 */
export type BackendRun = {
  jobs: SweepJob[];
  input: (job: SweepJob) => JobInput;
  onResult: (job: SweepJob, result: JobResult) => void;
  signal: AbortSignal;
  /** A line for the user about the run (not progress), e.g. that no queue worker is connected. */
  notice?: (line: string) => void;
};
