import type { BlockOutcome } from "../engine/outcomes.ts";

/**
 * A metric the A/B tests compare. Proportions are counts of members (x of n); means are averages
 * of one number per randomised member.
 */
export type MetricDef =
  | { id: string; label: string; kind: "proportion"; of: "retained"; day: number }
  | { id: string; label: string; kind: "proportion"; of: "converted" | "optedOut" }
  | { id: string; label: string; kind: "mean"; of: "revenue" | "clv" };

/**
 * The days the retention tests look at, for a run of `days` days whose randomised members join
 * uniformly over the acquisition window (`windowDays`, cut at the horizon as the engine does: join
 * days 0 … ⌈min(windowDays, days)⌉ − 1). Day 30, day 90 and the last day at which every randomised
 * member is observed, days − window; then any day at which fewer than half of the members are
 * observed (joined at least d days before the horizon) is dropped, and day 0 (retention 1 by
 * definition). The share observed at day d is min(1, (days − d + 1) / window) in expectation, the
 * same for every arm since randomisation does not look at join days (an arm's own share is within
 * sampling noise of it). So the list depends on `days` and the window only: the same metrics in
 * every arm, seed and replication, which the replication summary and paired mode rely on.
 * Ascending, no repeats.
 */
export function retentionTestDays(days: number, windowDays: number): number[] {
  const window = Math.max(1, Math.min(windowDays, days));
  const lastFull = days - Math.ceil(window);
  const observedShare = (d: number) => Math.min(1, Math.max(0, (days - d + 1) / window));
  return [...new Set([30, 90, lastFull])]
    .filter((d) => d >= 1 && d <= days && observedShare(d) >= 0.5)
    .sort((a, b) => a - b);
}

/**
 * The metrics of a run of `days` days with an acquisition window of `windowDays`: retention at
 * the days of `retentionTestDays` (30, 90 and days − window, each on at least half of the
 * members), conversion (≥ 1 purchase), opt-out (blocked or unfollowed at least one channel), the
 * member's own gross revenue and CLV (discounted, referrals included).
 */
export function metricsFor(days: number, windowDays: number): MetricDef[] {
  const retentionDays = retentionTestDays(days, windowDays);
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
