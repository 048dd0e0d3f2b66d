import { css, html, LitElement } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import {
  type AnalysisOptions,
  BUILTIN_SCENARIOS,
  CancelledError,
  fmt,
  type Report,
  type Scenario,
  simulateComparison,
} from "../../sim/index.ts";
import { createBrowserWorker, defaultWorkers, warmEngineWorkers } from "../engine/browser-pool.ts";
import { ReportClient } from "../engine/report-client.ts";
import { type Lang, LangController, lang, locale, setLang, t } from "../i18n.ts";
import type { RunRequest } from "../inputs.ts";
import { adjustName, scenarioName } from "../terms.ts";
import { linkNotice, readLink, writeLink } from "../url-state.ts";
import { saveFile } from "./plot-element.ts";
import type { FormChange, RlRunForm } from "./rl-run-form.ts";
import type { RunState } from "./rl-run-status.ts";
import "./rl-ab-guide.ts";
import "./rl-ab-table.ts";
import "./rl-arm-table.ts";
import "./rl-clv-chart.ts";
import "./rl-cost-chart.ts";
import "./rl-daily-chart.ts";
import "./rl-fit-panel.ts";
import "./rl-funnel-chart.ts";
import "./rl-km-chart.ts";
import "./rl-pareto-chart.ts";
import "./rl-peeking-lesson.ts";
import "./rl-power-calculator.ts";
import "./rl-run-form.ts";
import "./rl-run-status.ts";
import "./rl-scorecard.ts";
import "./rl-srm-banner.ts";
import "./rl-stage-mix-chart.ts";
import "./rl-replications-lesson.ts";
import "./rl-strategy-timeline.ts";
import "./rl-warnings.ts";

/**
 * The page: the run form, progress and cancel, then the last finished run: the sample-ratio check,
 * the per-arm table beside the Kaplan–Meier chart, the A/B table and a note on reading it, and the
 * stage mix. The engine runs in Web Workers (`simulateComparison`, sim/run.ts) and the report is
 * built in a worker of its own (engine/report-worker.ts), which keeps the members' outcomes, so a
 * new α or adjustment re-analyses them without simulating again.
 */
@customElement("rl-dashboard")
export class RlDashboard extends LitElement {
  static override styles = css`
    :host {
      display: block; max-width: 1600px; margin: 0 auto; padding: 1.2rem 1.5rem 3rem;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2329;
    }
    header { display: flex; justify-content: space-between; align-items: start; gap: 1rem; margin-bottom: 1.2rem; }
    header h1 { margin: 0; font-size: 1.4rem; }
    header p { margin: 0.2rem 0 0; color: #5f6670; }
    .lang { display: flex; flex: none; }
    .lang button { padding: 0.25rem 0.7rem; font-size: 0.9rem; }
    .lang button:first-child { border-radius: 4px 0 0 4px; }
    .lang button:last-child { border-radius: 0 4px 4px 0; border-left: 0; }
    .lang button[aria-pressed="true"] { background: #1f2329; border-color: #1f2329; color: white; cursor: default; }
    .lang button:focus-visible { outline: 2px solid #0072b2; outline-offset: 2px; }
    .layout { display: grid; grid-template-columns: minmax(18rem, 22rem) 1fr; gap: 1.8rem; align-items: start; }
    @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
    aside { background: #f6f7f9; border: 1px solid #e4e6ea; border-radius: 6px; padding: 1rem; }
    /* The run form stays in view beside the results and the fit panel below them. */
    @media (min-width: 901px) {
      aside { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; box-sizing: border-box; }
    }
    main { display: grid; gap: 1.4rem; min-width: 0; }
    .results-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
    .results-head h2 { margin: 0; font-size: 1.1rem; }
    .top { display: flex; flex-wrap: wrap; gap: 1.4rem 2rem; align-items: start; margin-top: 0.6rem; }
    rl-arm-table { flex: 0 1 auto; max-width: 100%; }
    rl-km-chart { flex: 1 1 24rem; }
    /* One column that never grows past the page: wide tables scroll inside their own element. */
    .results { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.2rem; }
    /* Charts: full width for the wide ones, two to a row for the rest from 1280 px up. */
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 25rem), 1fr)); gap: 1.6rem 1.8rem; }
    .charts .wide { grid-column: 1 / -1; }
    .results-head h2:focus { outline: 2px solid #0072b2; outline-offset: 3px; }
    /* While a run is on, its progress and Cancel stay in view however far the page is scrolled. */
    rl-run-status.running {
      position: sticky; top: 0; z-index: 2; background: white; padding: 0.4rem 0;
      box-shadow: 0 2px 4px rgba(0, 0, 0, 0.08);
    }
    .teach { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.2rem; }
    .teach h2 { margin: 0; font-size: 1.1rem; }
    .teach .lead { margin: 0; color: #5f6670; }
    .empty { color: #5f6670; border: 1px dashed #c5c9d0; border-radius: 6px; padding: 2rem; text-align: center; }
    button {
      font: inherit; padding: 0.3rem 0.9rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #c5c9d0; background: white;
    }
  `;

