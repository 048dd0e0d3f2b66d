import { css, html, LitElement } from "lit";
import { customElement, state } from "lit/decorators.js";
import { type BadRowReport, type Calibration, fmt, type Scenario } from "../../sim/index.ts";
import { DEFAULT_FIT_INPUTS, type FitInputs, fitLog, MAX_LOG_BYTES } from "../fit-inputs.ts";
import { fitMessage } from "../fit-terms.ts";
import { LangController, t } from "../i18n.ts";
import { localName } from "../terms.ts";
import "./rl-fit-frequency-chart.ts";
import { badRowList } from "./rl-fit-summary.ts";
import "./rl-fit-tracking-chart.ts";

type Fitted = { name: string; fit: Calibration; population: Scenario };

/**
 * Calibration on the user's own data: a transaction log chosen from disk is fitted in the page
 * (BG/NBD and Gamma-Gamma, as `retention-lab fit`), the fit shown with its diagnostics, and
 * "Use this population" fires `use-population` with the fitted scenario, normalised, for the run
 * form. The file never leaves the browser. A bad file gets an inline message.
 */
@customElement("rl-fit-panel")
export class RlFitPanel extends LitElement {
  static override styles = css`
    :host { display: block; border-top: 1px solid #e4e6ea; padding-top: 1.2rem; }
    h2 { margin: 0; font-size: 1.1rem; }
    .lead { margin: 0.2rem 0 0.8rem; color: #5f6670; font-size: 0.9rem; }
    form { display: flex; flex-wrap: wrap; gap: 0.8rem 1.1rem; align-items: end; }
    label > span { display: block; font-weight: 600; font-size: 0.85rem; margin-bottom: 0.3rem; }
    input, select {
      font: inherit; font-size: 0.9rem; padding: 0.3rem 0.45rem; border: 1px solid #c5c9d0;
      border-radius: 4px; background: white; box-sizing: border-box;
    }
    input[type="file"] { border-style: dashed; max-width: 17rem; }
    input[name="columns"] { width: 9rem; }
    button {
      font: inherit; font-weight: 600; padding: 0.35rem 1.1rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #2f55b5; background: #4269d0; color: white;
    }
    button.secondary { background: white; color: #2f55b5; }
    button:disabled { opacity: 0.5; cursor: default; }
    .status { margin: 0.8rem 0 0; font-size: 0.9rem; color: #3b4048; }
    .error { margin: 0.8rem 0 0; padding: 0.5rem 0.8rem; background: #fff5f4;
      border-left: 3px solid #c0392b; color: #8e2418; font-size: 0.9rem; overflow-wrap: anywhere; }
    .bad { margin-top: 0.6rem; font-size: 0.9rem; }
    .bad p { margin: 0 0 0.3rem; }
    .bad ol { margin: 0; padding-left: 1.2rem; font-size: 0.82rem; }
    code { background: #f1f2f4; padding: 0 0.25rem; border-radius: 3px; white-space: pre-wrap; word-break: break-all; }
    .result { display: grid; gap: 1.2rem; margin-top: 1rem; }
    .use { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
    .use p { margin: 0; font-size: 0.85rem; color: #5f6670; flex: 1 1 20rem; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1.4rem 2rem; }
  `;

  @state() private inputs: FitInputs = { ...DEFAULT_FIT_INPUTS };
  @state() private file: File | null = null;
  @state() private fitting = false;
  @state() private error = "";
  /** The rows skipped before the error, listed under it. */
  @state() private errorRows: BadRowReport | null = null;
  @state() private fitted: Fitted | null = null;
  /** The id of the population last handed to the run form. */
  @state() private used = "";

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  /** Counts fits started, so a slow fit that has been overtaken does not touch the page. */
  private fits = 0;

  private edit(patch: Partial<FitInputs>) {
    this.inputs = { ...this.inputs, ...patch };
  }

  private choose(event: Event) {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
    if (this.file) void this.fit();
  }

  private submit(event: Event) {
    event.preventDefault();
    void this.fit();
  }

