import * as Plot from "@observablehq/plot";
import { html, LitElement, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import type { PeekingResult, Report } from "../../sim/index.ts";
import { PeekingCancelled, runPeekingInWorker } from "../engine/peeking-client.ts";
import { type Lang, LangController, lang, locale, t } from "../i18n.ts";
import { CONTROL_COLOR, OKABE_ITO } from "../palette.ts";
import {
  DEFAULT_PEEKING_INPUTS,
  type PeekingField,
  type PeekingInputs,
  type PeekingRun,
  parsePeekingInputs,
  peekingLabel,
  peekingReading,
} from "../peeking.ts";
import { percent, rateField, runDesign } from "../power-calc.ts";
import { lessonStyles } from "./lesson-styles.ts";
import { CHART_FONT, ChartElement } from "./plot-element.ts";

/** About how wide a label is drawn at the chart's font size: CJK characters take a full em. */
const textWidth = (text: string) =>
  [...text].reduce((w, c) => w + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? CHART_FONT : 7.4), 0);

/** What the chart draws: a finished run and the α it was run at. */
export type PeekingChartData = { result: PeekingResult; alpha: number };

/** The three false-positive rates of a peeking run as bars, with a rule at α. */
@customElement("rl-peeking-chart")
export class RlPeekingChart extends ChartElement<PeekingChartData> {
  @property({ attribute: false }) data: PeekingChartData | null = null;
  /** The language drawn in: a switch redraws the chart's words. */
  @property() language: Lang = "en";

  protected get heading(): string {
    return t(
      "False-positive rate of A/A tests, by how they are read",
      "A/A 测试的假阳性率（按读取方式）",
    );
  }
  protected get caption(): string {
    return t(
      "Share of simulated A/A experiments (no real difference) in which a rule declared a winner; the dashed line is α, the rate each rule promises.",
      "模拟的 A/A 测试（没有真实差异）中，各规则宣布“赢家”的比例；虚线是 α，即每条规则承诺的假阳性率。",
    );
  }
  protected override get reading(): string {
    return this.data ? peekingReading(this.data.result, this.data.alpha) : "";
  }
  protected get value(): PeekingChartData | null {
    return this.data;
  }
  protected override get fileName(): string {
    return "retention-lab-peeking";
  }

  protected plot({ result, alpha }: PeekingChartData, width: number): Element {
    const rows = [
      {
        rule: t("one test at the planned end", "只在计划结束时检验一次"),
        rate: result.fixedHorizonFalsePositiveRate,
        color: CONTROL_COLOR,
      },
      {
        rule: t("fixed-horizon test, checked daily", "固定样本检验，每天查看"),
        rate: result.naiveFalsePositiveRate,
        color: OKABE_ITO.vermillion,
      },
      {
        rule: t("always-valid p (mSPRT), checked daily", "始终有效的 p 值（mSPRT），每天查看"),
        rate: result.msprtFalsePositiveRate,
        color: OKABE_ITO.blue,
      },
    ];
    const top = Math.max(alpha * 2, ...rows.map((r) => r.rate)) * 1.15;
    const format = (x: number) => percent(x);
    // Labels get up to 45 % of the width, and the bars always some room: never a negative range.
    const marginLeft = Math.min(
      Math.max(...rows.map((r) => textWidth(r.rule))) + 16,
      Math.max(120, width * 0.45),
    );
    return Plot.plot({
      width: Math.max(width, marginLeft + 160),
      height: 190,
      marginLeft,
      marginRight: 24,
      marginBottom: 40,
      style: { fontSize: `${CHART_FONT}px` },
      x: {
        label: t("false-positive rate", "假阳性率"),
        domain: [0, Math.min(1, top)],
        tickFormat: (x: number) => `${Math.round(x * 100).toLocaleString(locale())}%`,
        grid: true,
      },
      y: { label: null, domain: rows.map((r) => r.rule) },
      marks: [
        Plot.barX(rows, { x: "rate", y: "rule", fill: "color" }),
        Plot.ruleX([alpha], { stroke: "#1f2329", strokeDasharray: "5,4", strokeWidth: 1.5 }),
        Plot.text(rows, {
          x: "rate",
          y: "rule",
          text: (d: { rate: number }) => format(d.rate),
          dx: 6,
          textAnchor: "start",
          fontSize: CHART_FONT,
          fill: "#1f2329",
          stroke: "white",
          strokeWidth: 4,
          paintOrder: "stroke",
        }),
        Plot.text([alpha], {
          x: (d: number) => d,
          frameAnchor: "top",
          text: () => `α = ${alpha.toLocaleString(locale())}`,
          dx: 4,
          dy: -2,
          textAnchor: "start",
          fontSize: CHART_FONT,
        }),
      ],
    });
  }
}

