import { seededRandom } from "../random.ts";
import { TOOL } from "../report/report.ts";
import type { Design } from "./design.ts";
import type { SweepJob } from "./jobs.ts";
import type { JobResult, SweepMetric } from "./metrics.ts";
import { comparedMetrics, difference } from "./points.ts";
import { type SobolIndex, sobolIndices } from "./sobol.ts";
import type { SweepSpec } from "./spec.ts";
import {
  bestSplit,
  type Interval,
  pointMeans,
  type Split,
  shareBeating,
  spearman,
} from "./summary-stats.ts";

/** grid and lhs: how one parameter goes with the difference and with the verdict. */
export type ParameterEffect = { path: string; spearman: number | null; split: Split | null };
/** oat: the difference at the parameter's lowest and highest level, the others at their defaults. */
export type TornadoRow = {
  path: string;
  low: { value: number; difference: number | null };
  high: { value: number; difference: number | null };
  swing: number | null;
  flips: boolean;
};
export type SobolRow = { path: string; first: SobolIndex; total: SobolIndex };
/** A parameter that decides whether the arm beats the first, and why it is listed. */
export type Decider = { path: string; reason: string };

export type MetricSummary = {
  metric: string;
  /** Design points with a value (a missing value: no member, or no member observed that long). */
  points: number;
  /** Mean over points of the difference (arm − first arm), itself a mean over replications. */
  meanDifference: number | null;
  /** Share of design points where the arm beats the first, interval over replications. */
  shareBeats: Interval;
  deciding: Decider[];
  effects?: ParameterEffect[];
  tornado?: TornadoRow[];
  sobol?: SobolRow[];
};

export type SweepSummary = {
  tool: string;
  specHash: string;
  scenario: string;
  scenarioName: string;
  strategies: string[];
  members: number;
  days: number;
  replications: number;
  seeds: number[];
  design: { type: string; points: number; baseSamples?: number; seed?: number };
  parameters: {
    path: string;
    default: number;
    min?: number;
    max?: number;
    steps?: number;
    values?: number[];
  }[];
  jobs: number;
  metrics: { id: string; label: string; better: string | null }[];
  /** Each arm after the first against the first. */
  comparisons: { arm: string; against: string; metrics: MetricSummary[] }[];
};

/** Total Sobol index from which a parameter counts as deciding. */
const SOBOL_DECIDES = 0.1;
/** A split must beat always guessing the majority verdict by this much to decide. */
const SPLIT_DECIDES = 0.1;

/** The summary of a finished sweep: the same results give the same summary, byte for byte. */
export function summarise(
  spec: SweepSpec,
  design: Design,
  hash: string,
  jobs: readonly SweepJob[],
  results: readonly JobResult[],
  metrics: readonly SweepMetric[],
): SweepSummary {
  const ids = spec.strategies.map((s) => s.id);
  const metricIndex = new Map(metrics.map((m, i) => [m.id, i]));
  const comparisons = ids.slice(1).map((arm, offset) => {
    const a = offset + 1;
    return {
      arm,
      against: ids[0],
      metrics: comparedMetrics(metrics).map((m) => {
        const i = metricIndex.get(m.id)!;
        const byPoint = design.points.map(() => [] as (number | null)[]);
        jobs.forEach((job, j) => {
          const arms = results[j].arms;
          byPoint[job.point].push(difference(arms[a].values[i], arms[0].values[i]));
        });
        return metricSummary(
          spec,
          design,
          m,
          byPoint,
          seededRandom(spec.seed, `sweep ${a} ${m.id}`),
        );
      }),
    };
  });
  return {
    tool: TOOL,
    specHash: hash,
    scenario: spec.scenario.id,
    scenarioName: spec.scenario.name,
    strategies: ids,
    members: spec.members,
    days: spec.days,
    replications: spec.replications,
    seeds: Array.from({ length: spec.replications }, (_, r) => spec.seed + r),
    design: {
      type: spec.design.type,
      points: design.points.length,
      ...(design.baseSamples ? { baseSamples: design.baseSamples } : {}),
      ...(spec.design.points ? { seed: spec.design.seed } : {}),
    },
    parameters: spec.parameters.map((p) => ({
      path: p.path,
      default: p.base,
      ...(p.min !== undefined ? { min: p.min, max: p.max } : {}),
      ...(p.steps !== undefined ? { steps: p.steps } : {}),
      ...(p.values ? { values: p.values } : {}),
    })),
    jobs: jobs.length,
    metrics: metrics.map((m) => ({ id: m.id, label: m.label, better: m.better })),
    comparisons,
  };
}