  protected readonly i18n = new LangController(this);

  /** Workers offered by default; the page sets it from `navigator.hardwareConcurrency`. */
  @property({ type: Number }) defaultWorkers = defaultWorkers();

  @state() private runState: RunState = "idle";
  @state() private progress = 0;
  /** The status line, worded when shown, so it follows a language switch. */
  @state() private message: () => string = () => "";
  @state() private report: Report | null = null;
  /** The scenarios offered: the built-in ones, then populations fitted in the fit panel. */
  @state() private scenarios: readonly Scenario[] = BUILTIN_SCENARIOS;
  /** The set-up of the link the page was opened with (null: none), or why it was not used. */
  private link = readLink();
  /** α and adjustment of the A/B tests of the report shown; every run from the form uses them. */
  @state() private analysis: AnalysisOptions = this.link.setup?.analysis ?? {};
  /** What the run form holds, kept in the URL with the analysis; its arms get timelines. */
  @state() private formChange: FormChange | null = null;

  /** The last run asked for: the set-up the lessons of "Teach and check" run again. */
  private lastRequest: RunRequest | null = null;

  @query("rl-run-form") private form!: RlRunForm;

  /** The run in flight; a run that is no longer current may not touch the page. */
  private controller: AbortController | null = null;

  private run(event: CustomEvent<RunRequest>) {
    return this.start(event.detail, this.analysis);
  }

  /** Builds reports off the page's thread and keeps the last run's members for re-analysis. */
  private readonly reports = new ReportClient();

  /**
   * A new α or adjustment tests the last run's members again in the report worker, without
   * simulating them again. The new analysis sticks only once its report is in.
   */
  private reanalyse(event: CustomEvent<AnalysisOptions>) {
    if (!this.lastRequest || this.runState === "running") return;
    const analysis = event.detail;
    const how = () => (analysis.adjust ? adjustName(analysis.adjust) : "");
    return this.track(
      () =>
        t(
          `re-analysing the same members for α = ${analysis.alpha}, ${how()}`,
          `按 α = ${analysis.alpha}、${how()} 重新分析同一批会员`,
        ),
      async () => ({ report: await this.reports.reanalyse(analysis), analysis }),
      (seconds) =>
        t(
          `re-analysed in ${seconds} s, no member simulated again`,
          `重新分析用时 ${seconds} 秒，未重新模拟`,
        ),
    );
  }

  private start(request: RunRequest, analysis: AnalysisOptions) {
    const { workers } = request;
    const spec = { ...request.spec, analysis };
    this.lastRequest = request;
    return this.track(
      () =>
        t(
          `simulating ${fmt(spec.members)} members × ${spec.days} days on ${workers} worker${workers === 1 ? "" : "s"}`,
          `模拟中：${fmt(spec.members)} 名会员 × ${spec.days} 天，${workers} 个线程`,
        ),
      async (signal, onProgress) => {
        // Marks for the benchmark (bench/browser.ts): where a run's time goes.
        performance.mark("rl:run");
        let first = true;
        const blocks = await simulateComparison(spec, {
          workers,
          createWorker: createBrowserWorker,
          signal,
          onProgress: (share) => {
            if (first) performance.mark("rl:first-block");
            first = false;
            onProgress(share);
          },
        });
        performance.mark("rl:simulated");
        const report = await this.reports.report(spec, blocks);
        performance.mark("rl:reported");
        return { report, analysis };
      },
      (seconds) => t(`done in ${seconds} s`, `完成，用时 ${seconds} 秒`),
    );
  }

