import { fmt, pct, pValue, signed, table } from "../report/format.ts";
import type { Report } from "../report/report.ts";
import type { Spread } from "./replications.ts";

/** The A/B section of the terminal report: verdicts, the SRM line, log-rank, paired truth. */
export function renderAbSection(report: Report): string {
  if (report.tests.length === 0) return "";
  const kinds = kindOf(report);
  const label = labelOf(report);
  const control = report.arms[0].strategy;
  const adjust = report.adjust === "none" ? "unadjusted" : `${report.adjust}-adjusted`;
  const confidence = `${fmt((1 - report.alpha) * 100, 0)} % CI`;
  const paired = report.paired;
  const header = ["metric", "arm", "diff", confidence, "p adj.", "verdict"];
  if (paired) header.push("true effect", "in CI");
  const rows = report.tests.map((t, k) => {
    const kind = kinds.get(t.metric);
    const row = [
      label.get(t.metric) ?? t.metric,
      t.strategy,
      signed(t.diff, kind),
      t.ciLow === null || t.ciHigh === null
        ? "—"
        : `[${signed(t.ciLow, kind)}, ${signed(t.ciHigh, kind)}]`,
      pValue(t.pAdjusted),
      t.significant ? "✓" : "–",
    ];
    if (paired) {
      const e = paired.effects[k];
      row.push(signed(e.truth, kind), e.covered === null ? "—" : e.covered ? "yes" : "no");
    }
    return row;
  });
  const srm = report.srm;
  const srmLine = `SRM check: ${srm.counts.map((n) => fmt(n)).join(" / ")} members vs expected ${srm.expected
    .map((n) => fmt(n))
    .join(
      " / ",
    )}: χ² ${fmt(srm.chi2, 2)}, p ${pValue(srm.p)} — ${srm.flagged ? "MISMATCH (p < 0.001): do not trust the tests" : "ok"}`;
  const logRank = report.survival.logRank.map(
    (r) =>
      `log-rank (time to churn), ${r.strategy} vs ${control}: χ² ${fmt(r.chi2, 2)}, p ${pValue(r.p)}`,
  );
  return [
    `A/B tests against ${control} (two-proportion z, Welch t for means; ${adjust} p, α = ${report.alpha}; ✓ = significant)`,
    "",
    table(header, rows),
    srmLine,
    ...logRank,
    paired
      ? "true effect: every member simulated under each arm; in CI: the interval for these members' effect contains it"
      : "",
  ]
    .filter((line, i) => line !== "" || i === 1)
    .join("\n")
    .concat("\n");
}

/** The replication tables: every effect's spread, then every arm's. */
export function renderReplications(report: Report): string {
  const reps = report.replications;
  if (!reps) return "";
  const kinds = kindOf(report);
  const label = labelOf(report);
  const seeds = `${reps.seeds[0]}…${reps.seeds[reps.seeds.length - 1]}`;
  const lines = [
    `Replications: ${reps.count} seeds (${seeds}); mean [2.5 %, 97.5 %] over seeds`,
    "",
  ];
  if (reps.effects.length > 0) {
    const paired = reps.effects.some((e) => e.coverage !== undefined);
    const header = ["effect", "mean diff", "2.5 %", "97.5 %", "significant"];
    if (paired) header.push("true effect", "coverage");
    const rows = reps.effects.map((e) => {
      const kind = kinds.get(e.metric);
      const row = [
        `${label.get(e.metric) ?? e.metric}: ${e.strategy}`,
        signed(e.diff.mean, kind),
        signed(e.diff.low, kind),
        signed(e.diff.high, kind),
        pct(e.significantShare, 0),
      ];
      if (paired) row.push(signed(e.truth?.mean ?? null, kind), pct(e.coverage ?? null, 1));
      return row;
    });
    lines.push(table(header, rows));
  }
  const metricIds = Object.keys(reps.arms[0]?.metrics ?? {});
  const armRows = metricIds.map((id) => [
    label.get(id) ?? id,
    ...reps.arms.map((arm) => spreadText(arm.metrics[id], kinds.get(id))),
  ]);
  lines.push(table(["arm values", ...reps.arms.map((a) => a.strategy)], armRows));
  return lines.join("\n");
}

function kindOf(report: Report): Map<string, "proportion" | "mean"> {
  return new Map(report.metrics.map((m) => [m.id, m.kind]));
}

function labelOf(report: Report): Map<string, string> {
  return new Map(report.metrics.map((m) => [m.id, m.label]));
}

function spreadText(s: Spread | undefined, kind: "proportion" | "mean" | undefined): string {
  if (!s || s.mean === null) return "—";
  const value = (v: number | null) => (kind === "proportion" ? pct(v) : fmt(v, 2));
  return `${value(s.mean)} [${value(s.low)}, ${value(s.high)}]`;
}

/** A difference with its sign: percentage points for shares, plain numbers for means. */
