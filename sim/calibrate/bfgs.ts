/**
 * Hand-written BFGS (no npm optimiser; Nocedal & Wright 2006, algorithm 6.1, with a backtracking
 * Armijo line search and the first-step scaling of their eq. 6.20). The objective returns its
 * value and writes its gradient; +∞ or NaN marks a point outside the feasible region, which the
 * line search backs away from. Every run stops within `maxIterations`.
 */

/** f(x), writing ∇f(x) into `gradient`; +∞ or NaN outside the feasible region. */
export type SmoothObjective = (x: readonly number[], gradient: number[]) => number;

export type BfgsOptions = {
  /** Stop when every gradient component is at most this. */
  gradientTolerance?: number;
  maxIterations?: number;
  /** The largest move in any coordinate in one step. */
  maxStep?: number;
  /**
   * Below this gradient, a step that leaves f unchanged to rounding but shrinks the gradient is
   * taken (f no longer resolves the last digits of the optimum there).
   */
  nearOptimum?: number;
};

export type BfgsResult = {
  x: number[];
  value: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  /** True when the gradient test passed, false when the run stopped for another reason. */
  converged: boolean;
};

/** Minimises f from `start`, which must be feasible. */
export function bfgs(
  f: SmoothObjective,
  start: readonly number[],
  options: BfgsOptions = {},
): BfgsResult {
  const {
    gradientTolerance = 1e-10,
    maxIterations = 500,
    maxStep = 4,
    nearOptimum = 1e-6,
  } = options;
  const n = start.length;
  let x = start.slice();
  let g = new Array<number>(n).fill(0);
  let value = f(x, g);
  let evaluations = 1;
  if (!Number.isFinite(value) || g.some((v) => !Number.isFinite(v))) {
    throw new RangeError("bfgs needs a start where the objective and its gradient are finite");
  }
  let H = identity(n);
  let scaled = false;
  let stalled = 0;
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    if (maxAbs(g) <= gradientTolerance) {
      converged = true;
      break;
    }
    let d = times(H, g).map((v) => -v);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      H = identity(n);
      d = g.map((v) => -v);
      slope = dot(g, d);
    }
    const longest = maxAbs(d);
    if (longest > maxStep) {
      d = d.map((v) => (v * maxStep) / longest);
      slope *= maxStep / longest;
    }
    let t = 1;
    let next: number[] | undefined;
    let nextValue = Number.NaN;
    const nextGradient = new Array<number>(n).fill(0);
    // Near the optimum a step that finds no decrease in a few halvings finds none at all.
    const tries = maxAbs(g) <= nearOptimum ? 8 : 40;
    for (let attempt = 0; attempt < tries; attempt++) {
      const candidate = x.map((v, i) => v + t * d[i]);
      const fc = f(candidate, nextGradient);
      evaluations++;
      const finite = Number.isFinite(fc) && nextGradient.every((v) => Number.isFinite(v));
      // Sufficient decrease, or, where f no longer resolves the decrease (within rounding of
      // its value), a smaller gradient: near the optimum the gradient is the better guide.
      const decreases = fc <= value + 1e-4 * t * slope;
      const flat =
        maxAbs(g) <= nearOptimum &&
        Math.abs(fc - value) <= 1e-14 * Math.abs(value) &&
        maxAbs(nextGradient) < maxAbs(g);
      if (finite && (decreases || flat)) {
        next = candidate;
        nextValue = fc;
        break;
      }
      t *= Number.isFinite(fc) ? 0.5 : 0.25;
    }
    if (!next) break; // No decrease left at working precision.
    const s = next.map((v, i) => v - x[i]);
    const y = nextGradient.map((v, i) => v - g[i]);
    const sy = dot(s, y);
    const improvement = value - nextValue;
    x = next;
    g = nextGradient.slice();
    stalled = improvement <= 1e-16 * Math.abs(value) ? stalled + 1 : 0;
    // Flat steps count as progress while they shrink the gradient.
    value = nextValue;
    if (stalled >= 8) break;
    if (sy > 1e-14 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        const gamma = sy / dot(y, y);
        H = identity(n).map((row) => row.map((v) => v * gamma));
        scaled = true;
      }
      update(H, s, y, 1 / sy);
    }
  }
  if (!converged && maxAbs(g) <= gradientTolerance) converged = true;
  return { x, value, gradient: g, iterations, evaluations, converged };
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ. */
function update(H: number[][], s: number[], y: number[], rho: number) {
  const n = s.length;
  const Hy = times(H, y);
  const yHy = dot(y, Hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i][j] += rho * ((1 + rho * yHy) * s[i] * s[j] - Hy[i] * s[j] - s[i] * Hy[j]);
    }
  }
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
}

function times(M: number[][], v: readonly number[]): number[] {
  return M.map((row) => dot(row, v));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function maxAbs(v: readonly number[]): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}