type Busy = { done: number; total: number; controller: AbortController };

/**
 * The peeking lesson (issue 11, item 4): A/A experiments looked at every day, simulated off the
 * main thread by the engine's `simulatePeeking`, and the three false-positive rates it finds —
 * one test at the end, a fixed-horizon test checked daily, the mSPRT's always-valid p checked
 * daily — drawn against α. With a run, the conversion rate starts from the baseline arm's.
 */
@customElement("rl-peeking-lesson")
export class RlPeekingLesson extends LitElement {
  static override styles = lessonStyles;

  protected readonly i18n = new LangController(this);

  /** The run shown: its baseline arm's conversion becomes the simulated rate. */
  @property({ attribute: false }) report: Report | null = null;

  /** The dashboard's significance level: prefills α. */
  @property({ type: Number }) alpha = 0.05;

  @state() private inputs: PeekingInputs = { ...DEFAULT_PEEKING_INPUTS };
  @state() private busy: Busy | null = null;
  @state() private result: PeekingChartData | null = null;
  /** The run the result is for, to say when the fields have moved on since. */
  @state() private ranWith: PeekingRun | null = null;
  @state() private failure = "";
  /** Errors are shown once a field is edited or Run is pressed, not for the prefilled defaults. */
  @state() private touched = false;

  protected override willUpdate(changed: PropertyValues<this>) {
    const next = { ...this.inputs };
    if (changed.has("alpha") && Number.isFinite(this.alpha) && this.alpha > 0 && this.alpha < 1)
      next.alpha = String(this.alpha);
    if (changed.has("report") && this.report) {
      const design = runDesign(this.report);
      if (design) next.rate = rateField(design.baseline);
    }
    if (changed.has("alpha") || changed.has("report")) this.inputs = next;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.busy?.controller.abort();
  }

  private edit(field: PeekingField, value: string) {
    this.inputs = { ...this.inputs, [field]: value };
    this.touched = true;
  }

  private async run(event: Event) {
    event.preventDefault();
    this.touched = true;
    const parsed = parsePeekingInputs(this.inputs);
    if (!("run" in parsed) || this.busy) return;
    const controller = new AbortController();
    this.busy = { done: 0, total: parsed.run.simulations, controller };
    this.failure = "";
    try {
      const result = await runPeekingInWorker(
        parsed.run,
        (done, total) => {
          if (this.busy?.controller === controller) this.busy = { done, total, controller };
        },
        controller.signal,
      );
      this.result = { result, alpha: parsed.run.alpha };
      this.ranWith = parsed.run;
    } catch (error) {
      if (!(error instanceof PeekingCancelled)) {
        const why = error instanceof Error ? error.message : String(error);
        this.failure = t(
          `The simulation stopped: ${why}. Run it again.`,
          `模拟中断：${why}。请再运行一次。`,
        );
      }
    } finally {
      if (this.busy?.controller === controller) this.busy = null;
    }
  }

  private hint(field: PeekingField): string {
    switch (field) {
      case "simulations":
        return t("more is steadier, and slower", "越多越稳定，也越慢");
      case "days":
        return t("one look a day", "每天看一次");
      case "perDay":
        return t("new members in each arm each day", "每组每天新进入测试的会员");
      case "rate":
        return t("the same in both arms: an A/A test", "两组相同：A/A 测试");
      case "alpha":
        return t("each look tests at this level", "每次查看都按此水平检验");
      case "seed":
        return t("same seed, same result", "种子相同，结果相同");
    }
  }

  private stale(): boolean {
    const parsed = parsePeekingInputs(this.inputs);
    const ran = this.ranWith;
    if (!ran || !("run" in parsed)) return false;
    return (Object.keys(ran) as (keyof PeekingRun)[]).some((k) => ran[k] !== parsed.run[k]);
  }

