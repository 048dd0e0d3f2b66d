import type { BlockOutcome } from "../engine/outcomes.ts";
import {
  type BlockSummary,
  COUNT,
  COUNT_FIELDS,
  LIFE,
  lifeTable,
  MOMENT,
  MOMENT_FIELDS,
} from "../engine/summary.ts";

/**
 * A metric the A/B tests compare. Proportions are counts of members (x of n); means are averages
 * of one number per randomised member.
 */
export type MetricDef =
  | { id: string; label: string; kind: "proportion"; of: "retained"; day: number }
  | { id: string; label: string; kind: "proportion"; of: "converted" | "optedOut" }
  | { id: string; label: string; kind: "mean"; of: "revenue" | "clv" };

/**
 * Share of randomised members who joined on day ≤ `day`, as the engine draws join days: over the
 * acquisition window cut at the horizon (span = min(windowDays, days)), a position x in [0, 1)
 * spread over equal segments of the window by the weights `curve` (scenario
 * `acquisition.curve`; one segment or none: uniform), join day = min(span − 1, ⌊x · span⌋).
 */
export function joinedBy(
  day: number,
  days: number,
  windowDays: number,
  curve: readonly number[] = [1],
): number {
  const span = Math.min(windowDays, days);
  if (day < 0) return 0;
  if (day + 1 >= span) return 1;
  const y = (day + 1) / span; // joined by `day` ⇔ x < y
  const total = curve.reduce((s, w) => s + w, 0);
  const segments = curve.length;
  if (segments <= 1 || !(total > 0)) return y;
  const at = y * segments;
  const k = Math.floor(at);
  let below = 0;
  for (let i = 0; i < k; i++) below += curve[i];
  return (below + (at - k) * curve[k]) / total;
}

/**
 * The days the retention tests look at, for a run of `days` days whose randomised members join
 * over the acquisition window (`windowDays`, cut at the horizon as the engine does, arrivals
 * spread by `curve`: see `joinedBy`). Day 30, day 90 and the last day at which every randomised
 * member is observed, days − window; then any day at which fewer than half of the members are
 * observed (joined at least d days before the horizon) is dropped, and day 0 (retention 1 by
 * definition). The share observed at day d is `joinedBy(days − d)` in expectation, the same for
 * every arm since randomisation does not look at join days (an arm's own share is within sampling
 * noise of it). So the list depends on the run's days and arrivals only: the same metrics in
 * every arm, seed and replication, which the replication summary and paired mode rely on.
 * Ascending, no repeats.
 */
export function retentionTestDays(
  days: number,
  windowDays: number,
  curve: readonly number[] = [1],
): number[] {
  const lastFull = days - Math.ceil(Math.min(windowDays, days));
  return [...new Set([30, 90, lastFull])]
    .filter((d) => d >= 1 && d <= days && joinedBy(days - d, days, windowDays, curve) >= 0.5)
    .sort((a, b) => a - b);
}

/**
 * The metrics of a run of `days` days with an acquisition window of `windowDays` and arrival
 * curve `curve`: retention at the days of `retentionTestDays` (30, 90 and days − window, each on
 * at least half of the members), conversion (≥ 1 purchase), opt-out (blocked or unfollowed at
 * least one channel), the member's own gross revenue and CLV (discounted, referrals included).
 */
export function metricsFor(
  days: number,
  windowDays: number,
  curve: readonly number[] = [1],
): MetricDef[] {
  const retentionDays = retentionTestDays(days, windowDays, curve);
  return [
    ...retentionDays.map(
      (day): MetricDef => ({
        id: `retention-d${day}`,
        label: `retention day ${day}`,
        kind: "proportion",
        of: "retained",
        day,
      }),
    ),
    { id: "conversion", label: "converted (≥ 1 purchase)", kind: "proportion", of: "converted" },
    { id: "opt-out", label: "opted out of a channel", kind: "proportion", of: "optedOut" },
    { id: "revenue", label: "revenue per member, own (¥)", kind: "mean", of: "revenue" },
    { id: "clv", label: "CLV per member, gross (¥)", kind: "mean", of: "clv" },
  ];
}

