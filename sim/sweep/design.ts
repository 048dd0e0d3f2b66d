import { Where } from "../../strategies/check.ts";
import { type RandomSource, seededRandom } from "../random.ts";
import { saltelliSample } from "./sobol.ts";
import type { DesignType, SweepParameter, SweepSpec } from "./spec.ts";

/** The design points of a sweep: each a value per parameter, in the spec's parameter order. */
export type Design = {
  type: DesignType;
  points: number[][];
  /** oat: the parameter each point varies (−1 for the base point, every parameter at its default). */
  varies?: number[];
  /** sobol: the n base samples; points are A (n), B (n), then A_B^1 … A_B^k (n each). */
  baseSamples?: number;
};

export const MAX_POINTS = 200_000;
export const MAX_JOBS = 1_000_000;

/** The levels of a grid or oat parameter: its `values`, or `steps` evenly spaced from min to max. */
export function levels(p: SweepParameter): number[] {
  if (p.values) return p.values;
  const min = p.min!;
  const max = p.max!;
  const steps = p.steps ?? 2;
  return Array.from({ length: steps }, (_, i) => {
    const value = i === steps - 1 ? max : min + ((max - min) * i) / (steps - 1);
    return p.integer ? Math.round(value) : value;
  });
}

/** A uniform position u in [0, 1) of a sampled parameter's range (whole numbers equally likely). */
function fromUnit(p: SweepParameter, u: number): number {
  const min = p.min!;
  const max = p.max!;
  if (p.integer) return Math.min(max, min + Math.floor(u * (max - min + 1)));
  return min + u * (max - min);
}

/** Latin hypercube: each parameter's range cut into n strata, each stratum used once. */
function latinHypercube(n: number, k: number, random: RandomSource): number[][] {
  const columns = Array.from({ length: k }, () => {
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    return strata.map((s) => (s + random()) / n);
  });
  return Array.from({ length: n }, (_, i) => columns.map((column) => column[i]));
}

/** The number of design points a spec makes, without making them. */
export function designSize(spec: SweepSpec): number {
  const k = spec.parameters.length;
  switch (spec.design.type) {
    case "grid":
      return spec.parameters.reduce((n, p) => n * levels(p).length, 1);
    case "oat":
      return 1 + spec.parameters.reduce((n, p) => n + levels(p).length, 0);
    case "lhs":
      return spec.design.points!;
    case "sobol":
      return spec.design.points! * (k + 2);
  }
}

/** The design points of a spec (deterministic: lhs and sobol draw from the design's seed). */
export function buildDesign(spec: SweepSpec): Design {
  const at = new Where(spec.source).key("design");
  const size = designSize(spec);
  if (size > MAX_POINTS)
    at.fail(`makes ${size} design points; at most ${MAX_POINTS} are allowed`, spec.design);
  if (size * spec.replications > MAX_JOBS) {
    at.fail(
      `makes ${size} points × ${spec.replications} replications = ${size * spec.replications} jobs; at most ${MAX_JOBS} are allowed`,
      spec.design,
    );
  }
  const params = spec.parameters;
  const k = params.length;
  const { type, seed } = spec.design;
  if (type === "grid") {
    let points: number[][] = [[]];
    for (const p of params) points = points.flatMap((point) => levels(p).map((v) => [...point, v]));
    return { type, points };
  }
  if (type === "oat") {
    const base = params.map((p) => p.base);
    const points = [base];
    const varies = [-1];
    params.forEach((p, i) => {
      for (const v of levels(p)) {
        points.push(base.map((b, c) => (c === i ? v : b)));
        varies.push(i);
      }
    });
    return { type, points, varies };
  }
  const n = spec.design.points!;
  const unit =
    type === "lhs"
      ? latinHypercube(n, k, seededRandom(seed, "sweep lhs"))
      : saltelliSample(n, k, seededRandom(seed, "sweep sobol"));
  const points = unit.map((row) => row.map((u, i) => fromUnit(params[i], u)));
  return type === "sobol" ? { type, points, baseSamples: n } : { type, points };
}
