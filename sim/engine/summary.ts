import { twoPassMoments } from "../stats/moments.ts";
import { type BlockOutcome, CAUSE_NATURAL, CAUSE_OVER_MESSAGING, SUMMED_KEYS } from "./outcomes.ts";

/**
 * What the reports and the A/B analysis need from a block, computed where the block was simulated
 * (a worker): per arm, counts of randomised members, sums and centred sums of squares of revenue
 * and CLV (for means and Welch), life tables by day since join (retention, conversion, survival),
 * and the block's revenues and CLVs sorted ascending (runs merged for the rank test, quantiles and
 * concentration). With the per-arm series and totals the block already sums, it is all the main
 * thread merges: counts and series by adding, moments by Chan's formula, in block order, so the
 * result does not depend on which worker ran which block; sorted runs by merging, whose result is
 * the same in any order.
 */
export type BlockSummary = Pick<BlockOutcome, (typeof SUMMED_KEYS)[number]> & {
  summary: true;
  start: number;
  count: number;
  arms: number;
  days: number;
  /** Per arm × COUNT_FIELDS: counts of randomised members (see COUNT). */
  counts: Float64Array;
  /** Per arm × MOMENT_FIELDS: revenue sum and centred sum of squares, CLV's, cost sum. */
  moments: Float64Array;
  /** Per arm × LIFE_TABLES × (days + 2): see LIFE. */
  life: Float64Array;
  /** Revenues of the randomised members, arm after arm, each arm's sorted ascending. */
  revenueSorted: Float64Array;
  clvSorted: Float64Array;
  /** Per arm + 1: where each arm's values start in the sorted arrays. */
  armOffsets: Int32Array;
};

export const COUNT = {
  members: 0,
  natural: 1,
  overMessaging: 2,
  optOuts: 3,
  converted: 4,
  lapsed: 5,
  lapsedButAlive: 6,
  churnedNotLapsed: 7,
  pool: 8,
  fans: 9,
  reached: 10,
  repeatBuyers: 11,
} as const;
export const COUNT_FIELDS = 12;

export const MOMENT = { revenueSum: 0, revenueSquares: 1, clvSum: 2, clvSquares: 3, costSum: 4 };
export const MOMENT_FIELDS = 5;

/**
 * Life tables by day since join, each of days + 2 entries: members observed exactly k days;
 * difference arrays over d of "churned within d days, observed at least d" and "bought within d
 * days, observed at least d"; churn events and members leaving the risk set at time t (the
 * survival curves' counts, t = churn day + 1 or the observation length).
 */
export const LIFE = { observedFor: 0, churnedWithin: 1, boughtWithin: 2, events: 3, leaving: 4 };
export const LIFE_TABLES = 5;

/** The summary of a simulated block; `lapsedDays` is the scenario's lapsed-proxy window. */
export function summariseBlock(
  block: BlockOutcome,
  arms: number,
  days: number,
  lapsedDays: number,
): BlockSummary {
  const n = block.count;
  const width = days + 2;
  const counts = new Float64Array(arms * COUNT_FIELDS);
  const moments = new Float64Array(arms * MOMENT_FIELDS);
  const life = new Float64Array(arms * LIFE_TABLES * width);
  const armOffsets = new Int32Array(arms + 1);
  for (let i = 0; i < n; i++) armOffsets[block.arm[i] + 1]++;
  for (let a = 0; a < arms; a++) armOffsets[a + 1] += armOffsets[a];
  const revenueSorted = new Float64Array(n);
  const clvSorted = new Float64Array(n);
  const fill = armOffsets.slice(0, arms);
  for (let i = 0; i < n; i++) {
    const arm = block.arm[i];
    const c = arm * COUNT_FIELDS;
    const at = arm * LIFE_TABLES * width;
    counts[c + COUNT.members]++;
    const observed = days - block.joinDay[i];
    life[at + LIFE.observedFor * width + observed]++;
    const first = block.firstPurchaseDay[i];
    if (first >= 0 && first < observed) {
      life[at + LIFE.boughtWithin * width + first + 1]++;
      life[at + LIFE.boughtWithin * width + observed + 1]--;
    }
    const churnDay = block.churnDay[i];
    if (churnDay >= 0) {
      life[at + LIFE.churnedWithin * width + churnDay + 1]++;
      life[at + LIFE.churnedWithin * width + observed + 1]--;
      life[at + LIFE.events * width + churnDay + 1]++;
      life[at + LIFE.leaving * width + churnDay + 1]++;
      if (block.churnCause[i] === CAUSE_NATURAL) counts[c + COUNT.natural]++;
      else if (block.churnCause[i] === CAUSE_OVER_MESSAGING) counts[c + COUNT.overMessaging]++;
    } else {
      life[at + LIFE.leaving * width + observed]++;
    }
    if (block.optedOut[i] !== 0) counts[c + COUNT.optOuts]++;
    if (churnDay < 0 && (block.subscribed[i] & ~block.optedOut[i]) !== 0) counts[c + COUNT.pool]++;
    const purchases = block.purchases[i];
    if (block.depthEnd[i] !== 0 || purchases > 0) counts[c + COUNT.fans]++;
    if (purchases > 0) counts[c + COUNT.converted]++;
    if (purchases >= 2) counts[c + COUNT.repeatBuyers]++;
    if (block.messages[i] > 0) counts[c + COUNT.reached]++;
    const isLapsed = days - block.lastActivityDay[i] > lapsedDays;
    if (isLapsed) counts[c + COUNT.lapsed]++;
    if (isLapsed && churnDay < 0) counts[c + COUNT.lapsedButAlive]++;
    if (!isLapsed && churnDay >= 0) counts[c + COUNT.churnedNotLapsed]++;
    moments[arm * MOMENT_FIELDS + MOMENT.costSum] += block.cost[i];
    const k = fill[arm]++;
    revenueSorted[k] = block.revenue[i];
    clvSorted[k] = block.clv[i];
  }
  for (let a = 0; a < arms; a++) {
    const from = armOffsets[a];
    const to = armOffsets[a + 1];
    const m = a * MOMENT_FIELDS;
    centredMoments(revenueSorted.subarray(from, to), moments, m + MOMENT.revenueSum);
    centredMoments(clvSorted.subarray(from, to), moments, m + MOMENT.clvSum);
    revenueSorted.subarray(from, to).sort();
    clvSorted.subarray(from, to).sort();
  }
  const series = {} as Pick<BlockOutcome, (typeof SUMMED_KEYS)[number]>;
  for (const key of SUMMED_KEYS) (series as Record<string, unknown>)[key] = block[key];
  return {
    ...series,
    summary: true,
    start: block.start,
    count: n,
    arms,
    days,
    counts,
    moments,
    life,
    revenueSorted,
    clvSorted,
    armOffsets,
  };
}

