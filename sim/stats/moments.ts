/** What `twoPassMoments` gives: the count, the sum, the mean and the centred sum of squares. */
export type Moments = { n: number; sum: number; mean: number; centredSquares: number };

/**
 * Sum, mean and centred sum of squares of `values` in two passes, the second correcting the first
 * pass's mean for its rounding (the corrected two-pass algorithm of Chan, Golub & LeVeque, 1983).
 * The unbiased variance is centredSquares / (n − 1). An empty sample gives zeros.
 */
export function twoPassMoments(values: ArrayLike<number>): Moments {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  if (n === 0) return { n, sum: 0, mean: 0, centredSquares: 0 };
  const first = sum / n;
  let squares = 0;
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - first;
    squares += d * d;
    residual += d;
  }
  return {
    n,
    sum,
    mean: first + residual / n,
    centredSquares: squares - (residual * residual) / n,
  };
}