  private async fit() {
    const file = this.file;
    if (!file) return;
    const current = ++this.fits;
    this.fitting = true;
    this.error = "";
    this.errorRows = null;
    this.fitted = null;
    this.used = "";
    try {
      if (file.size > MAX_LOG_BYTES) {
        const size = fmt(file.size / 2 ** 20);
        const most = fmt(MAX_LOG_BYTES / 2 ** 20);
        throw new Error(
          t(
            `${file.name} is ${size} MB, over the page's ${most} MB; fit it with retention-lab fit --transactions FILE`,
            `${file.name} 有 ${size} MB，超过本页上限 ${most} MB；请用 retention-lab fit --transactions FILE 拟合`,
          ),
        );
      }
      const text = await file.text();
      // Let "fitting…" show before the fit holds the main thread (about 1 s per 100,000 rows).
      await this.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 30));
      if (current !== this.fits) return;
      const outcome = fitLog(file.name, text, this.inputs);
      if (current !== this.fits) return;
      if (outcome.fit) this.fitted = { name: file.name, ...outcome };
      else {
        this.error = outcome.error;
        this.errorRows = outcome.badRows;
      }
    } catch (error) {
      if (current !== this.fits) return;
      // Not the user's input but a failure of the page: still a message, never a stack trace.
      const why = error instanceof Error ? error.message : String(error);
      this.error = t(`The fit failed: ${why}`, `拟合失败：${why}`);
    } finally {
      if (current === this.fits) this.fitting = false;
    }
  }

  private use() {
    const population = this.fitted?.population;
    if (!population) return;
    this.used = population.id;
    this.dispatchEvent(
      new CustomEvent<Scenario>("use-population", {
        detail: population,
        bubbles: true,
        composed: true,
      }),
    );
  }

  private renderForm() {
    const v = this.inputs;
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    return html`<form @submit=${this.submit} novalidate>
      <label>
        <span>${t("Transaction log", "交易记录")}</span>
        <input type="file" name="log" accept=".csv,.tsv,.txt,.dat,text/csv,text/plain"
          @change=${this.choose} />
      </label>
      <label>
        <span>${t("Calibration end", "校准截止日")}</span>
        <input type="date" name="calibrationEnd" .value=${v.calibrationEnd}
          @input=${(e: Event) => this.edit({ calibrationEnd: value(e) })} />
      </label>
      <label>
        <span>${t("Unit", "时间单位")}</span>
        <select name="unit" @change=${(e: Event) => this.edit({ unit: value(e) as FitInputs["unit"] })}>
          <option value="week" ?selected=${v.unit === "week"}>${t("week", "周")}</option>
          <option value="day" ?selected=${v.unit === "day"}>${t("day", "天")}</option>
        </select>
      </label>
      <label>
        <span>${t("Columns", "列")}</span>
        <input type="text" name="columns" placeholder=${t("by header", "按表头")} .value=${v.columns}
          title=${t(
            "id,date[,amount] as header names or 1-based indexes (CDNOW_sample.txt: 2,3,5)",
            "id,date[,amount]：表头名称或从 1 开始的列号（CDNOW_sample.txt：2,3,5）",
          )}
          @input=${(e: Event) => this.edit({ columns: value(e) })} />
      </label>
      <label>
        <span>${t("Date format", "日期格式")}</span>
        <select name="dateFormat"
          title=${t(
            "How to read dates like 03/04/1997: day first (DMY) or month first (MDY). Year-first and YYYYMMDD dates need nothing.",
            "如何读取 03/04/1997 这样的日期：日在前（DMY）或月在前（MDY）。年在前和 YYYYMMDD 格式无需设置。",
          )}
          @change=${(e: Event) => this.edit({ dateFormat: value(e) as FitInputs["dateFormat"] })}>
          <option value="" ?selected=${v.dateFormat === ""}>${t("year first", "年在前")}</option>
          <option value="DMY" ?selected=${v.dateFormat === "DMY"}>DMY</option>
          <option value="MDY" ?selected=${v.dateFormat === "MDY"}>MDY</option>
        </select>
      </label>
      <button type="submit" ?disabled=${!this.file || this.fitting}>${t("Fit", "拟合")}</button>
    </form>`;
  }

  private renderResult(fitted: Fitted) {
    const { fit, population } = fitted;
    const used = this.used === population.id;
    return html`<div class="result">
      <rl-fit-summary .fit=${fit}></rl-fit-summary>
      <div class="use">
        <button type="button" class=${used ? "secondary" : ""} @click=${this.use}>
          ${t("Use this population", "使用这批会员")}
        </button>
        <p role="status">
          ${
            used
              ? t(
                  `“${localName(population)}” is selected in the run form: the next Run simulates it over ${fmt(population.horizonDays)} days.`,
                  `运行表单中已选中“${localName(population)}”：下次运行将模拟 ${fmt(population.horizonDays)} 天。`,
                )
              : t(
                  `Adds “${localName(population)}” to the scenarios: members join at their first purchase and buy and drop out as fitted; the rest are the defaults.`,
                  `把“${localName(population)}”加入场景：会员在首次购买时入会，按拟合结果购买和流失；其余参数为默认值。`,
                )
          }
        </p>
      </div>
      <div class="charts">
        <rl-fit-tracking-chart .fit=${fit}></rl-fit-tracking-chart>
        <rl-fit-frequency-chart .fit=${fit}></rl-fit-frequency-chart>
      </div>
    </div>`;
  }

  override render() {
    return html`
      <h2>${t("Fit a population to your transactions", "用你的交易数据拟合会员群体")}</h2>
      <p class="lead">
        ${t(
          "A CSV, TSV or whitespace-separated log, one row per purchase: customer id, date and optionally amount, found by their header names (customer, cust, client, user, member, buyer, 客户, 会员, 用户 or their id forms; date, 日期; amount, 金额 …) or, in a file of 2 or 3 columns, by position. It is read and fitted in this page and never uploaded.",
          "CSV、TSV 或以空白分隔的记录，每行一次购买：客户 id、日期，金额可选；按表头名称识别（客户、会员、用户、customer、member、user 等及其 id 形式；日期、date；金额、amount …），2 或 3 列的文件也可按位置识别。文件只在本页读取和拟合，从不上传。",
        )}
      </p>
      ${this.renderForm()}
      ${this.fitting ? html`<p class="status" role="status">${t(`Fitting ${this.file?.name}…`, `正在拟合 ${this.file?.name}…`)}</p>` : null}
      ${this.error ? html`<p class="error" role="alert">${fitMessage(this.error)}</p>` : null}
      ${this.error ? html`<div class="error-rows">${badRowList(this.errorRows)}</div>` : null}
      ${this.fitted ? this.renderResult(this.fitted) : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-fit-panel": RlFitPanel;
  }
}
