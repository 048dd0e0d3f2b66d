import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { type Calibration, formatDay } from "../../sim/calibrate/browser.ts";
import { fmt } from "../../sim/report/format.ts";

type ParamRow = { key: string; label: string; estimate: number; se: number | undefined };

/**
 * The numbers of a fit: what was read, the BG/NBD and Gamma-Gamma estimates with standard errors
 * and log-likelihoods, the holdout check, and the bad rows with the first few lines.
 */
@customElement("rl-fit-summary")
export class RlFitSummary extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 0.9rem; }
    .facts { margin: 0 0 0.9rem; color: #3b4048; line-height: 1.5; }
    .facts strong { font-variant-numeric: tabular-nums; }
    .models { display: flex; flex-wrap: wrap; gap: 1rem 2.2rem; align-items: start; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
    th, td { padding: 0.22rem 0.7rem; border-bottom: 1px solid #e4e6ea; }
    thead th { text-align: right; font-weight: 600; color: #5f6670; font-size: 0.8rem; border-bottom: 2px solid #c5c9d0; }
    tbody th { text-align: left; font-weight: normal; }
    td { text-align: right; }
    td.se { color: #5f6670; }
    tfoot th, tfoot td { border-bottom: 0; color: #3b4048; font-weight: normal; }
    tfoot tr:last-child th { text-align: left; color: #5f6670; font-size: 0.8rem; }
    .none { color: #5f6670; max-width: 22rem; margin: 0; }
    .bad { margin-top: 1rem; }
    .bad p { margin: 0 0 0.3rem; }
    .bad ol { margin: 0; padding-left: 1.2rem; font-size: 0.82rem; }
    code { background: #f1f2f4; padding: 0 0.25rem; border-radius: 3px; white-space: pre-wrap; word-break: break-all; }
  `;

  /** The fit to show. */
  @property({ attribute: false }) fit: Calibration | null = null;

  private table(title: string, rows: ParamRow[], logLik: number, note: string) {
    return html`<table data-model=${title}>
      <caption>${title}</caption>
      <thead><tr><th></th><th>estimate</th><th>± SE</th></tr></thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr>
            <th scope="row">${row.label}</th>
            <td data-param=${row.key}>${fmt(row.estimate, 4)}</td>
            <td class="se">${fmt(row.se, 4)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr><th scope="row">log-likelihood</th><td data-param="logLik">${fmt(logLik, 2)}</td><td></td></tr>
        <tr><th scope="row" colspan="3">${note}</th></tr>
      </tfoot>
    </table>`;
  }

  private facts(fit: Calibration) {
    const { log, summary, diagnostics } = fit;
    const holdout = diagnostics.holdout;
    return html`<p class="facts">
      <strong>${fmt(log.rows)}</strong> rows read (${fmt(log.mergedRows)} merged into same-day
      purchases), <strong>${fmt(log.badRows.total)}</strong> bad.
      <strong data-fact="customers">${fmt(summary.customers.length)}</strong> customers
      ${summary.customersAfterEnd > 0 ? `(${fmt(summary.customersAfterEnd)} first seen after the calibration end left out)` : ""}
      with <strong data-fact="repeats">${fmt(summary.repeatTransactions)}</strong> repeat
      transactions from ${formatDay(summary.startDay)} to the calibration end
      ${formatDay(summary.calibrationEnd)}, fitted in ${summary.unit}s.
      ${
        holdout
          ? html`Holdout to ${formatDay(summary.lastDay)}: <strong>${fmt(holdout.actual)}</strong>
              repeat transactions, the model expects <strong>${fmt(holdout.predicted, 1)}</strong>
              (${fmt((holdout.predicted / holdout.actual - 1) * 100, 1)} %).`
          : "No holdout: set a calibration end before the last date to check the fit on later purchases."
      }
    </p>`;
  }

  private badRows(fit: Calibration) {
    const report = fit.log.badRows;
    if (report.total === 0) return null;
    return html`<div class="bad" role="note">
      <p>
        Skipped ${fmt(report.total)} bad row${report.total === 1 ? "" : "s"}:
        ${Object.entries(report.byKind)
          .map(([kind, n]) => `${fmt(n)} ${kind}`)
          .join(", ")}. The first:
      </p>
      <ol>
        ${report.examples.map(
          (e) => html`<li>line ${fmt(e.line)}, ${e.kind}: <code>${e.text}</code></li>`,
        )}
      </ol>
    </div>`;
  }

  override render() {
    const fit = this.fit;
    if (!fit) return null;
    const { params, standardErrors: se, logLik } = fit.bgnbd;
    const gg = fit.gammaGamma;
    const unit = fit.summary.unit;
    return html`
      ${this.facts(fit)}
      <div class="models">
        ${this.table(
          "BG/NBD",
          [
            { key: "r", label: "r", estimate: params.r, se: se?.r },
            { key: "alpha", label: `α (${unit}s)`, estimate: params.alpha, se: se?.alpha },
            { key: "a", label: "a", estimate: params.a, se: se?.a },
            { key: "b", label: "b", estimate: params.b, se: se?.b },
          ],
          logLik,
          `${fmt(fit.bgnbd.customers)} customers`,
        )}
        ${
          gg
            ? this.table(
                "Gamma-Gamma",
                [
                  { key: "p", label: "p", estimate: gg.params.p, se: gg.standardErrors?.p },
                  { key: "q", label: "q", estimate: gg.params.q, se: gg.standardErrors?.q },
                  {
                    key: "gamma",
                    label: "γ",
                    estimate: gg.params.gamma,
                    se: gg.standardErrors?.gamma,
                  },
                ],
                gg.logLik,
                `${fmt(gg.customers)} repeat buyers`,
              )
            : html`<p class="none">
                No Gamma-Gamma fit: the log has no amount column or no repeat buyer with a
                positive amount, so the population spends the scenario defaults.
              </p>`
        }
      </div>
      ${this.badRows(fit)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-fit-summary": RlFitSummary;
  }
}
