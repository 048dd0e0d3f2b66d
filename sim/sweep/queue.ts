import { type Job, Queue } from "bullmq";
import { CancelledError, WorkerError } from "../pool/pool.ts";
import type { BackendRun } from "./backend.ts";
import type { JobInput } from "./jobs.ts";
import type { JobResult } from "./metrics.ts";
import { connectRedis, pause, QUEUE_NAME } from "./redis.ts";

/** Attempts of a job that fails by throwing; a worker that dies is handled as a stalled job. */
const ATTEMPTS = 3;
const POLL_MS = 200;
const ADD_CHUNK = 200;

/**
 * The distributed backend's coordinator: puts the jobs on the BullMQ queue (job id = job key, so a
 * job already queued, by an earlier run of the same spec, is not queued twice), then collects each
 * completed job's result, stores it and removes the job from Redis. Jobs run on `worker` processes.
 * A cancel stops collecting and leaves the queued jobs to the workers: the next run of the same
 * spec collects what they finished meanwhile.
 */
export async function runOnQueue(run: BackendRun, url: string): Promise<void> {
  const { jobs, signal } = run;
  const connection = await connectRedis(url);
  const queue = new Queue<JobInput, JobResult>(QUEUE_NAME, { connection });
  let queueError: Error | null = null;
  queue.on("error", (error) => {
    queueError = error;
  });
  const pending = new Map(jobs.map((job) => [job.key, job]));
  const prefix = jobs[0]?.key.replace(/-p\d+-r\d+$/, "-");
  try {
    // Jobs of this spec that failed in an earlier run get a fresh start.
    for (const job of await queue.getJobs(["failed"], 0, -1)) {
      if (job?.id && pending.has(job.id)) await job.remove();
    }
    for (let i = 0; i < jobs.length && !signal.aborted; i += ADD_CHUNK) {
      await queue.addBulk(
        jobs.slice(i, i + ADD_CHUNK).map((job) => ({
          name: "comparison",
          data: run.input(job),
          opts: {
            jobId: job.key,
            attempts: ATTEMPTS,
            removeOnComplete: false,
            removeOnFail: false,
          },
        })),
      );
    }
    // CLIENT LIST may be disabled on a managed Redis: then say nothing.
    const connected = await queue.getWorkersCount().catch(() => null);
    if (connected === 0) {
      run.notice?.(
        "no worker is connected to the queue yet: start `retention-lab worker --queue URL`",
      );
    }
    while (pending.size > 0 && !signal.aborted) {
      let collected = 0;
      for (const job of await queue.getJobs(["completed"], 0, -1)) {
        if (!job?.id || !prefix || !job.id.startsWith(prefix)) continue;
        const mine = pending.get(job.id);
        if (mine && !signal.aborted) {
          run.onResult(mine, checkedResult(job));
          pending.delete(job.id);
          collected++;
        }
        // Stored now or by an earlier run: the copy in Redis is no longer needed.
        if (!signal.aborted) await job.remove();
      }
      for (const job of await queue.getJobs(["failed"], 0, -1)) {
        if (job?.id && pending.has(job.id)) {
          throw new WorkerError(
            `job ${job.id} failed after ${job.attemptsMade} attempts: ${job.failedReason}`,
          );
        }
      }
      if (queueError) throw new WorkerError(`the queue failed: ${(queueError as Error).message}`);
      if (collected === 0) await pause(POLL_MS, signal);
    }
  } finally {
    await queue.close().catch(() => {});
    connection.disconnect();
  }
  if (signal.aborted) throw new CancelledError();
}

function checkedResult(job: Job<JobInput, JobResult>): JobResult {
  const result = job.returnvalue;
  if (!result || !Array.isArray(result.arms)) {
    throw new WorkerError(`job ${job.id} completed without a result (${JSON.stringify(result)})`);
  }
  return { arms: result.arms };
}