  /**
   * Runs one piece of work with the progress bar and Cancel in view; only the newest may touch the
   * page. Its report and analysis replace the shown ones when it ends.
   */
  private async track(
    doing: () => string,
    work: (
      signal: AbortSignal,
      onProgress: (done: number) => void,
    ) => Promise<{ report: Report; analysis: AnalysisOptions }>,
    done: (seconds: string) => string,
  ) {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const current = () => this.controller === controller;
    this.runState = "running";
    this.progress = 0;
    this.message = doing;
    const started = performance.now();
    try {
      const { report, analysis } = await work(controller.signal, (share) => {
        if (current()) this.progress = share;
      });
      if (!current()) return;
      this.report = report;
      this.analysis = analysis;
      this.share();
      this.runState = "done";
      const seconds = fmt((performance.now() - started) / 1000, 1);
      this.message = () => done(seconds);
      void this.focusResults();
    } catch (error) {
      if (!current()) return;
      this.runState = error instanceof CancelledError ? "cancelled" : "failed";
      const message = error instanceof Error ? error.message : String(error);
      this.message = () => message;
    } finally {
      if (current()) this.controller = null;
    }
  }

  private formChanged(event: CustomEvent<FormChange>) {
    this.formChange = event.detail;
    this.share();
  }

  /** Puts the whole set-up in the URL, language included, so the address is always a link to this run. */
  private share() {
    if (this.formChange) writeLink(this.formChange.inputs, this.analysis, lang());
  }

  /** Shows the page in `next` (remembered), and says so in the link. */
  private switchLang(next: Lang) {
    setLang(next);
    this.share();
  }

  override connectedCallback() {
    super.connectedCallback();
    // A link's language wins over the remembered one, and is remembered in turn.
    const linked = this.link.setup?.lang;
    if (linked) setLang(linked);
    document.documentElement.lang = locale();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener("scroll", this.fitSidebar);
    removeEventListener("resize", this.fitSidebar);
  }

  /**
   * The sticky sidebar ends at the window's foot wherever it starts (under the page heading at
   * the top, 1rem from the top once scrolled), so its Run button is in view on a page just opened.
   */
  private readonly fitSidebar = () => {
    const aside = this.renderRoot.querySelector<HTMLElement>("aside");
    if (!aside) return;
    if (!matchMedia("(min-width: 901px)").matches) {
      aside.style.maxHeight = "";
      return;
    }
    const margin = 16;
    const top = Math.max(aside.getBoundingClientRect().top, margin);
    aside.style.maxHeight = `${Math.max(200, innerHeight - top - margin)}px`;
  };

  // The first run's workers start once the page is drawn and warm up while the user reads it.
  override firstUpdated() {
    this.fitSidebar();
    addEventListener("scroll", this.fitSidebar, { passive: true });
    addEventListener("resize", this.fitSidebar, { passive: true });
    setTimeout(() => {
      warmEngineWorkers(this.defaultWorkers);
      this.reports.warm();
    }, 0);
  }