/**
 * Sum and centred sum of squares of `values` (in member order), in two passes, the second
 * correcting the mean's rounding (as the Welch test's own moments), into out[at], out[at + 1].
 */
function centredMoments(values: Float64Array, out: Float64Array, at: number): void {
  const { n, sum, centredSquares } = twoPassMoments(values);
  if (n === 0) return;
  out[at] = sum;
  out[at + 1] = Math.max(0, centredSquares);
}

/** Whether a block result is a summary (workers send summaries; tests may pass outcomes). */
export function isSummary(block: BlockOutcome | BlockSummary): block is BlockSummary {
  return (block as BlockSummary).summary === true;
}

/** The typed arrays of a summary, for transfer lists. */
export function summaryBuffers(summary: BlockSummary): ArrayBuffer[] {
  return Object.values(summary)
    .filter((v): v is Int32Array => ArrayBuffer.isView(v))
    .map((v) => v.buffer as ArrayBuffer);
}

/**
 * Merges block summaries: counts, life tables and series added and moments combined (Chan et
 * al.) block after block in block order, sorted runs merged pairwise. O(blocks × days) but for the
 * sorted values, O(members × log blocks).
 */
export function mergeSummaries(
  blocks: readonly BlockSummary[],
  arms: number,
  days: number,
): BlockSummary {
  const ordered = [...blocks].sort((x, y) => x.start - y.start);
  const first = ordered[0];
  const count = ordered.reduce((n, b) => n + b.count, 0);
  const width = days + 2;
  const counts = new Float64Array(arms * COUNT_FIELDS);
  const moments = new Float64Array(arms * MOMENT_FIELDS);
  const life = new Float64Array(arms * LIFE_TABLES * width);
  const series = {} as Record<(typeof SUMMED_KEYS)[number], Int32Array | Float64Array>;
  for (const key of SUMMED_KEYS) {
    const like = first[key];
    series[key] =
      like instanceof Float64Array ? new Float64Array(like.length) : new Int32Array(like.length);
  }
  for (const block of ordered) {
    add(counts, block.counts);
    add(life, block.life);
    for (const key of SUMMED_KEYS) add(series[key], block[key]);
    for (let a = 0; a < arms; a++) {
      const na = counts[a * COUNT_FIELDS + COUNT.members] - block.counts[a * COUNT_FIELDS];
      const nb = block.counts[a * COUNT_FIELDS + COUNT.members];
      const m = a * MOMENT_FIELDS;
      moments[m + MOMENT.costSum] += block.moments[m + MOMENT.costSum];
      combine(moments, block.moments, m + MOMENT.revenueSum, na, nb);
      combine(moments, block.moments, m + MOMENT.clvSum, na, nb);
    }
  }
  const armOffsets = new Int32Array(arms + 1);
  for (let a = 0; a < arms; a++)
    armOffsets[a + 1] = armOffsets[a] + counts[a * COUNT_FIELDS + COUNT.members];
  const revenueSorted = new Float64Array(count);
  const clvSorted = new Float64Array(count);
  for (let a = 0; a < arms; a++) {
    const runs = (key: "revenueSorted" | "clvSorted") =>
      ordered.map((b) => b[key].subarray(b.armOffsets[a], b.armOffsets[a + 1]));
    revenueSorted.set(mergeRuns(runs("revenueSorted")), armOffsets[a]);
    clvSorted.set(mergeRuns(runs("clvSorted")), armOffsets[a]);
  }
  return {
    ...(series as Pick<BlockOutcome, (typeof SUMMED_KEYS)[number]>),
    summary: true,
    start: 0,
    count,
    arms,
    days,
    counts,
    moments,
    life,
    revenueSorted,
    clvSorted,
    armOffsets,
  };
}