function metricSummary(
  spec: SweepSpec,
  design: Design,
  metric: SweepMetric,
  byPoint: (number | null)[][],
  random: () => number,
): MetricSummary {
  const sign = metric.better === "lower" ? -1 : 1;
  const means = pointMeans(byPoint);
  const have = means.flatMap((m, p) => (m === null ? [] : [p]));
  const summary: MetricSummary = {
    metric: metric.id,
    points: have.length,
    meanDifference: have.length > 0 ? have.reduce((s, p) => s + means[p]!, 0) / have.length : null,
    shareBeats: (({ estimate, ciLow, ciHigh }) => ({ estimate, ciLow, ciHigh }))(
      shareBeating(byPoint, sign, random),
    ),
    deciding: [],
  };
  const share = summary.shareBeats.estimate;
  const split = share !== null && share > 0 && share < 1;
  const beats = (m: number | null) => m !== null && sign * m > 0;
  if (design.type === "oat") {
    summary.tornado = tornado(spec, design, means, beats);
    if (split) {
      summary.deciding = summary.tornado
        .filter((row) => row.flips)
        .map((row) => ({
          path: row.path,
          reason: `the verdict changes within ${row.low.value} to ${row.high.value}`,
        }));
    }
  } else if (design.type === "sobol") {
    summary.sobol = sobolRows(spec, design, means, random);
    if (split) {
      summary.deciding = summary.sobol
        .filter((row) => (row.total.estimate ?? 0) >= SOBOL_DECIDES)
        .sort((x, y) => y.total.estimate! - x.total.estimate!)
        .map((row) => ({
          path: row.path,
          reason: `total index ${row.total.estimate!.toFixed(2)}`,
        }));
    }
  } else {
    summary.effects = spec.parameters.map((p, i) => {
      const x = have.map((pt) => design.points[pt][i]);
      return {
        path: p.path,
        spearman: spearman(
          x,
          have.map((pt) => means[pt]!),
        ),
        split: bestSplit(
          x,
          have.map((pt) => beats(means[pt])),
        ),
      };
    });
    if (split) {
      const majority = Math.max(share, 1 - share);
      summary.deciding = summary.effects
        .filter((e) => e.split && e.split.accuracy >= majority + SPLIT_DECIDES)
        .sort((x, y) => y.split!.accuracy - x.split!.accuracy)
        .map((e) => ({
          path: e.path,
          reason: `beats when ${e.split!.beatsWhen} ${round(e.split!.threshold)}: right at ${Math.round(e.split!.accuracy * 100)} % of points, ${Math.round(majority * 100)} % without it`,
        }));
    }
  }
  return summary;
}

function round(value: number): number {
  return Number(value.toPrecision(3));
}

function tornado(
  spec: SweepSpec,
  design: Design,
  means: (number | null)[],
  beats: (m: number | null) => boolean,
): TornadoRow[] {
  const base = beats(means[0]);
  const rows = spec.parameters.map((p, i) => {
    const at = design.varies!.flatMap((v, point) => (v === i ? [point] : []));
    const byValue = at.map((point) => ({ value: design.points[point][i], point }));
    byValue.sort((x, y) => x.value - y.value);
    const low = byValue[0];
    const high = byValue[byValue.length - 1];
    const diffs = at.map((point) => means[point]).filter((m): m is number => m !== null);
    return {
      path: p.path,
      low: { value: low.value, difference: means[low.point] },
      high: { value: high.value, difference: means[high.point] },
      swing: diffs.length > 0 ? Math.max(...diffs) - Math.min(...diffs) : null,
      flips: at.some((point) => means[point] !== null && beats(means[point]) !== base),
    };
  });
  return rows.sort((x, y) => (y.swing ?? -1) - (x.swing ?? -1));
}

function sobolRows(
  spec: SweepSpec,
  design: Design,
  means: (number | null)[],
  random: () => number,
): SobolRow[] {
  const n = design.baseSamples!;
  const k = spec.parameters.length;
  const none: SobolIndex = { estimate: null, ciLow: null, ciHigh: null };
  if (means.some((m) => m === null)) {
    return spec.parameters.map((p) => ({ path: p.path, first: none, total: none }));
  }
  const result = sobolIndices(means as number[], n, k, { random });
  return spec.parameters.map((p, i) => ({
    path: p.path,
    first: result.first[i],
    total: result.total[i],
  }));
}