  /** Moves focus to the results' heading, so keyboard and screen-reader users land on them. */
  private async focusResults() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".results-head h2")?.focus();
  }

  /** Offers a fitted population to the run form (replacing one of the same id) and selects it. */
  private async usePopulation(event: CustomEvent<Scenario>) {
    const scenario = event.detail;
    this.scenarios = [...this.scenarios.filter((s) => s.id !== scenario.id), scenario];
    await this.updateComplete;
    this.form.selectScenario(scenario.id);
  }

  private cancel() {
    this.controller?.abort();
  }

  private download() {
    const report = this.report;
    if (!report) return;
    const blob = new Blob([`${JSON.stringify(report, null, 1)}\n`], { type: "application/json" });
    saveFile(blob, `retention-lab-${report.scenario}-${report.members}-seed${report.seed}.json`);
  }

  private renderResults() {
    const report = this.report;
    if (!report) {
      return html`<div class="empty">${t("Results appear here after a run.", "运行后，结果显示在这里。")}</div>`;
    }
    return html`
      <section class="results">
        <div class="results-head">
          <h2 tabindex="-1">
            ${scenarioName(report)}${t(
              `: ${fmt(report.members)} members, ${report.days} days, seed ${report.seed}`,
              `：${fmt(report.members)} 名会员，${report.days} 天，随机种子 ${report.seed}`,
            )}
          </h2>
          <button type="button" @click=${this.download}>${t("Download JSON", "下载 JSON")}</button>
        </div>
        <rl-srm-banner .report=${report}></rl-srm-banner>
        <rl-warnings .report=${report}></rl-warnings>
        <rl-scorecard .report=${report}></rl-scorecard>
        <div class="top">
          <rl-arm-table .report=${report}></rl-arm-table>
          <rl-km-chart .report=${report}></rl-km-chart>
        </div>
        <rl-ab-table
          .report=${report}
          ?busy=${this.runState === "running"}
          @analysis-change=${this.reanalyse}
        ></rl-ab-table>
        <rl-ab-guide .report=${report}></rl-ab-guide>
      </section>
      <section class="charts" aria-label=${t("Charts", "图表")}>
        <rl-daily-chart class="wide" .report=${report}></rl-daily-chart>
        <rl-funnel-chart .report=${report}></rl-funnel-chart>
        <rl-cost-chart .report=${report}></rl-cost-chart>
        <rl-stage-mix-chart class="wide" .report=${report}></rl-stage-mix-chart>
        <rl-depth-mix-chart class="wide" .report=${report}></rl-depth-mix-chart>
        <rl-clv-chart .report=${report}></rl-clv-chart>
        <rl-pareto-chart .report=${report}></rl-pareto-chart>
      </section>
      <section class="teach" aria-labelledby="teach-head">
        <h2 id="teach-head">${t("Teach and check", "教学与检验")}</h2>
        <p class="lead">
          ${t(
            "What a real A/B test cannot show you: how much the answer moves from seed to seed, the true effect beside the estimate, how many members a test needs, and why looking every day misleads.",
            "真实 A/B 测试看不到的东西：换一个随机种子结果会变多少、估计值旁边的真实效应、一次测试需要多少会员、以及为什么每天看结果会误导。",
          )}
        </p>
        <rl-power-calculator .report=${report} .alpha=${this.analysis.alpha ?? 0.05}></rl-power-calculator>
        <rl-peeking-lesson .report=${report} .alpha=${this.analysis.alpha ?? 0.05}></rl-peeking-lesson>
        <rl-replications-lesson .request=${this.lastRequest}></rl-replications-lesson>
      </section>
    `;
  }

  override render() {
    return html`
      <header>
        <div>
          <h1>retention-lab</h1>
          <p>
            ${t(
              "Simulate member-retention playbooks on one population and compare the arms.",
              "在同一批会员上模拟私域会员留存打法，并对比各实验组。",
            )}
          </p>
        </div>
        <div class="lang" role="group" aria-label=${t("Language", "语言")}>
          ${(
            [
              ["en", "EN", "English"],
              ["zh", "中文", "中文"],
            ] as const
          ).map(
            ([code, short, name]) => html`<button
              type="button"
              lang=${code === "zh" ? "zh-CN" : "en"}
              data-lang=${code}
              title=${name}
              aria-pressed=${lang() === code ? "true" : "false"}
              @click=${() => this.switchLang(code)}
            >
              ${short}
            </button>`,
          )}
        </div>
      </header>
      <div class="layout">
        <aside>
          <rl-run-form
            .defaultWorkers=${this.defaultWorkers}
            .scenarios=${this.scenarios}
            .initial=${this.link.setup?.inputs ?? null}
            .notice=${linkNotice(this.link.problem)}
            ?disabled=${this.runState === "running"}
            @run-request=${this.run}
            @inputs-change=${this.formChanged}
          ></rl-run-form>
        </aside>
        <main>
          <rl-run-status
            class=${this.runState === "running" ? "running" : ""}
            .state=${this.runState}
            .progress=${this.progress}
            .message=${this.message()}
            @cancel-run=${this.cancel}
          ></rl-run-status>
          ${this.renderResults()}
          <rl-strategy-timeline .strategies=${this.formChange?.strategies ?? []}></rl-strategy-timeline>
          <rl-fit-panel @use-population=${this.usePopulation}></rl-fit-panel>
        </main>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-dashboard": RlDashboard;
  }
}
