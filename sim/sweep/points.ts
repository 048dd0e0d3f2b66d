import type { Design } from "./design.ts";
import type { SweepJob } from "./jobs.ts";
import type { JobResult, SweepMetric } from "./metrics.ts";
import type { SweepSpec } from "./spec.ts";

const field = (value: string | number | null): string => {
  const text = value === null ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The metrics compared between arms: every metric with a better direction. */
export const comparedMetrics = (metrics: readonly SweepMetric[]) =>
  metrics.filter((m) => m.better !== null);

/** Arm minus first arm; null when either is missing. */
export function difference(a: number | null, first: number | null): number | null {
  return a === null || first === null ? null : a - first;
}

/**
 * points.csv: one row per design point × replication × arm, in that order: the point, replication
 * and seed, the parameter values (one column per path), the arm's index and strategy, every metric
 * (see sweepMetrics), then `diff.<metric>`: the arm minus the first arm at the same point and seed
 * (empty on the first arm's rows). Numbers print as JavaScript's shortest exact form, so the same
 * results give the same bytes.
 */
export function pointsCsv(
  spec: SweepSpec,
  design: Design,
  jobs: readonly SweepJob[],
  results: readonly JobResult[],
  metrics: readonly SweepMetric[],
): string {
  const compared = comparedMetrics(metrics);
  const header = [
    "point",
    "replication",
    "seed",
    ...spec.parameters.map((p) => p.path),
    "arm",
    "strategy",
    ...metrics.map((m) => m.id),
    ...compared.map((m) => `diff.${m.id}`),
  ];
  const index = new Map(metrics.map((m, i) => [m.id, i]));
  const lines = [header.map(field).join(",")];
  jobs.forEach((job, j) => {
    const arms = results[j].arms;
    arms.forEach((arm, a) => {
      const row = [
        job.point,
        job.replication,
        job.seed,
        ...design.points[job.point],
        a,
        arm.strategy,
        ...arm.values,
        ...compared.map((m) => {
          const i = index.get(m.id)!;
          return a === 0 ? null : difference(arm.values[i], arms[0].values[i]);
        }),
      ];
      lines.push(row.map(field).join(","));
    });
  });
  return `${lines.join("\n")}\n`;
}
