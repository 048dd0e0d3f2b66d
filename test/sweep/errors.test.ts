import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, freePort, tempDir, writeSpec } from "./helpers.ts";

const GOOD = {
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

/** The one line a bad input gets, with exit code 2 and nothing written. */
async function failsWith(spec: unknown, extra: string[] = []) {
  const dir = tempDir();
  const path = writeSpec(dir, spec);
  const out = join(dir, "out");
  const result = await cli(["sweep", "--spec", path, "--out", out, "--quiet", ...extra]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.endsWith("\n")).toBe(true);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(existsSync(out)).toBe(false);
  return { line: result.stderr.trimEnd(), path };
}

describe("retention-lab sweep: bad input gets one clear line and exit code 2", () => {
  it("a parameter path the scenario does not have", async () => {
    const spec = { ...GOOD, parameters: [{ path: "fatigue.halfLife", min: 1, max: 14 }] };
    const { line, path } = await failsWith(spec);
    expect(line).toBe(
      `retention-lab sweep: ${path}: parameters[0].path must name a number in the scenario: fatigue has no "halfLife" (it has: halfLifeDays, toleranceMean, toleranceShape, load, offHoursMultiplier, irrelevanceMultiplier, optOutProbability, leaveProbability, longHalfLifeDays, longWeight), got "fatigue.halfLife"`,
    );
    const top = await failsWith({ ...GOOD, parameters: [{ path: "fatigue", min: 1, max: 2 }] });
    expect(top.line).toMatch(
      /parameters\[0\]\.path must name a number in the scenario, but it is an object, got "fatigue"$/,
    );
    const lift = await failsWith({
      ...GOOD,
      parameters: [{ path: "response.lift.spam", min: 1, max: 2 }],
    });
    expect(lift.line).toMatch(
      /response\.lift has no "spam" \(it has: welcome, story, benefit, hard-sell, reminder, value, win-back\)/,
    );
  });

  it("a malformed or invalid spec", async () => {
    const badType = await failsWith({ ...GOOD, design: { type: "random", points: 6 } });
    expect(badType.line).toBe(
      `retention-lab sweep: ${badType.path}: design.type must be one of grid, oat, lhs, sobol, got "random"`,
    );
    const typo = await failsWith({ ...GOOD, replication: 2 });
    expect(typo.line).toMatch(
      /: replication is not a known field \(known: scenario, arms, members, days, replications, seed, design, parameters\), got 2$/,
    );
    const steps = await failsWith({
      ...GOOD,
      parameters: [{ path: "fatigue.halfLifeDays", min: 1, max: 3, steps: 4 }],
    });
    expect(steps.line).toMatch(
      /: parameters\[0\]\.steps is not a known field \(known: path, min, max\), got 4$/,
    );
    const oneArm = await failsWith({ ...GOOD, arms: ["t-plus-7"] });
    expect(oneArm.line).toMatch(
      /: arms must list 2 to 16 strategies \(each compared with the first\), got \["t-plus-7"\]$/,
    );
    const arm = await failsWith({ ...GOOD, arms: ["t-plus-7", "nurture"] });
    expect(arm.line).toMatch(
      /: arms: unknown strategy "nurture"; built-in strategies: control, t-plus-7, scenario-nurture/,
    );
    const dir = tempDir();
    const broken = join(dir, "broken.json");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(broken, '{ "scenario": ');
    const malformed = await cli(["sweep", "--spec", broken]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(
      /^retention-lab sweep: .*broken\.json: malformed JSON \(.+\)\n$/,
    );
    const missing = await cli(["sweep", "--spec", join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^retention-lab sweep: cannot read sweep spec file .*nope\.json: no such file\n$/,
    );
  });

  it("a value the scenario refuses, at a range end or at a design point", async () => {
    const low = await failsWith({
      ...GOOD,
      parameters: [{ path: "fatigue.halfLifeDays", min: 0, max: 14 }],
    });
    expect(low.line).toBe(
      `retention-lab sweep: ${low.path}: parameters[0].min: fatigue.halfLifeDays must be > 0, got 0`,
    );
    const whole = await failsWith({
      ...GOOD,
      design: { type: "grid" },
      parameters: [{ path: "response.boostDays", values: [2, 2.5] }],
    });
    expect(whole.line).toMatch(
      /: parameters\[0\]\.values\[1\]: response\.boostDays must be a whole number, got 2\.5$/,
    );
    // each end is valid alone; together at one point they break a relation between parameters
    const point = await failsWith({
      ...GOOD,
      design: { type: "grid" },
      parameters: [
        { path: "lifecycle.stableRecencyDays", values: [45, 100] },
        { path: "lifecycle.lapsedRecencyDays", values: [90, 120] },
      ],
    });
    expect(point.line).toMatch(
      /: design point 2: lifecycle\.lapsedRecencyDays must be > stableRecencyDays \(100\), got 90$/,
    );
  });

  it("an unreachable Redis, for the coordinator and for a worker", async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const { line } = await failsWith(GOOD, ["--queue", url]);
    expect(line).toBe(
      `retention-lab sweep: cannot reach Redis at ${url}: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    const worker = await cli(["worker", "--queue", url, "--workers", "1"]);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toBe(
      `retention-lab worker: cannot reach Redis at ${url}: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    );
    const notRedis = await cli(["worker", "--queue", "http://127.0.0.1:1"]);
    expect(notRedis.code).toBe(2);
    expect(notRedis.stderr).toBe(
      `retention-lab worker: option --queue must be a redis:// or rediss:// URL, got "http://127.0.0.1:1"\n`,
    );
  });
});
