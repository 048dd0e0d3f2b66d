/**
 * Sweep throughput: jobs per second with 1 and 2 local engine threads, and through BullMQ on a
 * local redis-server with 2 `worker` processes (one engine thread each). Each run is a fresh sweep
 * into an empty folder; its time counts from the start of the sweep to its outputs, engine threads
 * starting and compiling included (worker processes are started and idle before the clock starts).
 * With --rounds R (default 3) every configuration runs R times, interleaved, and the best rate is
 * kept: on a shared machine the best round is the one least slowed by others.
 * Usage: node --import tsx bench/sweep.ts [--rounds R]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILTIN_SCENARIOS } from "../sim/scenario/builtin.ts";
import { normalizeSweepSpec, planSweep, runSweep, type SweepBackend } from "../sim/sweep/index.ts";
import { BUILTIN_STRATEGIES } from "../strategies/index.ts";

const BIN = fileURLToPath(new URL("../bin/retention-lab.js", import.meta.url));
const find = <T extends { id: string }>(list: readonly T[], id: string) =>
  list.find((x) => x.id === id)!;

type Size = { label: string; members: number; days: number; points: number; replications: number };
const SIZES: Size[] = [
  { label: "5,000 members × 120 days", members: 5000, days: 120, points: 100, replications: 2 },
  { label: "50,000 members × 365 days", members: 50_000, days: 365, points: 12, replications: 2 },
];

function plan(size: Size) {
  const spec = normalizeSweepSpec(
    {
      scenario: "knowledge-course",
      arms: ["t-plus-7", "scenario-nurture"],
      members: size.members,
      days: size.days,
      replications: size.replications,
      design: { type: "lhs", points: size.points, seed: 11 },
      parameters: [
        { path: "fatigue.halfLifeDays", min: 1, max: 14 },
        { path: "response.couponLift", min: 0, max: 3 },
      ],
    },
    "bench",
    {
      scenario: (id) => find(BUILTIN_SCENARIOS, id),
      strategy: (id) => find(BUILTIN_STRATEGIES, id),
    },
  );
  return planSweep(spec);
}

type Measured = { rate: number; cpuPerJob: number } | string;

/** CPU seconds (user + system, every thread) of a process, from /proc (Linux; 0 elsewhere). */
function cpuOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in ticks of 1/100 s
  } catch {
    return 0;
  }
}

const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function timed(
  size: Size,
  backend: SweepBackend,
  others: ChildProcess[] = [],
): Promise<Measured> {
  const out = mkdtempSync(join(tmpdir(), "retention-lab-bench-sweep-"));
  try {
    const cpu = () => ownCpu() + others.reduce((t, c) => t + cpuOf(c.pid), 0);
    const cpuStart = cpu();
    const start = performance.now();
    const outcome = await runSweep({
      plan: plan(size),
      out,
      backend,
      signal: new AbortController().signal,
    });
    const seconds = (performance.now() - start) / 1000;
    const cpuSeconds = cpu() - cpuStart;
    if (outcome.ran !== outcome.total) throw new Error(`ran ${outcome.ran} of ${outcome.total}`);
    return { rate: outcome.total / seconds, cpuPerJob: cpuSeconds / outcome.total };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function startAndWait(command: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (ready.test(text)) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${command} exited (${code}):\n${text}`)));
  });
}

async function throughRedis(size: Size): Promise<Measured> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "retention-lab-bench-redis-"));
  let redis: ChildProcess;
  try {
    redis = await startAndWait(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        "no",
      ],
      /Ready to accept connections/,
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `not measured (${error instanceof Error ? error.message.split("\n")[0] : error})`;
  }
  const url = `redis://127.0.0.1:${port}`;
  const workers = await Promise.all(
    [0, 1].map(() =>
      startAndWait(
        process.execPath,
        [BIN, "worker", "--queue", url, "--workers", "1"],
        /waiting for jobs/,
      ),
    ),
  );
  try {
    return await timed(size, { kind: "queue", url }, [...workers, redis]);
  } finally {
    for (const w of [...workers, redis]) w.kill("SIGTERM");
    await Promise.all([...workers, redis].map((c) => new Promise((r) => c.once("exit", r))));
    rmSync(dir, { recursive: true, force: true });
  }
}

const roundsAt = process.argv.indexOf("--rounds");
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 3;
const load = () => loadavg()[0].toFixed(1);
/** The fastest round, shown with its CPU seconds per job (all processes: coordinator, workers, Redis). */
function best(values: Measured[]): string {
  const numbers = values.filter((v) => typeof v !== "string");
  if (numbers.length === 0) return String(values[0]);
  const top = numbers.reduce((a, b) => (b.rate > a.rate ? b : a));
  return `${top.rate.toFixed(1)} jobs/s   (${top.cpuPerJob.toFixed(3)} CPU s per job)`;
}
console.log(
  `sweep throughput (${cpus().length} cores, best of ${rounds}; a job = one comparison of 2 arms; load average ${load()} at the start)`,
);
for (const size of SIZES) {
  const jobs = size.points * size.replications;
  const runs: Record<string, Measured[]> = { one: [], two: [], queued: [] };
  for (let r = 0; r < rounds; r++) {
    runs.one.push(await timed(size, { kind: "local", workers: 1 }));
    runs.two.push(await timed(size, { kind: "local", workers: 2 }));
    runs.queued.push(await throughRedis(size));
  }
  console.log(`  ${size.label}, ${jobs} jobs:`);
  console.log(`    local, 1 worker              ${best(runs.one)}`);
  console.log(`    local, 2 workers             ${best(runs.two)}`);
  console.log(`    Redis, 2 worker processes    ${best(runs.queued)}`);
}
console.log(`  load average ${load()} at the end`);
