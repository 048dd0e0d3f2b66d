// biome-ignore-all lint/correctness/noPrecisionLoss: published coefficients kept digit for digit
/**
 * The standard normal distribution's tails, accurate to about 1e-15 relative error in both
 * tails: W. J. Cody's rational Chebyshev approximations (ACM TOMS 1993), as in R's `pnorm`.
 * The far tail keeps full relative accuracy until it underflows (|z| ≈ 37.5); the log forms
 * stay finite far beyond that.
 */

const A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
  0.065682337918207449113,
];
const B = [
  47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956,
];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
  2.9112874951168792e-5, 0.02307344176494017303,
];
const Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
  7.29751555083966205e-5,
];
const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const HALF_LOG_2PI = 0.918938533204672741780329736406;

/** Both tails at x: lower = P(Z ≤ x), upper = P(Z > x); natural logs of them when `log`. */
export function normalTails(x: number, log = false): { lower: number; upper: number } {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let num = 0;
    let den = 0;
    if (y > 1.1102230246251565e-16) {
      const xsq = x * x;
      num = A[4] * xsq;
      den = xsq;
      for (let i = 0; i < 3; i++) {
        num = (num + A[i]) * xsq;
        den = (den + B[i]) * xsq;
      }
    }
    const t = (x * (num + A[3])) / (den + B[3]);
    return log
      ? { lower: Math.log(0.5 + t), upper: Math.log(0.5 - t) }
      : { lower: 0.5 + t, upper: 0.5 - t };
  }
  let ratio: number;
  if (y <= SQRT_32) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    ratio = (num + C[7]) / (den + D[7]);
  } else if (y < 1e150) {
    const xsq = 1 / (x * x);
    let num = P[5] * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * xsq;
      den = (den + Q[i]) * xsq;
    }
    ratio = (ONE_OVER_SQRT_2PI - (xsq * (num + P[4])) / (den + Q[4])) / y;
  } else {
    // Beyond any real statistic; keep the log finite with the leading asymptotic term.
    const logSmall = log ? -0.5 * y * y - Math.log(y) - HALF_LOG_2PI : 0;
    const small = log ? Math.max(logSmall, -Number.MAX_VALUE) : 0;
    const big = log ? 0 : 1;
    return x > 0 ? { lower: big, upper: small } : { lower: small, upper: big };
  }
  // exp(-y²/2) split so that the rounding of y² is not amplified (Cody's trick).
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  let small: number;
  let big: number;
  if (log) {
    small = -ysq * ysq * 0.5 - del * 0.5 + Math.log(ratio);
    big = Math.log1p(-Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * ratio);
  } else {
    small = Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * ratio;
    big = 1 - small;
  }
  return x > 0 ? { lower: big, upper: small } : { lower: small, upper: big };
}

/**
 * P(Z ≤ x) for a standard normal Z.
 * @example normalCdf(-1.959963984540054) // 0.025
 */
export function normalCdf(x: number): number {
  return normalTails(x).lower;
}

/**
 * P(Z > x), accurate in the far tail: normalSurvival(30) ≈ 4.906e-198 (0 below about 1e-308).
 * @example normalSurvival(1.6448536269514722) // 0.05
 */
export function normalSurvival(x: number): number {
  return normalTails(x).upper;
}

/**
 * ln P(Z > x), finite where the survival itself underflows.
 * @example normalLogSurvival(40) // -804.608...
 */
export function normalLogSurvival(x: number): number {
  return normalTails(x, true).upper;
}

/**
 * Two-sided p-value of a z statistic, 2·P(Z > |z|).
 * @example twoSidedNormalP(30) // 9.81e-198
 */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalTails(-Math.abs(z)).lower);
}

/** Standard normal density. */
export function normalDensity(x: number): number {
  return ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);
}
