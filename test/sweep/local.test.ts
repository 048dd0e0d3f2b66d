import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, startCli, tempDir, writeSpec } from "./helpers.ts";

const SPEC = {
  scenario: "knowledge-course",
  arms: ["t-plus-7", "scenario-nurture"],
  members: 2000,
  days: 60,
  replications: 2,
  design: { type: "lhs", points: 6, seed: 11 },
  parameters: [
    { path: "fatigue.halfLifeDays", min: 1, max: 14 },
    { path: "response.couponLift", min: 0, max: 3 },
  ],
};

const read = (dir: string, name: string) => readFileSync(join(dir, name), "utf8");
const jobFiles = (out: string) => {
  const [hash] = readdirSync(join(out, "jobs"));
  const dir = join(out, "jobs", hash);
  return readdirSync(dir)
    .filter((f) => /^p\d+-r\d+\.json$/.test(f))
    .map((f) => join(dir, f));
};

describe("retention-lab sweep, local backend", () => {
  const dir = tempDir();
  const spec = writeSpec(dir, SPEC);
  const one = join(dir, "one");
  const two = join(dir, "two");
  let first: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    first = await cli(["sweep", "--spec", spec, "--out", one, "--workers", "1"]);
  });

  it("writes points.csv (point × replication × arm), summary.json and the text summary", () => {
    expect(first.code).toBe(0);
    const lines = read(one, "points.csv").trimEnd().split("\n");
    const header = lines[0].split(",");
    expect(header.slice(0, 8)).toEqual([
      "point",
      "replication",
      "seed",
      "fatigue.halfLifeDays",
      "response.couponLift",
      "arm",
      "strategy",
      "members",
    ]);
    expect(header).toContain("retentionD30");
    expect(header).toContain("clvNetPerMember");
    expect(header.at(-1)).toBe("diff.costPerMember");
    expect(lines).toHaveLength(1 + 6 * 2 * 2);
    const rows = lines.slice(1).map((l) => l.split(","));
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((r) => `${r[0]}-${r[1]}-${r[6]}`)).toEqual(
      [0, 1, 2, 3, 4, 5].flatMap((p) =>
        [0, 1].flatMap((r) => [`${p}-${r}-t-plus-7`, `${p}-${r}-scenario-nurture`]),
      ),
    );
    for (let i = 0; i < rows.length; i += 2) {
      const [a, b] = [rows[i], rows[i + 1]];
      expect(a[col("seed")]).toBe(String(Number(a[col("replication")]) + 1));
      expect(a[col("diff.clvNetPerMember")]).toBe("");
      const diff = Number(b[col("clvNetPerMember")]) - Number(a[col("clvNetPerMember")]);
      expect(Number(b[col("diff.clvNetPerMember")])).toBe(diff);
      expect(Number(a[col("fatigue.halfLifeDays")])).toBeGreaterThanOrEqual(1);
      expect(Number(a[col("fatigue.halfLifeDays")])).toBeLessThanOrEqual(14);
      expect(Number(a[col("members")]) + Number(b[col("members")])).toBe(2000);
    }
    const summary = JSON.parse(read(one, "summary.json"));
    expect(summary.jobs).toBe(12);
    expect(summary.comparisons).toHaveLength(1);
    const clv = summary.comparisons[0].metrics.find(
      (m: { metric: string }) => m.metric === "clvNetPerMember",
    );
    expect(clv.points).toBe(6);
    expect(clv.shareBeats.estimate).toBeGreaterThanOrEqual(0);
    expect(clv.shareBeats.ciLow).toBeLessThanOrEqual(clv.shareBeats.estimate);
    expect(clv.shareBeats.ciHigh).toBeGreaterThanOrEqual(clv.shareBeats.estimate);
    expect(clv.effects.map((e: { path: string }) => e.path)).toEqual([
      "fatigue.halfLifeDays",
      "response.couponLift",
    ]);
    expect(first.stdout).toBe(read(one, "summary.txt"));
    expect(first.stdout).toMatch(
      /^Share of the parameter space \(design points\) where each arm beats t-plus-7/m,
    );
    expect(first.stdout).toMatch(/^CLV per member, net \(¥\)\s+\d+ % \[\d+–\d+\]\s+[+−]¥/m);
    expect(first.stdout).toMatch(
      /^Parameter effects: CLV per member, net \(¥\), scenario-nurture − t-plus-7$/m,
    );
    expect(first.stderr).toMatch(/^sweep: 12 jobs; running 12 on 1 local worker$/m);
    expect(first.stderr).toMatch(/^sweep: 12\/12 jobs \(100 %\), [\d.]+ jobs\/s, ETA 0 s$/m);
  });

  it("gives the same bytes with 2 workers", async () => {
    const result = await cli(["sweep", "--spec", spec, "--out", two, "--workers", "2", "--quiet"]);
    expect(result.code).toBe(0);
    expect(read(two, "points.csv")).toBe(read(one, "points.csv"));
    expect(read(two, "summary.json")).toBe(read(one, "summary.json"));
  });

  it("skips finished jobs on a re-run and runs only the missing ones", async () => {
    const files = jobFiles(two);
    expect(files).toHaveLength(12);
    for (const file of files.slice(0, 5)) rmSync(file);
    const result = await cli(["sweep", "--spec", spec, "--out", two, "--workers", "1"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^sweep: 12 jobs, 7 already done in .* \(skipped\); running 5 on 1 local worker$/m,
    );
    expect(result.stderr).toMatch(/^sweep: 5 jobs run, 7 reused;/m);
    expect(read(two, "points.csv")).toBe(read(one, "points.csv"));
  });

  it("stops cleanly on Ctrl-C, keeps the finished jobs, and the next run finishes the rest", async () => {
    // Jobs of 10,000 members: the jobs left after the first leave ample time for the signal.
    const big = writeSpec(dir, { ...SPEC, members: 10000 }, "big.json");
    const out = join(dir, "interrupted");
    const child = startCli(["sweep", "--spec", big, "--out", out, "--workers", "1"]);
    await child.waitFor(/^sweep: 1\/12 jobs/m);
    child.process.kill("SIGINT");
    expect(await child.exited).toBe(130);
    const [, stored] = child
      .output()
      .match(
        /^sweep: interrupted; (\d+) of 12 jobs are stored in .*: run the same command to finish$/m,
      )!;
    const kept = jobFiles(out).length;
    expect(Number(stored)).toBe(kept);
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(12);
    expect(existsSync(join(out, "points.csv"))).toBe(false);
    const rest = await cli(["sweep", "--spec", big, "--out", out, "--workers", "1"]);
    expect(rest.code).toBe(0);
    expect(rest.stderr).toContain(`sweep: ${12 - kept} jobs run, ${kept} reused;`);
    expect(jobFiles(out)).toHaveLength(12);
    const rows = read(out, "points.csv").trimEnd().split("\n").slice(1);
    expect(rows.map((r) => r.split(",").slice(0, 2).join("-"))).toEqual(
      [0, 1, 2, 3, 4, 5].flatMap((p) => [`${p}-0`, `${p}-0`, `${p}-1`, `${p}-1`]),
    );
  });
});

