import type { Calibration } from "./calibrate.ts";
import { formatDay } from "./dates.ts";

const count = (n: number) => n.toLocaleString("en-US");
const num = (v: number) =>
  !Number.isFinite(v)
    ? "∞"
    : v === 0
      ? "0"
      : Math.abs(v) >= 1e5 || Math.abs(v) < 1e-4
        ? v.toExponential(4)
        : v.toPrecision(5);
const fixed = (v: number, digits = 1) => v.toFixed(digits);

/** A calibration as the plain-text report `retention-lab fit` prints. */
export function formatCalibration(c: Calibration): string {
  const { log, summary, bgnbd, gammaGamma, diagnostics } = c;
  const unit = summary.unit;
  const out: string[] = [];
  out.push(
    `${log.file}: ${count(log.rows)} rows read (${count(log.mergedRows)} merged into same-day purchases), ${count(log.badRows.total)} bad`,
  );
  out.push(log.columnChoice.note);
  const holdoutDays = summary.lastDay - summary.calibrationEnd;
  out.push(
    `calibration ${formatDay(summary.startDay)} to ${formatDay(summary.calibrationEnd)} in ${unit}s` +
      (holdoutDays > 0
        ? `; holdout to ${formatDay(summary.lastDay)}`
        : holdoutDays < 0
          ? `, observed ${-holdoutDays} days past the last purchase (${formatDay(summary.lastDay)}): no holdout, so the diagnostics cover calibration only`
          : "; no holdout (pass --calibration-end to keep one), so the diagnostics cover calibration only"),
  );
  out.push(
    `customers ${count(summary.customers.length)}` +
      (summary.customersAfterEnd > 0
        ? ` (${count(summary.customersAfterEnd)} first seen after the calibration end left out)`
        : "") +
      `; repeat transactions ${count(summary.repeatTransactions)} in calibration` +
      (holdoutDays > 0 ? `, ${count(summary.holdoutTransactions)} in holdout` : ""),
  );
  out.push("");
  out.push(`BG/NBD, log-likelihood ${fixed(bgnbd.logLik, 2)}`);
  const se = bgnbd.standardErrors;
  out.push(row("r", bgnbd.params.r, se.r));
  out.push(row("alpha", bgnbd.params.alpha, se.alpha, `(per ${unit})`));
  out.push(row("a", bgnbd.params.a, se.a));
  out.push(row("b", bgnbd.params.b, se.b));
  if (bgnbd.boundary) out.push(`  At a limit: ${bgnbd.boundary.message}.`);
  if (bgnbd.model.mu > 0 && !Number.isFinite(bgnbd.params.a)) {
    out.push(`  drop-out probability a/(a + b) = ${num(bgnbd.model.mu)}`);
  }
  if (bgnbd.standardErrorNote) out.push(`  ${capital(bgnbd.standardErrorNote)}.`);
  const { nbd, dropOutTest: test } = bgnbd;
  out.push(
    `  NBD (no drop-out): r ${num(nbd.r)}, alpha ${num(nbd.alpha)}, log-likelihood ${fixed(nbd.logLik, 2)}; ` +
      `drop-out raises it by ${fixed(test.logLikGain, 2)} (likelihood-ratio p = ${pValue(test.p)})`,
  );
  const mle = bgnbd.maximumLikelihood;
  if (mle) {
    out.push(
      `  BG/NBD's own maximum, not used: r ${num(mle.params.r)}, alpha ${num(mle.params.alpha)}, a ${num(mle.params.a)}, b ${num(mle.params.b)}` +
        ` (drop-out ${num(mle.model.mu)} per purchase), log-likelihood ${fixed(mle.logLik, 2)}`,
    );
  }
  if (gammaGamma) {
    const g = gammaGamma.standardErrors;
    out.push(
      `Gamma-Gamma, ${count(gammaGamma.customers)} repeat buyers, log-likelihood ${fixed(gammaGamma.logLik, 2)}`,
    );
    out.push(row("p", gammaGamma.params.p, g.p));
    out.push(row("q", gammaGamma.params.q, g.q));
    out.push(row("gamma", gammaGamma.params.gamma, g.gamma));
    if (gammaGamma.boundary) out.push(`  At a limit: ${gammaGamma.boundary.message}.`);
    if (gammaGamma.standardErrorNote) out.push(`  ${capital(gammaGamma.standardErrorNote)}.`);
  } else {
    out.push(`Gamma-Gamma not fitted: ${c.gammaGammaNote ?? "nothing to fit"}`);
  }
  out.push("");
  const calibrationRows = diagnostics.periods.filter((p) => p.calibration);
  const atEnd = calibrationRows[calibrationRows.length - 1];
  const last = diagnostics.periods[diagnostics.periods.length - 1];
  out.push(
    `Cumulative repeat purchases, actual vs predicted (${diagnostics.periods.length} ${unit}s):`,
  );
  if (atEnd && atEnd !== last)
    out.push(tracked(`${unit} ${atEnd.period} (calibration end)`, atEnd));
  out.push(tracked(`${unit} ${last.period} (${last.end})`, last));
  const h = diagnostics.holdout;
  if (h) {
    const diff = h.actual > 0 ? ` (${fixed((100 * (h.predicted - h.actual)) / h.actual)} %)` : "";
    out.push(
      `Holdout (${fixed(h.length, 2)} ${unit}s): actual ${count(h.actual)}, predicted ${fixed(h.predicted)}${diff}`,
    );
    out.push("  calibration x   customers   actual mean   predicted mean");
    for (const r of h.byFrequency) {
      out.push(
        `  ${r.x.padStart(13)}   ${String(r.customers).padStart(9)}   ${fixed(r.actualMean, 3).padStart(11)}   ${fixed(r.predictedMean, 3).padStart(14)}`,
      );
    }
  }
  out.push("Calibration frequency   actual   predicted");
  for (const r of diagnostics.frequency) {
    out.push(
      `  ${r.x.padStart(19)}   ${String(r.actual).padStart(6)}   ${fixed(r.predicted).padStart(9)}`,
    );
  }
  const bad = log.badRows;
  if (bad.total > 0) {
    out.push("");
    const kinds = Object.entries(bad.byKind)
      .map(([kind, n]) => `${count(n ?? 0)} ${kind}`)
      .join(", ");
    out.push(`Bad rows skipped: ${count(bad.total)} (${kinds})`);
    for (const e of bad.examples)
      out.push(`  line ${e.line} (${e.kind}): ${JSON.stringify(e.text)}`);
  }
  return `${out.join("\n")}\n`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const pValue = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

function row(name: string, value: number, se: number | null, note = ""): string {
  const error = se === null ? "   (no standard error)" : ` ± ${num(se)}`;
  return `  ${name.padEnd(6)} ${num(value).padStart(10)}${error}${note ? `  ${note}` : ""}`;
}

function tracked(label: string, p: { cumulativeActual: number; cumulativePredicted: number }) {
  return `  ${label}: actual ${count(p.cumulativeActual)}, predicted ${fixed(p.cumulativePredicted)}`;
}
