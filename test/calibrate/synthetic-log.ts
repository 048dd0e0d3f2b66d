/**
 * Seeded synthetic transaction logs for the fit's tests and `bench/fit.ts`: generated where they
 * are used, never committed. Same options, same lines.
 */
import { formatDay, parseDate } from "../../sim/calibrate/index.ts";
import { type RandomSource, sampleGamma, sampleNormal, seededRandom } from "../../sim/random.ts";

export type UniformLogOptions = {
  customers: number;
  seed: number;
  /** First day of the year the purchases fall in (default 2024-01-01), and its length in days. */
  start?: string;
  days?: number;
  /** Purchases per customer, uniform on [min, max] (default 1–11, mean 6). */
  purchases?: [number, number];
  /** The customer id's prefix (default "C"). */
  prefix?: string;
};

/**
 * The log of issue 9: every customer buys 1–11 times on days uniform over one year, so nobody
 * drops out and BG/NBD has no drop-out to find. Amounts: each customer's own mean (lognormal
 * around 50) times Gamma(4)/4 per purchase, to cents. Lines "id,YYYY-MM-DD,amount", one
 * customer's rows together in date order, without a header.
 */
export function* uniformLog(options: UniformLogOptions): Generator<string> {
  const { customers, seed, start = "2024-01-01", days = 366, prefix = "C" } = options;
  const [min, max] = options.purchases ?? [1, 11];
  const random = seededRandom(seed, "uniform-log");
  const first = parseDate(start) as number;
  const dates = Array.from({ length: days }, (_, d) => formatDay(first + d));
  for (let c = 0; c < customers; c++) {
    const n = min + Math.floor(random() * (max - min + 1));
    const mean = 50 * Math.exp(0.5 * sampleNormal(random));
    const picked: number[] = [];
    for (let k = 0; k < n; k++) picked.push(Math.floor(random() * days));
    picked.sort((a, b) => a - b);
    for (const d of picked) {
      const amount = (mean * sampleGamma(random, 4, 4)).toFixed(2);
      yield `${prefix}${c},${dates[d]},${amount}`;
    }
  }
}

export type BgnbdLogOptions = {
  customers: number;
  seed: number;
  params: { r: number; alpha: number; a: number; b: number };
  /** Days customers join over (uniform), and the days observed after the first join. */
  joinDays: number;
  days: number;
  start?: string;
};

/**
 * A log drawn from BG/NBD itself with rates per day: each customer joins with a purchase on a
 * day uniform over `joinDays`, then buys at rate λ ~ Gamma(r, α) and after each purchase drops
 * out with probability p ~ Beta(a, b). Purchases fall on whole days and a second purchase on
 * the same day is no purchase (the import would merge it), so the drop-out chance comes only with
 * a purchase the log shows. Amount 10 on every row.
 */
export function* bgnbdLog(options: BgnbdLogOptions): Generator<string> {
  const { customers, seed, params, joinDays, days, start = "2024-01-01" } = options;
  const random = seededRandom(seed, "bgnbd-log");
  const first = parseDate(start) as number;
  for (let c = 0; c < customers; c++) {
    const join = Math.floor(random() * joinDays);
    const lambda = sampleGamma(random, params.r, params.alpha);
    const p = beta(random, params.a, params.b);
    let t = join;
    let lastDay = join;
    yield `B${c},${formatDay(first + join)},10`;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (!(t < days)) break;
      const day = Math.floor(t);
      if (day === lastDay) continue;
      yield `B${c},${formatDay(first + day)},10`;
      lastDay = day;
      if (random() < p) break;
    }
  }
}

function beta(random: RandomSource, a: number, b: number): number {
  const x = sampleGamma(random, a, 1);
  const y = sampleGamma(random, b, 1);
  return x / (x + y);
}
