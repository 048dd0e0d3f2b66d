import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { fmt, pct, type Report } from "../../sim/index.ts";
import { ADJUST_LABELS } from "../ab-format.ts";
import { LangController, lang } from "../i18n.ts";

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

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

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
    if (lang() === "zh") {
      return html`<details open>
        <summary>如何解读</summary>
        <ul>
          <li>
            <b>为什么要校正 p 值。</b>表中共有 ${n} 项检验。没有真实效应时，每一项单独看都有
            ${pct(alpha, 0)} 的概率误判，所以把 ${n} 项原始 p 值都读一遍，至少出现一个假“显著”的概率最高可达
            ${pct(anyFalse, 0)}（假设各检验相互独立）。
            ${
              report.adjust === "none"
                ? html`本次显示的是原始 p：在上方选择 Holm，可让整张表保持在 α 之内。`
                : html`${ADJUST_LABELS[report.adjust]} 校正会调高每个 p 值，让整张表作为一个整体守住承诺。把校正改为“不校正”，看看会多出多少“显著”。`
            }
          </li>
          <li>
            <b>“显著”意思是“不太可能是偶然”；“更好”或“更差”是方向。</b>结论对本组两者都说：转化显著下降或退订显著上升，都读作“更差，显著”。基线是第一组，不论它是什么打法；效应大小请看差异及其区间。
          </li>
          <li>
            <b>最后几天只基于很少的会员。</b>会员在拉新期内陆续入会，所以只有最早入会的会员被观察满
            ${report.days} 天。检验止于${
              lastDay === null
                ? html`（无留存检验日：观察期太短，不足一半会员能被观察到）`
                : html`第 ${lastDay} 天，即每位会员都能被观察到的最后一天（受检各组共
                    ${fmt(lastMembers)} 名会员，本次运行共 ${fmt(report.members)} 名）`
            }；之后的天数不做检验。Kaplan–Meier 曲线把每位会员计入到其被观察的最后一天，但曲线末端只基于
            ${arm.strategy} 在第 ${report.days} 天仍处于风险集中的 ${fmt(curve?.atRisk[report.days])} 名会员。
          </li>
          <li>
            <b>模拟器知道真相。</b>各组明细表中，“流失：自然流失”和“流失：过度营销”是真实流失，真实团队看不到；“代理指标：${arm.proxies.lapsedDays}
            天无活动”才是团队能量到的。在 ${arm.strategy} 中，${pct(truth)} 真正流失，而 ${pct(lapsed)}
            看起来无活动：无活动的会员中有 ${fmt(arm.proxies.lapsedButAlive)} 名其实还在，另有
            ${fmt(arm.proxies.churnedNotLapsed)} 名已经离开但看起来还没有沉睡。
          </li>
          <li>
            <b>先检查样本比例。</b>如果横幅是红色，说明各组没有按预定比例分流，这里的任何检验都不可信。
          </li>
        </ul>
      </details>`;
    }
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
