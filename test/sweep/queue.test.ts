import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Child, cli, logged, startCli, startRedis, tempDir, writeSpec } from "./helpers.ts";

// The same sweep through BullMQ on a real redis-server (Debian's package) as through the local
// backend. Workers are separate processes, started as a user starts them.
const SPEC = {
  scenario: "knowledge-course",
  arms: ["t-plus-7", "scenario-nurture"],
  members: 2000,
  days: 60,
  replications: 2,
  design: { type: "lhs", points: 5, seed: 4 },
  parameters: [
    { path: "fatigue.halfLifeDays", min: 1, max: 14 },
    { path: "response.couponLift", min: 0, max: 3 },
  ],
};

const read = (dir: string, name: string) => readFileSync(join(dir, name), "utf8");

describe("retention-lab sweep --queue: BullMQ on Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const dir = tempDir();
  const workers: Child[] = [];
  // Short stall periods: a dead worker's job comes back within seconds, and BullMQ's stalled-check
  // marker (which lasts one period of the worker that set it) does not hold up the next test.
  const worker = (stallSeconds = 2) => {
    const child = startCli([
      "worker",
      "--queue",
      redis.url,
      "--workers",
      "1",
      "--stall-seconds",
      String(stallSeconds),
    ]);
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const w of workers) if (w.process.exitCode === null) w.process.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await redis?.stop();
  });

  it("gives the same points.csv through the queue with two worker processes as locally", async () => {
    const spec = writeSpec(dir, SPEC, "same.json");
    const [a, b] = [worker(), worker()];
    const queued = await cli([
      "sweep",
      "--spec",
      spec,
      "--out",
      join(dir, "queued"),
      "--queue",
      redis.url,
    ]);
    expect(queued.code).toBe(0);
    expect(queued.stderr).toMatch(new RegExp(`^sweep: 10 jobs; running 10 on ${redis.url}$`, "m"));
    const local = await cli([
      "sweep",
      "--spec",
      spec,
      "--out",
      join(dir, "local"),
      "--workers",
      "1",
      "--quiet",
    ]);
    expect(local.code).toBe(0);
    expect(read(join(dir, "queued"), "points.csv")).toBe(read(join(dir, "local"), "points.csv"));
    expect(read(join(dir, "queued"), "summary.json")).toBe(
      read(join(dir, "local"), "summary.json"),
    );
    expect(queued.stdout).toBe(local.stdout);

    // Ctrl-C (SIGINT) stops a worker cleanly; every job ran once, on one worker or the other.
    for (const w of [a, b]) w.process.kill("SIGINT");
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const done = [...logged(a.output(), "done"), ...logged(b.output(), "done")];
    expect(done.sort()).toEqual([...new Set(done)].sort());
    expect(done).toHaveLength(10);
    expect(logged(a.output(), "done").length).toBeGreaterThan(0);
    expect(logged(b.output(), "done").length).toBeGreaterThan(0);
  });

  it("loses no job and doubles none when a worker is killed (SIGKILL) mid-job", async () => {
    // The same spec as above: its jobs were removed from Redis once collected, so they run again.
    const spec = join(dir, "same.json");
    const doomed = worker(1);
    const out = join(dir, "killed");
    const sweep = cli(["sweep", "--spec", spec, "--out", out, "--queue", redis.url, "--quiet"]);
    // The first job of a fresh worker takes about a second (its engine thread starts and compiles).
    const [, key] = await doomed.waitFor(/^worker: (\S+) started \(attempt 1\)$/m);
    doomed.process.kill("SIGKILL");
    expect(await doomed.exited).toBeNull();
    expect(logged(doomed.output(), "done")).toEqual([]);

    const survivor = worker(1);
    const result = await sweep;
    expect(result.code).toBe(0);
    survivor.process.kill("SIGINT");
    expect(await survivor.exited).toBe(0);
    // The killed worker's job went back to the queue (stalled) and ran again elsewhere, once.
    expect(survivor.output()).toMatch(new RegExp(`^worker: ${key} started \\(attempt 2\\)$`, "m"));
    const done = logged(survivor.output(), "done");
    expect(done.sort()).toEqual([...new Set(done)].sort());
    expect(done).toHaveLength(10);
    expect(done).toContain(key);
    expect(read(out, "points.csv")).toBe(read(join(dir, "local"), "points.csv"));
  });
});
