import { html, LitElement, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import type { Report } from "../../sim/index.ts";
import { LangController, t } from "../i18n.ts";
import {
  computePower,
  DEFAULT_POWER_INPUTS,
  fieldLabel,
  fieldsFor,
  type PowerField,
  type PowerInputs,
  type PowerMetric,
  type PowerSolve,
  rateField,
  readNumber,
  runDesign,
  runSentence,
} from "../power-calc.ts";
import { lessonStyles } from "./lesson-styles.ts";

/**
 * The power / sample-size / minimum-detectable-effect calculator (issue 11, item 4), over the
 * engine's own functions (R's power.prop.test and power.t.test). Given a run, it starts from the
 * run: the baseline arm's conversion and the members per arm, and says what the run could detect.
 * The answer follows every keystroke; a field that cannot be used says so beside it.
 */
@customElement("rl-power-calculator")
export class RlPowerCalculator extends LitElement {
  static override styles = lessonStyles;

  protected readonly i18n = new LangController(this);

  /** The run shown: prefills the baseline rate and members per arm. */
  @property({ attribute: false }) report: Report | null = null;

  /** The dashboard's significance level: prefills α. */
  @property({ type: Number }) alpha = 0.05;

  @state() private inputs: PowerInputs = { ...DEFAULT_POWER_INPUTS };

  protected override willUpdate(changed: PropertyValues<this>) {
    const next = { ...this.inputs };
    if (changed.has("alpha") && Number.isFinite(this.alpha) && this.alpha > 0 && this.alpha < 1)
      next.alpha = String(this.alpha);
    if (changed.has("report") && this.report) {
      const design = runDesign(this.report);
      if (design) {
        next.baseline = rateField(design.baseline);
        // A 10 % relative rise to start from, kept below 100 %.
        const target =
          design.baseline * 1.1 < 1 ? design.baseline * 1.1 : (1 + design.baseline) / 2;
        next.target = rateField(target);
        next.n = String(design.n);
      }
    }
    if (changed.has("alpha") || changed.has("report")) this.inputs = next;
  }

  private edit(patch: Partial<PowerInputs>) {
    this.inputs = { ...this.inputs, ...patch };
  }

  private hint(field: PowerField): string {
    switch (field) {
      case "baseline":
        return t("the baseline arm's rate: 0.1 or 10 %", "基线组的转化率：0.1 或 10%");
      case "target":
        return t("the rate the change would bring", "改动后期望的转化率");
      case "difference":
        return t("in the metric's unit, e.g. ¥ per member", "指标的单位，如每位会员的金额（¥）");
      case "sd":
        return t("of the metric across members", "该指标在会员间的标准差");
      case "n":
        return t("randomised members in each arm", "每个实验组随机分配的会员数");
      case "alpha":
        return t("false-positive rate allowed, two-sided", "允许的假阳性率（双侧）");
      case "power":
        return t(
          "chance to detect a real effect; 0.8 is usual",
          "真实效应被检测到的概率；通常取 0.8",
        );
    }
  }

  /** The sentence on what the run could detect, at the α and power typed (if usable). */
  private runLine(): string | null {
    if (!this.report) return null;
    const design = runDesign(this.report);
    if (!design) return null;
    const alpha = readNumber(this.inputs.alpha);
    const power = readNumber(this.inputs.power);
    const usable = alpha !== null && power !== null && alpha > 0 && power < 1 && power > alpha;
    return runSentence(design, usable ? alpha : this.report.alpha, usable ? power : 0.8);
  }

  private renderChoices() {
    const { metric, solve } = this.inputs;
    const metrics: [PowerMetric, string][] = [
      ["proportion", t("A rate (conversion)", "比率（转化率）")],
      ["mean", t("A mean (e.g. revenue per member)", "均值（如每位会员收入）")],
    ];
    const solves: [PowerSolve, string][] = [
      ["n", t("Members per arm", "每组会员数")],
      ["mde", t("Minimum detectable effect (MDE)", "最小可检测效应（MDE）")],
      ["power", t("Power", "统计功效")],
    ];
    return html`<div class="choices">
      <fieldset>
        <legend>${t("Metric", "指标")}</legend>
        ${metrics.map(
          ([value, label]) => html`<label>
            <input
              type="radio"
              name="metric"
              value=${value}
              .checked=${live(metric === value)}
              @change=${() => this.edit({ metric: value })}
            />${label}
          </label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${t("Solve for", "求解")}</legend>
        ${solves.map(
          ([value, label]) => html`<label>
            <input
              type="radio"
              name="solve"
              value=${value}
              .checked=${live(solve === value)}
              @change=${() => this.edit({ solve: value })}
            />${label}
          </label>`,
        )}
      </fieldset>
    </div>`;
  }

  override render() {
    const outcome = computePower(this.inputs);
    const errors = "errors" in outcome ? outcome.errors : [];
    const errorOf = (field: PowerField) => errors.find((e) => e.field === field)?.message;
    const run = this.runLine();
    return html`<div class="card">
      <h3>${t("Power, sample size and minimum detectable effect", "统计功效、样本量与最小可检测效应")}</h3>
      <p class="lead">
        ${t(
          "How many members a test needs, or what a test of this size can detect — the formulas of R's power.prop.test (rates) and power.t.test (means).",
          "一次测试需要多少会员，或这样规模的测试能检测到什么——公式与 R 的 power.prop.test（比率）和 power.t.test（均值）一致。",
        )}
      </p>
      ${run ? html`<p class="run" data-run>${run}</p>` : null}
      ${this.renderChoices()}
      <div class="fields">
        ${fieldsFor(this.inputs.metric, this.inputs.solve).map((field) => {
          const error = errorOf(field);
          return html`<label>
            <span>${fieldLabel(field)}</span>
            <input
              type="text"
              inputmode="decimal"
              name=${field}
              autocomplete="off"
              .value=${live(this.inputs[field])}
              aria-invalid=${error ? "true" : "false"}
              aria-describedby="${field}-note"
              @input=${(e: Event) => this.edit({ [field]: (e.target as HTMLInputElement).value })}
            />
            ${
              error
                ? html`<small class="error" id="${field}-note" role="alert" data-field=${field}
                    >${error}</small
                  >`
                : html`<small class="hint" id="${field}-note">${this.hint(field)}</small>`
            }
          </label>`;
        })}
      </div>
      ${
        "answer" in outcome
          ? html`<output class="answer" aria-live="polite" data-solve=${outcome.answer.solve}
              data-value=${outcome.answer.value}>
              <strong>${outcome.answer.headline}</strong>
              <p>${outcome.answer.detail}</p>
            </output>`
          : html`<output class="answer invalid" aria-live="polite">
              <p>${t("Fix the field marked above to see the answer.", "请先改正上面标出的输入项。")}</p>
            </output>`
      }
      ${this.renderGuide()}
    </div>`;
  }

  private renderGuide() {
    return html`<details>
      <summary>${t("How to read this", "怎么读")}</summary>
      <ul>
        <li>
          ${t(
            "Power is the chance that a test finds an effect that is really there. At 80 % power, one real effect of exactly this size in five goes unnoticed; smaller ones are missed more often.",
            "统计功效是真实存在的效应被测试发现的概率。统计功效 80% 意味着，恰好这么大的真实效应，每五次里有一次会被漏掉；更小的效应被漏掉得更多。",
          )}
        </li>
        <li>
          ${t(
            "The significance level α is the false-positive rate you accept: how often an A/A test (no real difference) still comes out 'significant'. Lowering α or raising power costs members.",
            "显著性水平 α 是你能接受的假阳性率：在 A/A 测试（没有真实差异）里，仍然得出“显著”的频率。降低 α 或提高统计功效，都需要更多会员。",
          )}
        </li>
        <li>
          ${t(
            "The minimum detectable effect (MDE) is the smallest true change the test reliably sees. Halving it takes about four times the members: sample size grows with 1 / effect².",
            "最小可检测效应（MDE）是测试能可靠发现的最小真实变化。要把它减半，大约需要四倍的会员：样本量随 1 / 效应² 增长。",
          )}
        </li>
        <li>
          ${t(
            "The lesson: size the test before it starts, from the smallest effect worth acting on. A 'no significant difference' from an underpowered test means 'too small to tell', not 'no effect'.",
            "要点：在测试开始前，按值得采取行动的最小效应来确定样本量。统计功效不足的测试得出“无显著差异”，意思是“太小，看不出来”，而不是“没有效果”。",
          )}
        </li>
      </ul>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-power-calculator": RlPowerCalculator;
  }
}
