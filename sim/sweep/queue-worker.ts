import { UnrecoverableError, Worker } from "bullmq";
import { TOOL } from "../report/report.ts";
import { EngineThreads, runJob } from "./execute.ts";
import type { JobInput } from "./jobs.ts";
import type { JobResult } from "./metrics.ts";
import { connectRedis, pause, QUEUE_NAME } from "./redis.ts";

export type QueueWorkerOptions = {
  url: string;
  /** Engine threads: jobs simulated at once (one more job is in hand, its report being built). */
  threads: number;
  /**
   * How long a job's lock lasts without renewal (the worker renews it every half of this while the
   * job runs). A worker that dies mid-job loses its lock; after about this long the stalled-job
   * check of another worker puts the job back on the queue.
   */
  stallSeconds: number;
  log: (line: string) => void;
  /** Stops taking jobs; jobs already running finish and are reported first. */
  signal: AbortSignal;
};

/** Times a job may stall (its worker died) before BullMQ gives up on it. */
const MAX_STALLED = 10;

/**
 * A sweep worker: takes jobs from the queue until the signal, runs each as one comparison on an
 * engine thread, and returns its result to BullMQ, which stores it in Redis for the coordinator.
 * Returns the number of jobs it completed.
 */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<number> {
  const { log, signal } = options;
  const connection = await connectRedis(options.url);
  const threads = new EngineThreads(options.threads);
  let completed = 0;
  const worker = new Worker<JobInput, JobResult>(
    QUEUE_NAME,
    async (job) => {
      const input = job.data;
      if (input?.tool !== TOOL) {
        throw new UnrecoverableError(
          `job ${job.id} was made by ${input?.tool}, this worker is ${TOOL}`,
        );
      }
      log(`${job.id} started (attempt ${job.attemptsStarted})`);
      return await runJob(input, threads);
    },
    {
      connection,
      // One job more than threads: a thread simulates while the main thread builds a report.
      concurrency: options.threads + 1,
      lockDuration: options.stallSeconds * 1000,
      stalledInterval: options.stallSeconds * 1000,
      maxStalledCount: MAX_STALLED,
    },
  );
  worker.on("completed", (job) => {
    completed++;
    log(`${job.id} done`);
  });
  worker.on("failed", (job, error) => log(`${job?.id ?? "a job"} failed: ${error.message}`));
  worker.on("error", (error) => log(`queue error: ${error.message}`));
  log(`waiting for jobs on ${QUEUE_NAME} (${options.threads} engine threads)`);
  try {
    while (!signal.aborted) await pause(60_000, signal);
    log("stopping: finishing the jobs in hand");
    await worker.close();
  } finally {
    await threads.close();
    connection.disconnect();
  }
  return completed;
}
