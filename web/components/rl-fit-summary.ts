import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { type BadRowReport, type Calibration, fmt, formatDay } from "../../sim/index.ts";
import {
  badRowKind,
  boundaryText,
  columnNote,
  gammaGammaNote,
  standardErrorNote,
} from "../fit-terms.ts";
import { LangController, lang, locale, t } from "../i18n.ts";

type ParamRow = { key: string; label: string; estimate: number; se: number | null };

/** An estimate for the table: a parameter at a limit shows as ∞ or 0. */
const estimate = (v: number) => (v === Number.POSITIVE_INFINITY ? "∞" : v === 0 ? "0" : fmt(v, 4));

/** A day of the log as a date in the language shown: "Jan 1, 1997", "1997年1月1日". */
export function localDay(day: number): string {
  const date = new Date(`${formatDay(day)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return formatDay(day);
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** A fit's time unit, plural in English: "weeks", "周". */
const units = (unit: string) => (lang() === "zh" ? (unit === "week" ? "周" : "天") : `${unit}s`);

const lrP = (p: number) => (p < 0.001 ? p.toExponential(1) : fmt(p, 3));

/**
 * The numbers of a fit: what was read and how the columns were chosen, the BG/NBD and
 * Gamma-Gamma estimates with standard errors and log-likelihoods, a fit at a limit of its model
 * in words (with why a standard error is missing), the comparison with NBD, the holdout check,
 * and the bad rows with the first few lines.
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
    .limit { margin: 0.5rem 0 0; padding: 0.45rem 0.7rem; background: #fff8e6;
      border-left: 3px solid #d69e2e; max-width: 30rem; line-height: 1.4; }
    .note { margin: 0.35rem 0 0; color: #5f6670; font-size: 0.82rem; max-width: 30rem; }
    .model { display: grid; gap: 0; align-content: start; }
    .bad { margin-top: 1rem; }
    .bad p { margin: 0 0 0.3rem; }
    .bad ol { margin: 0; padding-left: 1.2rem; font-size: 0.82rem; }
    code { background: #f1f2f4; padding: 0 0.25rem; border-radius: 3px; white-space: pre-wrap; word-break: break-all; }
  `;

  /** The fit to show. */
  @property({ attribute: false }) fit: Calibration | null = null;

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  private table(title: string, rows: ParamRow[], logLik: number, note: string) {
    return html`<table data-model=${title}>
      <caption>${title}</caption>
      <thead><tr><th></th><th>${t("estimate", "估计值")}</th><th>± ${t("SE", "标准误")}</th></tr></thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr>
            <th scope="row">${row.label}</th>
            <td data-param=${row.key}>${estimate(row.estimate)}</td>
            <td class="se">${fmt(row.se, 4)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr><th scope="row">${t("log-likelihood", "对数似然")}</th><td data-param="logLik">${fmt(logLik, 2)}</td><td></td></tr>
        <tr><th scope="row" colspan="3">${note}</th></tr>
      </tfoot>
    </table>`;
  }

  /** What the fit says in words beside a table: a limit, a missing standard error, a comparison. */
  private notes(lines: (string | null)[], limit: string | null) {
    return html`${limit ? html`<p class="limit" role="note" data-limit>${limit}</p>` : null}
      ${lines.filter(Boolean).map((line) => html`<p class="note">${line}</p>`)}`;
  }

  private facts(fit: Calibration) {
    const { log, summary, diagnostics } = fit;
    const holdout = diagnostics.holdout;
    const after = summary.calibrationEnd - summary.lastDay;
    if (lang() === "zh") {
      return html`<p class="facts">
        读取 <strong>${fmt(log.rows)}</strong> 行（${fmt(log.mergedRows)} 行合并为同日购买），
        <strong>${fmt(log.badRows.total)}</strong> 行有误；
        <span data-fact="columns">${columnNote(log.columnChoice.note)}</span>。
        <strong data-fact="customers">${fmt(summary.customers.length)}</strong> 位客户
        ${summary.customersAfterEnd > 0 ? `（另有 ${fmt(summary.customersAfterEnd)} 位在校准截止日之后才首次出现，未计入）` : ""}，
        从 ${localDay(summary.startDay)} 到校准截止日 ${localDay(summary.calibrationEnd)} 共有
        <strong data-fact="repeats">${fmt(summary.repeatTransactions)}</strong> 次复购，按${units(summary.unit)}拟合。
        ${
          holdout
            ? html`截至 ${localDay(summary.lastDay)} 的验证期：实际 <strong>${fmt(holdout.actual)}</strong>
                次复购，模型预期 <strong>${fmt(holdout.predicted, 1)}</strong> 次
                （${fmt((holdout.predicted / holdout.actual - 1) * 100, 1)} %）。`
            : after > 0
              ? `观察到最后一次购买（${localDay(summary.lastDay)}）之后 ${fmt(after)} 天：没有验证期，所以图表只覆盖校准期。`
              : "没有验证期：把校准截止日设在最后日期之前，就能用之后的购买检验拟合。"
        }
      </p>`;
    }
    return html`<p class="facts">
      <strong>${fmt(log.rows)}</strong> rows read (${fmt(log.mergedRows)} merged into same-day
      purchases), <strong>${fmt(log.badRows.total)}</strong> bad;
      <span data-fact="columns">${log.columnChoice.note}</span>.
      <strong data-fact="customers">${fmt(summary.customers.length)}</strong> customers
      ${summary.customersAfterEnd > 0 ? `(${fmt(summary.customersAfterEnd)} first seen after the calibration end left out)` : ""}
      with <strong data-fact="repeats">${fmt(summary.repeatTransactions)}</strong> repeat
      transactions from ${localDay(summary.startDay)} to the calibration end
      ${localDay(summary.calibrationEnd)}, fitted in ${units(summary.unit)}.
      ${
        holdout
          ? html`Holdout to ${localDay(summary.lastDay)}: <strong>${fmt(holdout.actual)}</strong>
              repeat transactions, the model expects <strong>${fmt(holdout.predicted, 1)}</strong>
              (${fmt((holdout.predicted / holdout.actual - 1) * 100, 1)} %).`
          : after > 0
            ? `Observed ${fmt(after)} days past the last purchase (${localDay(summary.lastDay)}): no holdout, so the charts cover calibration only.`
            : "No holdout: set a calibration end before the last date to check the fit on later purchases."
      }
    </p>`;
  }

  private badRows(fit: Calibration) {
    return badRowList(fit.log.badRows);
  }

  override render() {
    const fit = this.fit;
    if (!fit) return null;
    const bg = fit.bgnbd;
    const { params, standardErrors: se, logLik } = bg;
    const gg = fit.gammaGamma;
    const unit = fit.summary.unit;
    const test = bg.dropOutTest;
    const mle = bg.maximumLikelihood;
    const rows: ParamRow[] = [
      { key: "r", label: "r", estimate: params.r, se: se.r },
      { key: "alpha", label: `α (${units(unit)})`, estimate: params.alpha, se: se.alpha },
      { key: "a", label: "a", estimate: params.a, se: se.a },
      { key: "b", label: "b", estimate: params.b, se: se.b },
    ];
    if (bg.model.mu > 0 && !Number.isFinite(params.a)) {
      rows.push({ key: "dropOut", label: "a/(a + b)", estimate: bg.model.mu, se: null });
    }
    return html`
      ${this.facts(fit)}
      <div class="models">
        <div class="model">
          ${this.table("BG/NBD", rows, logLik, t(`${fmt(bg.customers)} customers`, `${fmt(bg.customers)} 位客户`))}
          ${this.notes(
            [
              bg.standardErrorNote ? standardErrorNote(bg.standardErrorNote) : null,
              t(
                `NBD (no drop-out) log-likelihood ${fmt(bg.nbd.logLik, 2)}: drop-out raises it by ${fmt(test.logLikGain, 2)} (likelihood-ratio p = ${lrP(test.p)}).`,
                `NBD（无流失）对数似然 ${fmt(bg.nbd.logLik, 2)}：加入流失后提高 ${fmt(test.logLikGain, 2)}（似然比检验 p = ${lrP(test.p)}）。`,
              ),
              mle
                ? t(
                    `BG/NBD's own maximum (drop-out ${fmt(mle.model.mu, 4)} per purchase, log-likelihood ${fmt(mle.logLik, 2)}) is not used.`,
                    `未采用 BG/NBD 自身的最大值（每次购买后流失概率 ${fmt(mle.model.mu, 4)}，对数似然 ${fmt(mle.logLik, 2)}）。`,
                  )
                : null,
            ],
            bg.boundary ? boundaryText(bg.boundary) : null,
          )}
        </div>
        ${
          gg
            ? html`<div class="model">
                ${this.table(
                  "Gamma-Gamma",
                  [
                    { key: "p", label: "p", estimate: gg.params.p, se: gg.standardErrors.p },
                    { key: "q", label: "q", estimate: gg.params.q, se: gg.standardErrors.q },
                    {
                      key: "gamma",
                      label: "γ",
                      estimate: gg.params.gamma,
                      se: gg.standardErrors.gamma,
                    },
                  ],
                  gg.logLik,
                  t(`${fmt(gg.customers)} repeat buyers`, `${fmt(gg.customers)} 位复购客户`),
                )}
                ${this.notes(
                  [gg.standardErrorNote ? standardErrorNote(gg.standardErrorNote) : null],
                  gg.boundary ? boundaryText(gg.boundary) : null,
                )}
              </div>`
            : html`<p class="none" data-gamma-gamma-note>
                ${t(
                  `No Gamma-Gamma fit: ${fit.gammaGammaNote ?? "nothing to fit"}, so the population spends the scenario defaults.`,
                  `未拟合 Gamma-Gamma：${gammaGammaNote(fit.gammaGammaNote ?? "nothing to fit")}，因此该群体的客单价用场景默认值。`,
                )}
              </p>`
        }
      </div>
      ${this.badRows(fit)}
    `;
  }
}

/**
 * The skipped rows of a log by kind and the first few by line number, as the fit summary and the
 * fit panel's error show them; nothing when there are none. Style `.bad` in the host.
 */
export function badRowList(report: BadRowReport | null) {
  if (!report || report.total === 0) return null;
  return html`<div class="bad" role="note">
    <p>
      ${t(
        `Skipped ${fmt(report.total)} bad row${report.total === 1 ? "" : "s"}:`,
        `跳过 ${fmt(report.total)} 行有误的数据：`,
      )}
      ${Object.entries(report.byKind)
        .map(([kind, n]) => t(`${fmt(n)} ${kind}`, `${badRowKind(kind)} ${fmt(n)} 行`))
        .join(t(", ", "、"))}${t(". The first:", "。前几行：")}
    </p>
    <ol>
      ${report.examples.map(
        (e) =>
          html`<li>${t(`line ${fmt(e.line)}, ${e.kind}:`, `第 ${fmt(e.line)} 行，${badRowKind(e.kind)}：`)} <code>${e.text}</code></li>`,
      )}
    </ol>
  </div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-fit-summary": RlFitSummary;
  }
}