describe("retention-lab sweep: oat and sobol summaries", () => {
  const dir = tempDir();
  const base = { ...SPEC, members: 1000, days: 40, replications: 1 };

  it("oat: a tornado table of the difference at each parameter's low and high level", async () => {
    const spec = writeSpec(dir, {
      ...base,
      design: { type: "oat" },
      parameters: [
        { path: "fatigue.halfLifeDays", min: 1, max: 14 },
        { path: "response.lift.hard-sell", values: [0, 12] },
      ],
    });
    const result = await cli([
      "sweep",
      "--spec",
      spec,
      "--out",
      join(dir, "oat"),
      "--workers",
      "1",
      "--quiet",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Tornado \(one at a time around the defaults\): CLV per member, net \(¥\), scenario-nurture − t-plus-7$/m,
    );
    expect(result.stdout).toMatch(
      /^fatigue\.halfLifeDays\s+1\s+[+−]¥[\d.]+\s+14\s+[+−]¥[\d.]+\s+¥[\d.]+\s+(yes|no)$/m,
    );
    const summary = JSON.parse(read(join(dir, "oat"), "summary.json"));
    expect(summary.design.points).toBe(5);
    const clv = summary.comparisons[0].metrics.find(
      (m: { metric: string }) => m.metric === "clvNetPerMember",
    );
    expect(clv.tornado).toHaveLength(2);
    for (const row of clv.tornado) {
      expect(row.swing).toBeCloseTo(Math.abs(row.high.difference - row.low.difference), 9);
    }
    expect(clv.tornado[0].swing).toBeGreaterThanOrEqual(clv.tornado[1].swing);
  });

  it("sobol: first-order and total indices with bootstrap intervals", async () => {
    const spec = writeSpec(dir, {
      ...base,
      design: { type: "sobol", points: 4, seed: 3 },
      parameters: [
        { path: "fatigue.halfLifeDays", min: 1, max: 14 },
        { path: "response.couponLift", min: 0, max: 3 },
      ],
    });
    const result = await cli([
      "sweep",
      "--spec",
      spec,
      "--out",
      join(dir, "sobol"),
      "--workers",
      "1",
      "--quiet",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Sobol indices \(Saltelli scheme, 4 base samples; 95 % bootstrap intervals\): CLV per member, net \(¥\), scenario-nurture − t-plus-7$/m,
    );
    const summary = JSON.parse(read(join(dir, "sobol"), "summary.json"));
    expect(summary.jobs).toBe(16);
    const clv = summary.comparisons[0].metrics.find(
      (m: { metric: string }) => m.metric === "clvNetPerMember",
    );
    expect(clv.sobol.map((r: { path: string }) => r.path)).toEqual([
      "fatigue.halfLifeDays",
      "response.couponLift",
    ]);
    for (const row of clv.sobol) {
      expect(row.total.estimate).toBeGreaterThanOrEqual(0);
      expect(row.total.ciLow).toBeLessThanOrEqual(row.total.ciHigh);
    }
  });
});
