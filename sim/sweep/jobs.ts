import { createHash } from "node:crypto";
import type { Strategy } from "../../strategies/types.ts";
import { retentionTestDays } from "../experiment/metrics.ts";
import { TOOL } from "../report/report.ts";
import { normalizeScenario, type Scenario } from "../scenario/normalize.ts";
import type { Design } from "./design.ts";
import { hasControlArm } from "./metrics.ts";
import { withValues } from "./paths.ts";
import type { SweepSpec } from "./spec.ts";

/** One job of a sweep: a comparison at one design point under one replication's seed. */
export type SweepJob = {
  /** (spec hash, point, replication): the job's id everywhere, e.g. `3f2a…-p12-r1`. */
  key: string;
  point: number;
  replication: number;
  seed: number;
};

/** Everything a worker needs to run a job: plain JSON, so it crosses Redis as is. */
export type JobInput = {
  tool: string;
  key: string;
  scenario: Scenario;
  strategies: Strategy[];
  members: number;
  days: number;
  seed: number;
  /** The metric columns (see sweepMetrics): retention days and whether a control arm exists. */
  retentionDays: number[];
  hasControl: boolean;
};

/** JSON with object keys sorted, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object)
      .filter((k) => object[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The retention days a sweep's metric columns report: those of the spec's own scenario and days. */
export function sweepRetentionDays(spec: SweepSpec): number[] {
  const { windowDays, curve } = spec.scenario.acquisition;
  return retentionTestDays(spec.days, windowDays, curve);
}

/**
 * The sweep's identity: a SHA-256 over the tool version, the loaded scenario and strategies (not
 * their file names), members, days, seeds and every design point. Any change makes new jobs; the
 * same spec finds its finished jobs again.
 */
export function specHash(spec: SweepSpec, design: Design): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        tool: TOOL,
        sweep: 1,
        scenario: spec.scenario,
        strategies: spec.strategies,
        members: spec.members,
        days: spec.days,
        seed: spec.seed,
        replications: spec.replications,
        parameters: spec.parameters.map((p) => p.path),
        points: design.points,
      }),
    )
    .digest("hex");
}

/** The short form of the hash used in job keys and folder names. */
export const shortHash = (hash: string) => hash.slice(0, 16);

/** Every job, point-major: point 0 replication 0, point 0 replication 1, … */
export function sweepJobs(spec: SweepSpec, design: Design, hash: string): SweepJob[] {
  const jobs: SweepJob[] = [];
  design.points.forEach((_, point) => {
    for (let replication = 0; replication < spec.replications; replication++) {
      jobs.push({
        key: `${shortHash(hash)}-p${point}-r${replication}`,
        point,
        replication,
        seed: spec.seed + replication,
      });
    }
  });
  return jobs;
}

/**
 * The scenario of a design point: the spec's (validated) scenario with the point's values. Valid
 * once `checkPoints` has passed, which normalizeScenario would return unchanged.
 */
export function pointScenario(spec: SweepSpec, design: Design, point: number): Scenario {
  const settings = spec.parameters.map((p, i) => ({
    steps: p.pathSteps,
    value: design.points[point][i],
  }));
  return withValues(spec.scenario, settings);
}

/** Validates every design point's scenario, so a bad value fails before any job runs. */
export function checkPoints(spec: SweepSpec, design: Design): void {
  for (let point = 0; point < design.points.length; point++) {
    normalizeScenario(pointScenario(spec, design, point), `${spec.source}: design point ${point}`);
  }
}

/** What a worker gets for a job (after `checkPoints`). */
export function jobInput(spec: SweepSpec, design: Design, job: SweepJob): JobInput {
  return {
    tool: TOOL,
    key: job.key,
    scenario: pointScenario(spec, design, job.point),
    strategies: spec.strategies,
    members: spec.members,
    days: spec.days,
    seed: job.seed,
    retentionDays: sweepRetentionDays(spec),
    hasControl: hasControlArm(spec.strategies.map((s) => s.id)),
  };
}
