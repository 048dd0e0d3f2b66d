import { describe, expect, it } from "vitest";
import { createNodeWorker, type NodeWorker } from "../../sim/pool/node-pool.ts";
import { CancelledError } from "../../sim/pool/pool.ts";
import { runComparison } from "../../sim/run.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

const spec = (members: number) => ({
  scenario: builtinScenario("knowledge-course"),
  strategies: [builtinStrategy("t-plus-7"), builtinStrategy("scenario-nurture")],
  members,
  days: 365,
  seed: 17,
});

/** Starts real worker_threads and remembers them, to check none is left running. */
function tracked(url?: URL) {
  const started: NodeWorker[] = [];
  return {
    started,
    createWorker: () => {
      const worker = createNodeWorker(url);
      started.push(worker);
      return worker;
    },
  };
}

describe("the worker pool", () => {
  it("gives byte-identical reports with 0 (in-process), 1, 2 and 3 workers", async () => {
    const reports: string[] = [];
    for (const workers of [0, 1, 2, 3]) {
      const pool = tracked();
      reports.push(JSON.stringify(await runComparison(spec(30_000), { workers, ...pool })));
      await Promise.all(pool.started.map((w) => w.exited));
      expect(pool.started).toHaveLength(workers === 0 ? 0 : Math.min(workers, 4));
    }
    expect(new Set(reports).size).toBe(1);
  });

  it("reports progress up to the whole population", async () => {
    const seen: number[] = [];
    await runComparison(spec(20_000), {
      workers: 2,
      ...tracked(),
      onProgress: (d) => seen.push(d),
    });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it("ends the run with a worker's error and stops every worker", async () => {
    const pool = tracked(new URL("./throwing-worker.mjs", import.meta.url));
    await expect(runComparison(spec(40_000), { workers: 2, ...pool })).rejects.toThrow(
      "a worker failed: boom in block",
    );
    await Promise.all(pool.started.map((w) => w.exited));
    expect(pool.started).toHaveLength(2);
  });

  it("cancels: rejects with CancelledError and every worker thread exits", async () => {
    const pool = tracked();
    const controller = new AbortController();
    const run = runComparison(spec(2_000_000), {
      workers: 2,
      ...pool,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    await Promise.all(pool.started.map((w) => w.exited));
    expect(pool.started).toHaveLength(2);
  });

  it("refuses zero members and a fractional worker count", async () => {
    await expect(runComparison(spec(0), { workers: 2, ...tracked() })).rejects.toThrow(
      "members must be a whole number ≥ 1, got 0",
    );
    await expect(runComparison(spec(100), { workers: 1.5, ...tracked() })).rejects.toThrow(
      "workers must be a whole number ≥ 1, got 1.5",
    );
  });
});