function add(target: Float64Array | Int32Array, source: Float64Array | Int32Array): void {
  for (let i = 0; i < source.length; i++) target[i] += source[i];
}

/** Adds a group of nb values (sum, centred squares at `at`) to one of na values, in place. */
function combine(into: Float64Array, from: Float64Array, at: number, na: number, nb: number) {
  if (nb === 0) return;
  if (na === 0) {
    into[at] = from[at];
    into[at + 1] = from[at + 1];
    return;
  }
  const delta = from[at] / nb - into[at] / na;
  into[at + 1] += from[at + 1] + (delta * delta * na * nb) / (na + nb);
  into[at] += from[at];
}

/**
 * One ascending array from ascending runs (the result is the same in any order). Zeros (every
 * member who never bought, often half of them) are counted, not merged; the negative and positive
 * parts are merged pairwise, level by level, between two buffers.
 */
export function mergeRuns(runs: readonly Float64Array[]): Float64Array {
  let total = 0;
  let zeros = 0;
  let negatives = 0;
  let negativeZeros = 0;
  const bounds = runs.map((run) => {
    const firstZero = firstNotBefore(run, 0, (v) => v < 0);
    const firstPositive = firstNotBefore(run, firstZero, (v) => v <= 0);
    total += run.length;
    zeros += firstPositive - firstZero;
    negatives += firstZero;
    // −0 sorts before +0, as a sort of all the values would put it.
    for (let i = firstZero; i < firstPositive; i++) if (1 / run[i] < 0) negativeZeros++;
    return { firstZero, firstPositive };
  });
  const out = new Float64Array(total);
  out.fill(-0, negatives, negatives + negativeZeros);
  const negativeParts = runs.map((run, i) => run.subarray(0, bounds[i].firstZero));
  const positiveParts = runs.map((run, i) => run.subarray(bounds[i].firstPositive));
  out.set(mergeParts(negativeParts, negatives), 0);
  out.set(mergeParts(positiveParts, total - negatives - zeros), negatives + zeros);
  return out;
}

/** Ascending runs of `size` values in all, merged pairwise level by level between two buffers. */
function mergeParts(runs: Float64Array[], size: number): Float64Array {
  let from = new Float64Array(size);
  let to = new Float64Array(size);
  // Run k occupies [starts[k], starts[k + 1]) of `from`.
  let starts = [0];
  for (const run of runs) {
    if (run.length === 0) continue;
    from.set(run, starts[starts.length - 1]);
    starts.push(starts[starts.length - 1] + run.length);
  }
  while (starts.length > 2) {
    const next = [0];
    for (let k = 0; k + 1 < starts.length; k += 2) {
      const end = k + 2 < starts.length ? starts[k + 2] : starts[k + 1];
      mergeInto(from, starts[k], starts[k + 1], end, to);
      next.push(end);
    }
    [from, to] = [to, from];
    starts = next;
  }
  return from;
}

/** Merges from[lo, mid) and from[mid, hi) into to[lo, hi). */
function mergeInto(from: Float64Array, lo: number, mid: number, hi: number, to: Float64Array) {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) to[k++] = from[i] <= from[j] ? from[i++] : from[j++];
  while (i < mid) to[k++] = from[i++];
  while (j < hi) to[k++] = from[j++];
}

/** The first index at or after `from` of an ascending run whose value is not `before` it. */
function firstNotBefore(run: Float64Array, from: number, before: (value: number) => boolean) {
  let lo = from;
  let hi = run.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(run[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mean and unbiased variance of one arm's values from a merged summary. */
export function armSample(
  summary: BlockSummary,
  arm: number,
  of: "revenue" | "clv",
): { n: number; mean: number; variance: number; sorted: Float64Array } {
  const n = summary.counts[arm * COUNT_FIELDS + COUNT.members];
  const at = arm * MOMENT_FIELDS + (of === "revenue" ? MOMENT.revenueSum : MOMENT.clvSum);
  const values = of === "revenue" ? summary.revenueSorted : summary.clvSorted;
  return {
    n,
    mean: n > 0 ? summary.moments[at] / n : 0,
    variance: n > 1 ? summary.moments[at + 1] / (n - 1) : 0,
    sorted: values.subarray(summary.armOffsets[arm], summary.armOffsets[arm + 1]),
  };
}

/** One of an arm's life tables in a summary (days + 2 entries). */
export function lifeTable(summary: BlockSummary, arm: number, table: number): Float64Array {
  const width = summary.days + 2;
  const at = (arm * LIFE_TABLES + table) * width;
  return summary.life.subarray(at, at + width);
}
