import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { type SweepJob, shortHash } from "./jobs.ts";
import type { JobResult } from "./metrics.ts";

/** What a job's file holds: the job and its result. */
export type StoredJob = SweepJob & JobResult;

let counter = 0;

/**
 * Job results on disk, one file per job under `OUT/jobs/<spec hash>/`, written as each job
 * finishes. A file appears whole (written aside, then linked into place) and only once: a second
 * write of the same job is refused, so a retried job can never be stored twice.
 */
export class JobStore {
  readonly dir: string;

  constructor(out: string, hash: string) {
    this.dir = join(out, "jobs", shortHash(hash));
  }

  private file(job: SweepJob): string {
    return join(this.dir, `p${job.point}-r${job.replication}.json`);
  }

  has(job: SweepJob): boolean {
    return existsSync(this.file(job));
  }

  /** Stores a job's result; false (nothing written) when the job is already stored. */
  write(job: SweepJob, result: JobResult): boolean {
    const stored: StoredJob = { ...job, ...result };
    return this.writeOnce(this.file(job), `${JSON.stringify(stored)}\n`);
  }

  /** The spec the jobs belong to, beside them (for the record). */
  writeSpec(text: string): void {
    this.writeOnce(join(this.dir, "spec.json"), text);
  }

  read(job: SweepJob): JobResult {
    const path = this.file(job);
    const stored = JSON.parse(readFileSync(path, "utf8")) as StoredJob;
    if (stored.key !== job.key || !Array.isArray(stored.arms)) {
      throw new InputError(
        `${path}: not the result of job ${job.key}; delete it to run the job again`,
      );
    }
    return { arms: stored.arms };
  }

  private writeOnce(path: string, text: string): boolean {
    const tmp = `${path}.tmp-${process.pid}-${counter++}`;
    try {
      mkdirSync(this.dir, { recursive: true });
      if (existsSync(path)) return false;
      writeFileSync(tmp, text);
      try {
        linkSync(tmp, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EEXIST") return false;
        // File systems without hard links: rename (the existence check above guards the race).
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
        renameSync(tmp, path);
      }
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(`cannot store a job result in ${this.dir}: ${reason}`);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
