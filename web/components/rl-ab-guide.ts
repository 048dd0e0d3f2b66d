import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { fmt, pct, type Report } from "../../sim/index.ts";
import { ADJUST_LABELS } from "../ab-format.ts";

/**
 * "How to read this": a short note for educators beside the A/B panel, with this run's own numbers
 * (tests, members behind the last day, true churn and the lapsed proxy of the first arm).
 */
@customElement("rl-ab-guide")
export class RlAbGuide extends LitElement {
  static override styles = css`
    :host { display: block; }
    details { background: #f6f7f9; border: 1px solid #e4e6ea; border-radius: 6px; padding: 0.6rem 1rem; }
    summary { font-weight: 600; cursor: pointer; }
    ul { margin: 0.5rem 0 0; padding-left: 1.2rem; font-size: 0.88rem; color: #3b4048; max-width: 62rem; }
    li { margin: 0.3rem 0; }
  `;

  @property({ attribute: false }) report: Report | null = null;

  override render() {
    const report = this.report;
    if (!report || report.tests.length === 0) return null;
    const n = report.tests.length;
    const alpha = report.alpha;
    // If the tests were independent and every null true: the chance of at least one false "significant".
    const anyFalse = 1 - (1 - alpha) ** n;
    // The last retention day tested: the last day every (or at least half of the) members are watched.
    const retentionTests = report.tests.filter((t) => t.metric.startsWith("retention-d"));
    const lastTest = retentionTests.at(-1);
    const lastDay = lastTest ? Number(lastTest.metric.slice("retention-d".length)) : null;
    const lastMembers = lastTest ? lastTest.nControl + lastTest.nTreatment : null;
    const arm = report.arms[0];
    const curve = report.survival.curves[0];
    const truth =
      arm.members > 0 ? (arm.churn.natural + arm.churn.overMessaging) / arm.members : null;
    const lapsed = arm.members > 0 ? arm.proxies.lapsed / arm.members : null;
    return html`<details open>
      <summary>How to read this</summary>
      <ul>
        <li>
          <b>Why p is adjusted.</b> The table runs ${n} tests. Each one alone is wrong ${pct(alpha, 0)}
          of the time when there is no effect, so reading all ${n} raw would give at least one false
          "significant" up to ${pct(anyFalse, 0)} of the time (if the tests were independent).
          ${
            report.adjust === "none"
              ? html`This run shows raw p: pick Holm above to keep the whole table at α.`
              : html`${ADJUST_LABELS[report.adjust]}'s adjustment raises each p so that the table as
                a whole keeps its promise. Switch the adjustment to "none" and watch more "significant" verdicts appear.`
          }
        </li>
        <li>
          <b>"Significant" means "unlikely to be chance"; "better" or "worse" is the direction.</b>
          The verdict says both for the arm: a significant drop in conversion or a significant rise
          in opt-outs reads "worse, significant". The baseline is the first arm, whatever its
          strategy; read the difference and its interval for the size.
        </li>
        <li>
          <b>The last days rest on few members.</b> Members join over the acquisition window, so
          only the earliest joiners are watched for all ${report.days} days. The tests stop at
          ${
            lastDay === null
              ? html`no retention day: this horizon is too short for half of the members`
              : html`day ${lastDay}, the last day at which every member is watched
                  (${fmt(lastMembers)} members in the tested arms, of ${fmt(report.members)} in
                  the run)`
          }; later days are not tested. The Kaplan–Meier curve counts every member for as long
          as they were watched, but its last steps rest on the
          ${fmt(curve?.atRisk[report.days])} members of ${arm.strategy} still at risk on day
          ${report.days}.
        </li>
        <li>
          <b>The simulator knows the truth.</b> In the per-arm table, "churn: natural" and "churn:
          over-messaging" are true churn, which no real team sees; "proxy: lapsed
          ${arm.proxies.lapsedDays} days" is what a team would measure. In ${arm.strategy},
          ${pct(truth)} truly churned while ${pct(lapsed)} look lapsed:
          ${fmt(arm.proxies.lapsedButAlive)} of the lapsed are still members, and
          ${fmt(arm.proxies.churnedNotLapsed)} who left do not look lapsed yet.
        </li>
        <li>
          <b>Check the sample ratio first.</b> If the banner is red, the arms did not get the
          split they were meant to, and no test here can be trusted.
        </li>
      </ul>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-ab-guide": RlAbGuide;
  }
}