  override render() {
    const parsed = parsePeekingInputs(this.inputs);
    const errors = this.touched && "errors" in parsed ? parsed.errors : [];
    const errorOf = (field: PeekingField) => errors.find((e) => e.field === field)?.message;
    const busy = this.busy;
    const fields: PeekingField[] = ["simulations", "days", "perDay", "rate", "alpha", "seed"];
    return html`<div class="card">
      <h3>${t("Peeking: looking every day at a test planned for the end", "偷看：把为结束时设计的检验，每天查看一次")}</h3>
      <p class="lead">
        ${t(
          "Simulate A/A experiments — two arms with the same conversion rate, so every 'winner' is a false positive — and look at them every day.",
          "模拟 A/A 测试——两组转化率完全相同，所以任何“赢家”都是假阳性——并每天查看一次结果。",
        )}
      </p>
      <form @submit=${this.run} novalidate>
        <div class="fields">
          ${fields.map((field) => {
            const error = errorOf(field);
            return html`<label>
              <span>${peekingLabel(field)}</span>
              <input
                type="text"
                inputmode="decimal"
                name=${field}
                autocomplete="off"
                .value=${live(this.inputs[field])}
                aria-invalid=${error ? "true" : "false"}
                aria-describedby="peek-${field}-note"
                ?disabled=${busy !== null}
                @input=${(e: Event) => this.edit(field, (e.target as HTMLInputElement).value)}
              />
              ${
                error
                  ? html`<small class="error" id="peek-${field}-note" role="alert" data-field=${field}
                      >${error}</small
                    >`
                  : html`<small class="hint" id="peek-${field}-note">${this.hint(field)}</small>`
              }
            </label>`;
          })}
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${busy !== null || errors.length > 0}>
            ${t("Run", "运行")}
          </button>
          ${
            busy
              ? html`<progress
                    max=${busy.total}
                    value=${busy.done}
                    aria-label=${t("Simulated experiments", "已模拟的测试")}
                  ></progress>
                  <span class="status" role="status"
                    >${t(
                      `Simulating… ${busy.done.toLocaleString(locale())} of ${busy.total.toLocaleString(locale())}`,
                      `模拟中… ${busy.done.toLocaleString(locale())} / ${busy.total.toLocaleString(locale())}`,
                    )}</span
                  >
                  <button type="button" class="secondary" @click=${() => busy.controller.abort()}>
                    ${t("Cancel", "取消")}
                  </button>`
              : null
          }
        </div>
      </form>
      ${this.failure ? html`<p class="failure" role="alert">${this.failure}</p>` : null}
      ${
        this.result
          ? html`${
              this.stale()
                ? html`<p class="note">
                    ${t(
                      "The chart is for the last run; press Run for the fields as they are now.",
                      "图表显示的是上一次运行的结果；按“运行”按当前输入重新模拟。",
                    )}
                  </p>`
                : null
            }
            <rl-peeking-chart
              .data=${this.result}
              .language=${lang()}
              data-naive=${this.result.result.naiveFalsePositiveRate}
              data-msprt=${this.result.result.msprtFalsePositiveRate}
              data-fixed=${this.result.result.fixedHorizonFalsePositiveRate}
            ></rl-peeking-chart>`
          : null
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
            "Every experiment here is an A/A test: both arms convert at the same rate, so any 'significant' result is a false positive. α is the false-positive rate a test promises.",
            "这里每个实验都是 A/A 测试：两组转化率相同，所以任何“显著”的结果都是假阳性。α 是检验所承诺的假阳性率。",
          )}
        </li>
        <li>
          ${t(
            "Tested once, at the planned end, the z-test keeps its promise: about α. Looked at every day and stopped the first day p < 0.05, the same test turns a 5 % false-positive rate into about 25 % over 28 looks: each look is another chance for noise to cross the line.",
            "只在计划结束时检验一次，z 检验能守住承诺：约等于 α。如果每天查看、并在第一次 p < 0.05 时就停止，同一个检验在 28 次查看中会把 5% 的假阳性率变成约 25%：每看一次，噪声就多一次越线的机会。",
          )}
        </li>
        <li>
          ${t(
            "The always-valid p of the mSPRT is built to be looked at as often as you like: its false-positive rate stays at or below α however often you peek, at the price of needing somewhat more data to detect a real effect.",
            "mSPRT 的始终有效的 p 值就是为随时查看而设计的：无论偷看多少次，假阳性率都不超过 α；代价是检测真实效应需要稍多一些数据。",
          )}
        </li>
        <li>
          ${t(
            "The lesson: either decide the horizon (and sample size) in advance and read the test once, at the end, or use the always-valid p if you will look every day. Never stop a test the first day it looks significant.",
            "要点：要么事先定好测试周期（和样本量），只在结束时读一次结果；要么如果要每天看，就用始终有效的 p 值。不要在结果第一次显得显著时就停止测试。",
          )}
        </li>
      </ul>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-peeking-lesson": RlPeekingLesson;
    "rl-peeking-chart": RlPeekingChart;
  }
}