/** Indices of the randomised members of each arm, in member order. */
export function membersByArm(merged: BlockOutcome, arms: number): Uint32Array[] {
  const counts = new Uint32Array(arms);
  for (let i = 0; i < merged.count; i++) counts[merged.arm[i]]++;
  const lists = Array.from(counts, (n) => new Uint32Array(n));
  counts.fill(0);
  for (let i = 0; i < merged.count; i++) {
    const a = merged.arm[i];
    lists[a][counts[a]++] = i;
  }
  return lists;
}

/**
 * Successes x of n members for a proportion. Retention at day d counts only members observed at
 * least d days (joined at least d days before the horizon): x of them had not churned within
 * their first d days, as `ArmReport.retention[d]`.
 */
export function proportionCounts(
  merged: BlockOutcome,
  members: Uint32Array,
  metric: MetricDef & { kind: "proportion" },
  days: number,
): { x: number; n: number } {
  let x = 0;
  let n = 0;
  if (metric.of === "retained") {
    const d = metric.day;
    for (const i of members) {
      if (days - merged.joinDay[i] < d) continue;
      n++;
      const churnDay = merged.churnDay[i];
      if (churnDay < 0 || churnDay >= d) x++;
    }
    return { x, n };
  }
  const values = metric.of === "converted" ? merged.purchases : merged.optedOut;
  for (const i of members) if (values[i] !== 0) x++;
  return { x, n: members.length };
}

/** The per-member values of a mean metric. */
export function meanSample(
  merged: BlockOutcome,
  members: Uint32Array,
  metric: MetricDef & { kind: "mean" },
): Float64Array {
  const source = merged[metric.of];
  const out = new Float64Array(members.length);
  for (let k = 0; k < members.length; k++) out[k] = source[members[k]];
  return out;
}

/** The metric's value for a group of members: a share or a mean; null when the group is empty. */
export function metricValue(
  merged: BlockOutcome,
  members: Uint32Array,
  metric: MetricDef,
  days: number,
): number | null {
  if (metric.kind === "proportion") {
    const { x, n } = proportionCounts(merged, members, metric, days);
    return n > 0 ? x / n : null;
  }
  if (members.length === 0) return null;
  const values = meanSample(merged, members, metric);
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * `proportionCounts` of one arm from a merged summary: retention at day d from the life tables
 * (members observed at least d days, less those of them who churned within d days).
 */
export function summaryProportion(
  summary: BlockSummary,
  arm: number,
  metric: MetricDef & { kind: "proportion" },
): { x: number; n: number } {
  const members = summary.counts[arm * COUNT_FIELDS + COUNT.members];
  if (metric.of === "retained") {
    const observedFor = lifeTable(summary, arm, LIFE.observedFor);
    const churnedWithin = lifeTable(summary, arm, LIFE.churnedWithin);
    let n = members;
    for (let k = 0; k < metric.day; k++) n -= observedFor[k];
    let churned = 0;
    for (let k = 0; k <= metric.day; k++) churned += churnedWithin[k];
    return { x: n - churned, n };
  }
  const field = metric.of === "converted" ? COUNT.converted : COUNT.optOuts;
  return { x: summary.counts[arm * COUNT_FIELDS + field], n: members };
}

/** `metricValue` of one arm from a merged summary. */
export function summaryMetricValue(
  summary: BlockSummary,
  arm: number,
  metric: MetricDef,
): number | null {
  if (metric.kind === "proportion") {
    const { x, n } = summaryProportion(summary, arm, metric);
    return n > 0 ? x / n : null;
  }
  const n = summary.counts[arm * COUNT_FIELDS + COUNT.members];
  if (n === 0) return null;
  const at = arm * MOMENT_FIELDS + (metric.of === "revenue" ? MOMENT.revenueSum : MOMENT.clvSum);
  return summary.moments[at] / n;
}
