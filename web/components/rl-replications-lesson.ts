import * as Plot from "@observablehq/plot";
import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { CancelledError, fmt, pct, type Report, runExperiment } from "../../sim/index.ts";
import { interval, type MetricKind, signed } from "../ab-format.ts";
import { createBrowserWorker } from "../engine/browser-pool.ts";
import { LangController, t } from "../i18n.ts";
import type { RunRequest } from "../inputs.ts";
import { strategyColor } from "../palette.ts";
import { reportLabel } from "../terms.ts";
import { lessonStyles } from "./lesson-styles.ts";
import { CHART_FONT } from "./plot-element.ts";

/** One replication's estimate of one effect, with its true effect in paired mode. */
type Estimate = { seed: number; metric: string; strategy: string; diff: number; truth?: number };

type Lesson = { report: Report; estimates: Estimate[]; members: number; paired: boolean };

export const MAX_LESSON_REPLICATIONS = 100;
export const MAX_LESSON_MEMBERS = 1_000_000;
/** The lesson's default population: enough to show the spread, small enough to run in seconds. */
const DEFAULT_LESSON_MEMBERS = 20_000;

/** A whole number in [min, max] from a field, or why not, naming the field and the value. */
export function wholeIn(text: string, min: number, max: number, field: string): number | string {
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
    return t(
      `${field} must be a whole number from ${fmt(min)} to ${fmt(max)}, got "${text}"`,
      `${field}须为 ${fmt(min)} 到 ${fmt(max)} 之间的整数，当前为“${text}”`,
    );
  }
  return value;
}

/**
 * The lesson a real test cannot give: the last run's set-up run again for R seeds (the spread of
 * the simulated world, and the power: how often each effect comes out significant) and, in paired
 * mode, every member run under every arm, so the true effect stands beside each estimate and the
 * coverage of the intervals can be counted. R = 1 with paired is the paired lesson on its own.
 * Uses `runExperiment`, the CLI's `--replications` and `--paired`.
 */
@customElement("rl-replications-lesson")
export class RlReplicationsLesson extends LitElement {
  static override styles = [
    lessonStyles,
    css`
      table { border-collapse: collapse; font-size: 0.88rem; margin: 0.6rem 0; }
      th, td { padding: 0.25rem 0.5rem; text-align: right; border-bottom: 1px solid #eceef1; white-space: nowrap; }
      /* Metric labels wrap, so the numbers keep their columns in a half-width card. */
      th:first-child, td:first-child { white-space: normal; min-width: 9rem; }
      th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
      .scroll { overflow-x: auto; max-width: 100%; }
      progress { width: 14rem; vertical-align: middle; }
      .actions { display: flex; gap: 0.8rem; align-items: center; flex-wrap: wrap; }
      .plot svg { max-width: 100%; height: auto; }
      select { font: inherit; padding: 0.2rem 0.4rem; }
    `,
  ];

  protected readonly i18n = new LangController(this);

  /** The last run's set-up (spec and workers); the lesson runs it again. */
  @property({ attribute: false }) request: RunRequest | null = null;

  @state() private replicationsText = "10";
  @state() private membersText = "";
  @state() private paired = false;
  @state() private progress: number | null = null;
  @state() private error = "";
  @state() private lesson: Lesson | null = null;
  @state() private metric = "clv";
  private controller: AbortController | null = null;

  private get members(): string {
    if (this.membersText !== "") return this.membersText;
    return String(
      Math.min(this.request?.spec.members ?? DEFAULT_LESSON_MEMBERS, DEFAULT_LESSON_MEMBERS),
    );
  }

  private fieldErrors(): string[] {
    const errors: string[] = [];
    const r = wholeIn(this.replicationsText, 1, MAX_LESSON_REPLICATIONS, t("Seeds", "种子数"));
    if (typeof r === "string") errors.push(r);
    const m = wholeIn(this.members, 100, MAX_LESSON_MEMBERS, t("Members", "会员数"));
    if (typeof m === "string") errors.push(m);
    return errors;
  }

