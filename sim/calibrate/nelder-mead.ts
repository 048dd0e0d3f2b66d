/**
 * Hand-written Nelder–Mead (no npm optimiser: the standard Lagarias et al. 1998 rules,
 * adaptive coefficients of Gao & Han 2012); `minimize` takes the best of several starts and
 * restarts from it until a restart no longer improves, which guards against the simplex
 * collapsing early.
 */

export type Objective = (x: readonly number[]) => number;

export type MinimizeOptions = {
  /** Initial simplex edge in each coordinate. */
  step?: number;
  /** Stop when the simplex's values and points differ by less than this. */
  tolerance?: number;
  maxIterations?: number;
  /** Restart while a restart improves f by more than this. */
  restartImprovement?: number;
};

export type Minimum = { x: number[]; value: number; evaluations: number };

/** Minimises f from one start; NaN values count as +∞ so the search backs away from them. */
export function nelderMead(f: Objective, start: readonly number[], options: MinimizeOptions = {}) {
  const { step = 0.5, tolerance = 1e-11, maxIterations = 20_000 } = options;
  const n = start.length;
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const points = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] += step;
    points.push(p);
  }
  const values = points.map(value);
  const along = (from: number[], to: number[], t: number) =>
    from.map((v, i) => v + t * (to[i] - v));

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const sortedPoints = order.map((i) => points[i]);
    const sortedValues = order.map((i) => values[i]);
    points.splice(0, n + 1, ...sortedPoints);
    values.splice(0, n + 1, ...sortedValues);
    if (converged(points, values, tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += points[i][j] / n;
    const worst = points[n];
    const reflected = along(centroid, worst, -alpha);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = along(centroid, worst, -beta);
      const fe = value(expanded);
      if (fe < fr) replaceWorst(points, values, expanded, fe);
      else replaceWorst(points, values, reflected, fr);
    } else if (fr < values[n - 1]) {
      replaceWorst(points, values, reflected, fr);
    } else {
      const outside = fr < values[n];
      const contracted = along(centroid, worst, outside ? -gamma : gamma);
      const fc = value(contracted);
      if (fc < (outside ? fr : values[n])) replaceWorst(points, values, contracted, fc);
      else {
        for (let i = 1; i <= n; i++) {
          points[i] = along(points[0], points[i], delta);
          values[i] = value(points[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: points[best], value: values[best], evaluations };
}

function converged(points: number[][], values: number[], tolerance: number): boolean {
  const n = points.length - 1;
  if (Math.abs(values[n] - values[0]) > tolerance * (1 + Math.abs(values[0]))) return false;
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < n; j++) {
      if (Math.abs(points[i][j] - points[0][j]) > Math.sqrt(tolerance)) return false;
    }
  }
  return true;
}

function replaceWorst(points: number[][], values: number[], point: number[], value: number) {
  points[points.length - 1] = point;
  values[values.length - 1] = value;
}

/**
 * The best minimum over several starts, polished by restarts from its best point until a
 * restart improves by no more than `restartImprovement`.
 */
export function minimize(
  f: Objective,
  starts: readonly (readonly number[])[],
  options: MinimizeOptions = {},
): Minimum {
  const { restartImprovement = 1e-10 } = options;
  let evaluations = 0;
  let best: Minimum | undefined;
  for (const start of starts) {
    const found = nelderMead(f, start, options);
    evaluations += found.evaluations;
    if (!best || found.value < best.value) best = found;
  }
  if (!best || !Number.isFinite(best.value)) {
    throw new RangeError("minimize found no start where the objective is finite");
  }
  for (let restart = 0; restart < 50; restart++) {
    const again = nelderMead(f, best.x, { ...options, step: 0.1 });
    evaluations += again.evaluations;
    const improved = best.value - again.value > restartImprovement;
    if (again.value < best.value) best = again;
    if (!improved) break;
  }
  return { x: best.x, value: best.value, evaluations };
}
