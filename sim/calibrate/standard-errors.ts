/**
 * Standard errors of maximum-likelihood estimates from the Hessian of −ln L in the fitted
 * coordinates φ: the square roots of the diagonal of its inverse, Var(φ). For φ = ln θ the delta
 * method gives SE(θ) = θ·SE(φ). Returns null when the Hessian is not positive definite (a flat or
 * boundary optimum), where no standard error means anything.
 */
export function standardErrorsFromHessian(hessian: number[][]): number[] | null {
  const covariance = invertSymmetric(hessian);
  if (!covariance) return null;
  const out: number[] = [];
  for (let i = 0; i < hessian.length; i++) {
    const variance = covariance[i][i];
    if (!(variance > 0) || !Number.isFinite(variance)) return null;
    out.push(Math.sqrt(variance));
  }
  return out;
}

/** Central second differences of f at x, step h in every coordinate. */
export function numericalHessian(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  h: number,
): number[][] {
  const n = x.length;
  const at = (di: number, i: number, dj: number, j: number) => {
    const y = x.slice();
    y[i] += di * h;
    y[j] += dj * h;
    return f(y);
  };
  const f0 = f(x);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i][i] = (at(1, i, 0, i) - 2 * f0 + at(-1, i, 0, i)) / (h * h);
    for (let j = 0; j < i; j++) {
      const v =
        (at(1, i, 1, j) - at(1, i, -1, j) - at(-1, i, 1, j) + at(-1, i, -1, j)) / (4 * h * h);
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

/**
 * The Hessian of f at x from central differences of its gradient, step h in every coordinate,
 * symmetrised: 2n gradient evaluations instead of 2n² values, and more accurate.
 */
export function hessianFromGradient(
  gradient: (x: readonly number[]) => number[],
  x: readonly number[],
  h: number,
): number[][] {
  const n = x.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const up = x.slice();
    up[j] += h;
    const down = x.slice();
    down[j] -= h;
    const gUp = gradient(up);
    const gDown = gradient(down);
    columns.push(gUp.map((v, i) => (v - gDown[i]) / (2 * h)));
  }
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (columns[j][i] + columns[i][j]) / 2),
  );
}

/** The inverse of a symmetric positive-definite matrix by Cholesky; null when it is not one. */
function invertSymmetric(A: number[][]): number[][] | null {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i][j];
      for (let k = 0; k < j; k++) sum -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i][i] = Math.sqrt(sum);
      } else L[i][j] = sum / L[j][j];
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inverse = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= L[i][k] * y[k];
      y[i] = sum / L[i][i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i];
      for (let k = i + 1; k < n; k++) sum -= L[k][i] * inverse[k][c];
      inverse[i][c] = sum / L[i][i];
    }
  }
  return inverse;
}