  private async run() {
    const request = this.request;
    if (!request || this.fieldErrors().length > 0) return;
    const replications = Number(this.replicationsText);
    const members = Number(this.members);
    const paired = this.paired;
    const spec = { ...request.spec, members };
    const runsPerSeed = paired ? spec.strategies.length + 1 : 1;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.progress = 0;
    this.error = "";
    const estimates: Estimate[] = [];
    try {
      const report = await runExperiment(spec, {
        workers: request.workers,
        createWorker: createBrowserWorker,
        signal: controller.signal,
        replications,
        paired,
        onProgress: (p) => {
          if (this.controller !== controller) return;
          const run =
            p.run === "randomised" ? 0 : 1 + spec.strategies.findIndex((s) => s.id === p.run);
          this.progress =
            (p.replication * runsPerSeed + Math.max(run, 0) + p.done) /
            (replications * runsPerSeed);
        },
        onReport: (one) => {
          one.tests.forEach((test, k) => {
            if (test.diff === null) return;
            const truth = one.paired?.effects[k]?.truth;
            estimates.push({
              seed: one.seed,
              metric: test.metric,
              strategy: test.strategy,
              diff: test.diff,
              ...(truth === null || truth === undefined ? {} : { truth }),
            });
          });
        },
      });
      if (this.controller !== controller) return;
      this.lesson = { report, estimates, members, paired };
      if (!report.metrics.some((m) => m.id === this.metric))
        this.metric = report.metrics[0]?.id ?? "";
    } catch (error) {
      if (this.controller !== controller) return;
      this.error =
        error instanceof CancelledError
          ? t("Cancelled.", "已取消。")
          : `${t("The lesson could not run: ", "无法运行：")}${error instanceof Error ? error.message : String(error)}`;
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.progress = null;
      }
    }
  }

  private cancel() {
    this.controller?.abort();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.controller?.abort();
  }

  override render() {
    const errors = this.fieldErrors();
    const running = this.progress !== null;
    return html`<div class="card">
      <h3>${t("Replications and the true effect", "重复实验与真实效应")}</h3>
      <p class="lead">
        ${t(
          "Run the last set-up again for several seeds: how far the estimate moves from one population to the next, and how often the test calls it significant (its power). Paired mode also runs every member under every arm, so the true effect on these members stands beside each estimate.",
          "用多个随机种子重跑上一次的设置：估计值在不同人群之间能变动多少，检验判为显著的比例是多少（即统计功效）。配对模式还会让每位会员在每个组都跑一遍，于是每个估计值旁边都能看到这批会员的真实效应。",
        )}
      </p>
      ${this.request ? this.renderForm(errors, running) : html`<p>${t("Run a comparison first.", "请先运行一次对比。")}</p>`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
      ${this.lesson ? this.renderLesson(this.lesson) : null}
      <details>
        <summary>${t("How to read this", "怎么读")}</summary>
        <p>
          ${t(
            "Each dot is one population of members drawn with another seed, tested as a real A/B test would be. The spread of the dots is what one real test cannot show: with a single run you see one dot. The share significant is the power: how often a test of this size finds the effect. In paired mode, the true effect is the average over these very members of (outcome under the arm − outcome under the baseline), known only because the simulator can run each member twice; the coverage is the share of intervals that contain it, which should be near the confidence level (95 % at α = 0.05).",
            "每个点是换一个种子抽出的一批会员，按真实 A/B 测试的方式检验。点的分散程度正是一次真实测试看不到的：只跑一次，你只能看到一个点。显著比例就是统计功效：这样规模的测试有多大把握发现这个效应。配对模式下，真实效应是这批会员（在该组的结果 − 在基线组的结果）的平均值，只有模拟器能让同一位会员跑两遍才知道；覆盖率是置信区间包含真实效应的比例，应接近置信水平（α = 0.05 时为 95 %）。",
          )}
        </p>
      </details>
    </div>`;
  }

  private renderForm(errors: string[], running: boolean) {
    const invalid = (text: string) =>
      errors.some((e) => e.includes(`"${text}"`) || e.includes(`“${text}”`));
    return html`<div class="fields">
        <label>
          <span>${t("Seeds (replications)", "种子数（重复次数）")}</span>
          <input
            type="text"
            name="replications"
            inputmode="numeric"
            .value=${this.replicationsText}
            aria-invalid=${invalid(this.replicationsText) ? "true" : "false"}
            @input=${(e: Event) => {
              this.replicationsText = (e.target as HTMLInputElement).value;
            }}
          />
          <small class="hint">${t(`1 to ${MAX_LESSON_REPLICATIONS}`, `1 到 ${MAX_LESSON_REPLICATIONS}`)}</small>
        </label>
        <label>
          <span>${t("Members per seed", "每个种子的会员数")}</span>
          <input
            type="text"
            name="lesson-members"
            inputmode="numeric"
            .value=${this.members}
            aria-invalid=${invalid(this.members) ? "true" : "false"}
            @input=${(e: Event) => {
              this.membersText = (e.target as HTMLInputElement).value;
            }}
          />
          <small class="hint">${t("the last run's, at most 20,000 by default", "默认取上次运行的会员数，最多 20,000")}</small>
        </label>
      </div>
      <div class="choices">
        <label>
          <input
            type="checkbox"
            name="paired"
            .checked=${this.paired}
            @change=${(e: Event) => {
              this.paired = (e.target as HTMLInputElement).checked;
            }}
          />
          ${t("Paired: also show the true effect (one more run per arm)", "配对：同时给出真实效应（每组多跑一次）")}
        </label>
      </div>
      ${errors.map((e) => html`<p class="error" role="alert">${e}</p>`)}
      <div class="actions">
        <button type="button" name="run-replications" ?disabled=${running || errors.length > 0} @click=${this.run}>
          ${t("Run the seeds", "运行")}
        </button>
        ${
          running
            ? html`<progress max="1" .value=${this.progress ?? 0}></progress>
              <button type="button" class="secondary" @click=${this.cancel}>${t("Cancel", "取消")}</button>`
            : null
        }
      </div>`;
  }

  private renderLesson(lesson: Lesson) {
    const { report } = lesson;
    const reps = report.replications;
    const kinds = new Map(report.metrics.map((m) => [m.id, m.kind as MetricKind]));
    const label = (id: string) => reportLabel(report.metrics.find((m) => m.id === id)?.label ?? id);
    const baseline = report.arms[0]?.strategy ?? "";
    const count = reps?.count ?? 1;
    return html`<p class="run" data-lesson-summary>
        ${t(
          `${count} seed${count === 1 ? "" : "s"} of ${fmt(lesson.members)} members, ${report.days} days, each arm against the baseline ${baseline}${lesson.paired ? ", paired" : ""}.`,
          `${count} 个种子，每个 ${fmt(lesson.members)} 名会员、${report.days} 天，各组与基线 ${baseline} 比较${lesson.paired ? "，配对" : ""}。`,
        )}
      </p>
      <div class="scroll">${count > 1 ? this.spreadTable(report, kinds, label) : this.pairedTable(report, kinds, label)}</div>
      ${count > 1 ? this.chart(lesson, kinds, label) : null}`;
  }

  /** Over seeds: each effect's mean, its 2.5–97.5 % range, the power, and in paired mode the truth. */
  private spreadTable(
    report: Report,
    kinds: Map<string, MetricKind>,
    label: (id: string) => string,
  ) {
    const effects = report.replications?.effects ?? [];
    const paired = effects.some((e) => e.coverage !== undefined);
    return html`<table data-lesson="replications">
      <thead>
        <tr>
          <th>${t("metric", "指标")}</th>
          <th>${t("arm", "组")}</th>
          <th>${t("mean estimate", "估计均值")}</th>
          <th>${t("2.5–97.5 % over seeds", "种子间 2.5–97.5 %")}</th>
          <th>${t("significant (power)", "显著比例（功效）")}</th>
          ${paired ? html`<th>${t("true effect", "真实效应")}</th><th>${t("coverage", "覆盖率")}</th>` : null}
        </tr>
      </thead>
      <tbody>
        ${effects.map((e) => {
          const kind = kinds.get(e.metric) ?? "mean";
          return html`<tr data-metric=${e.metric} data-arm=${e.strategy}>
            <td>${label(e.metric)}</td>
            <td>${e.strategy}</td>
            <td>${signed(e.diff.mean, kind)}</td>
            <td>${interval(e.diff.low, e.diff.high, kind)}</td>
            <td>${pct(e.significantShare, 0)}</td>
            ${paired ? html`<td>${signed(e.truth?.mean ?? null, kind)}</td><td>${pct(e.coverage ?? null, 0)}</td>` : null}
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  /** One seed: each estimate and its interval beside the true effect, and whether it covers it. */
  private pairedTable(
    report: Report,
    kinds: Map<string, MetricKind>,
    label: (id: string) => string,
  ) {
    const paired = report.paired;
    return html`<table data-lesson="paired">
      <thead>
        <tr>
          <th>${t("metric", "指标")}</th>
          <th>${t("arm", "组")}</th>
          <th>${t("estimate", "估计值")}</th>
          <th title=${t("the interval for these members' own effect, the one the true effect is compared with", "这批会员自身效应的区间，用来与真实效应比较")}>
            ${t("interval", "置信区间")}
          </th>
          ${paired ? html`<th>${t("true effect", "真实效应")}</th><th>${t("in interval", "落在区间内")}</th>` : null}
        </tr>
      </thead>
      <tbody>
        ${report.tests.map((test, k) => {
          const kind = kinds.get(test.metric) ?? "mean";
          const e = paired?.effects[k];
          return html`<tr data-metric=${test.metric} data-arm=${test.strategy}>
            <td>${label(test.metric)}</td>
            <td>${test.strategy}</td>
            <td>${signed(test.diff, kind)}</td>
            <td>${interval(test.sampleCiLow ?? test.ciLow, test.sampleCiHigh ?? test.ciHigh, kind)}</td>
            ${
              e
                ? html`<td>${signed(e.truth, kind)}</td>
                  <td>${e.covered === null ? "—" : e.covered ? t("yes", "是") : t("no", "否")}</td>`
                : null
            }
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  /** Every seed's estimate of one metric per arm, the zero line, and the truths in paired mode. */
  private chart(lesson: Lesson, kinds: Map<string, MetricKind>, label: (id: string) => string) {
    const metric = this.metric;
    const kind = kinds.get(metric) ?? "mean";
    const scale = kind === "proportion" ? 100 : 1;
    const rows = lesson.estimates
      .filter((e) => e.metric === metric)
      .map((e) => ({
        ...e,
        diff: e.diff * scale,
        truth: e.truth === undefined ? undefined : e.truth * scale,
      }));
    const arms = [...new Set(rows.map((r) => r.strategy))];
    const unit = kind === "proportion" ? t("percentage points", "百分点") : "¥";
    const plot = Plot.plot({
      width: 640,
      height: 60 + 50 * arms.length,
      marginLeft: 130,
      style: { fontSize: `${CHART_FONT}px` },
      x: {
        label: `${t("estimate against the baseline", "相对基线的估计值")} (${unit})`,
        grid: true,
      },
      y: { label: null, domain: arms },
      marks: [
        Plot.ruleX([0], { stroke: "#5f6670" }),
        Plot.dot(rows, {
          x: "diff",
          y: "strategy",
          fill: (d) => strategyColor(d.strategy),
          r: 4,
          fillOpacity: 0.7,
        }),
        ...(lesson.paired
          ? [Plot.tickX(rows, { x: "truth", y: "strategy", stroke: "#1f2329", strokeWidth: 2 })]
          : []),
      ],
    });
    return html`<label>
        <span>${t("Estimates of", "查看指标")}</span>
        <select
          name="lesson-metric"
          @change=${(e: Event) => {
            this.metric = (e.target as HTMLSelectElement).value;
          }}
        >
          ${lesson.report.metrics.map(
            (m) => html`<option value=${m.id} ?selected=${m.id === metric}>${label(m.id)}</option>`,
          )}
        </select>
      </label>
      <p class="lead">
        ${t(
          `One dot per seed${lesson.paired ? "; a black tick is that seed's true effect" : ""}; the grey line is no difference.`,
          `每个点是一个种子${lesson.paired ? "；黑色短线是该种子的真实效应" : ""}；灰线表示没有差异。`,
        )}
      </p>
      <div class="plot" data-lesson-chart>${plot}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-replications-lesson": RlReplicationsLesson;
  }
}
