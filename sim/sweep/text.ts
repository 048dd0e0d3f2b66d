import { fmt, signed, table } from "../report/format.ts";
import { type SweepMetric, VERDICT_METRIC } from "./metrics.ts";
import type { SobolIndex } from "./sobol.ts";
import type { MetricSummary, SweepSummary } from "./summary.ts";
import type { Interval } from "./summary-stats.ts";

const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);

function shareCell(s: Interval): string {
  if (s.estimate === null) return "—";
  if (s.ciLow === null || s.ciHigh === null) return percent(s.estimate);
  return `${percent(s.estimate)} [${Math.round(s.ciLow * 100)}–${Math.round(s.ciHigh * 100)}]`;
}

function difference(v: number | null, metric: SweepMetric): string {
  if (metric.kind === "share") return signed(v, "proportion");
  if (metric.kind === "money") return signed(v, "mean", "¥");
  return signed(v, "mean");
}

const index = (i: SobolIndex) =>
  i.estimate === null
    ? "—"
    : `${i.estimate.toFixed(2)} [${i.ciLow?.toFixed(2) ?? "—"}, ${i.ciHigh?.toFixed(2) ?? "—"}]`;

const value = (v: number) => String(Number(v.toPrecision(4)));

/** The text summary of a sweep: what the CLI prints and summary.txt holds. */
export function renderSummary(summary: SweepSummary, metrics: readonly SweepMetric[]): string {
  const [first, ...others] = summary.strategies;
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const compared = summary.comparisons[0]?.metrics.map((m) => byId.get(m.metric)!) ?? [];
  const seeds =
    summary.seeds.length > 1
      ? `seeds ${summary.seeds[0]}–${summary.seeds.at(-1)}`
      : `seed ${summary.seeds[0]}`;
  const parameters = summary.parameters.map((p) =>
    p.values
      ? `${p.path} ${p.values.map(value).join(", ")} (default ${value(p.default)})`
      : `${p.path} ${value(p.min!)} to ${value(p.max!)} (default ${value(p.default)})`,
  );
  const out: string[] = [
    `Sweep of ${summary.scenarioName}: ${others.join(", ")} against ${first}`,
    `${fmt(summary.members)} members × ${summary.days} days; ${summary.design.type} design: ${fmt(summary.design.points)} points × ${summary.replications} replications = ${fmt(summary.jobs)} jobs, ${seeds} (spec ${summary.specHash.slice(0, 16)})`,
    `parameters: ${parameters.join("; ")}`,
    "",
    `Share of the parameter space (design points) where each arm beats ${first}, with its 95 % interval over replications, and the mean difference`,
    table(
      ["metric", ...others],
      compared.map((m, i) => [
        m.label,
        ...summary.comparisons.map((c) => {
          const s = c.metrics[i];
          return `${shareCell(s.shareBeats)}  ${difference(s.meanDifference, m)}`;
        }),
      ]),
    ),
    `Deciding parameters: what the verdict against ${first} turns on`,
  ];
  const width = Math.max(...compared.map((m) => m.label.length));
  for (const c of summary.comparisons) {
    out.push(`${c.arm}:`);
    c.metrics.forEach((s, i) => {
      out.push(`  ${compared[i].label.padEnd(width)}  ${deciders(s, first)}`);
    });
    out.push("");
  }
  const verdict = byId.get(VERDICT_METRIC)!;
  for (const c of summary.comparisons) {
    const s = c.metrics.find((m) => m.metric === VERDICT_METRIC);
    if (s) out.push(detail(summary, c.arm, first, verdict, s));
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function deciders(s: MetricSummary, first: string): string {
  const share = s.shareBeats.estimate;
  if (share === null) return "no values";
  if (share === 1) return `nothing to decide: ahead of ${first} at every point`;
  if (share === 0) return `nothing to decide: not ahead of ${first} at any point`;
  if (s.deciding.length === 0) return "no single parameter decides it";
  return s.deciding.map((d) => `${d.path} (${d.reason})`).join("; ");
}

function detail(
  summary: SweepSummary,
  arm: string,
  first: string,
  metric: SweepMetric,
  s: MetricSummary,
): string {
  const title = `${metric.label}, ${arm} − ${first}`;
  if (s.tornado) {
    return `Tornado (one at a time around the defaults): ${title}\n${table(
      ["parameter", "low", "difference", "high", "difference", "swing", "flips verdict"],
      s.tornado.map((r) => [
        r.path,
        value(r.low.value),
        difference(r.low.difference, metric),
        value(r.high.value),
        difference(r.high.difference, metric),
        difference(r.swing, { ...metric, kind: metric.kind }).replace(/^\+/, ""),
        r.flips ? "yes" : "no",
      ]),
    )}`;
  }
  if (s.sobol) {
    return `Sobol indices (Saltelli scheme, ${fmt(summary.design.baseSamples)} base samples; 95 % bootstrap intervals): ${title}\n${table(
      ["parameter", "first-order", "total"],
      s.sobol.map((r) => [r.path, index(r.first), index(r.total)]),
    )}`;
  }
  return `Parameter effects: ${title}\n${table(
    ["parameter", "Spearman ρ", "best split"],
    (s.effects ?? []).map((e) => [
      e.path,
      e.spearman === null ? "—" : e.spearman.toFixed(2),
      e.split
        ? `beats when ${e.split.beatsWhen} ${value(e.split.threshold)}: right at ${Math.round(e.split.accuracy * 100)} %`
        : "—",
    ]),
  )}`;
}
