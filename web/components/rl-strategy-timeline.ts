import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Strategy } from "../../sim/index.ts";
import { LangController, t } from "../i18n.ts";
import { kindName, localName } from "../terms.ts";
import { CHANNEL_LABELS, deriveTimeline, type TimelineEntry } from "../timeline.ts";

/** Exit goals in Chinese. */
const GOAL_ZH: Readonly<Record<string, string>> = {
  purchased: "购买",
  wecomFriend: "加企微好友",
  opened: "打开消息",
};
const goalName = (goal: string) => GOAL_ZH[goal] ?? goal;

/**
 * What a typical member receives from each arm, day by day and hour by hour, read off the
 * playbooks (web/timeline.ts) without running anything: the T+ line, the run's calendar, and
 * the rules that wait for an event.
 */
@customElement("rl-strategy-timeline")
export class RlStrategyTimeline extends LitElement {
  static override styles = css`
    :host { display: block; }
    details > summary { font-weight: 600; font-size: 1.05rem; cursor: pointer; }
    summary:focus-visible { outline: 2px solid #2f55b5; outline-offset: 2px; }
    .arms { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem;
      align-items: start;
      margin-top: 0.6rem; }
    article { border: 1px solid #e4e6ea; border-radius: 6px; padding: 0.7rem 0.9rem; min-width: 0; }
    h3 { margin: 0; font-size: 0.95rem; }
    h3 small { font-weight: 400; color: #5f6670; }
    h4 { margin: 0.7rem 0 0.2rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em;
      color: #5f6670; }
    .notes { margin: 0.2rem 0 0; color: #5f6670; font-size: 0.82rem; }
    ol { list-style: none; margin: 0; padding: 0; }
    li.day { display: grid; grid-template-columns: 4.2rem 1fr; gap: 0.5rem; padding: 0.25rem 0;
      border-top: 1px solid #f0f1f3; }
    li.event { grid-template-columns: 1fr; gap: 0.1rem; }
    .when { font-weight: 600; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
    .send { font-size: 0.85rem; line-height: 1.4; margin-bottom: 0.15rem; }
    .time { font-variant-numeric: tabular-nums; color: #1f2329; }
    .channel { display: inline-block; padding: 0 0.35rem; border-radius: 3px; font-size: 0.78rem;
      background: #eef1f7; border: 1px solid #d7dce6; }
    .offer { color: #7a4b00; }
    .cond { color: #5f6670; }
    .retouch { color: #5f6670; }
    .empty { color: #5f6670; font-size: 0.85rem; margin: 0.3rem 0 0; }
  `;

  /** The arms, in run order. */
  @property({ attribute: false }) strategies: Strategy[] = [];

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  private send(e: TimelineEntry) {
    const what = e.kind
      ? html`<span class="channel">${e.channel ? CHANNEL_LABELS[e.channel] : ""}</span> ${kindName(e.kind)}`
      : html`<span class="channel">${t("no message", "不发消息")}</span>`;
    const conditions = [
      e.audience ? t(`if ${e.audience}`, `条件：${e.audience}`) : "",
      e.until.length > 0
        ? t(`until ${e.until.join(", ")}`, `直到 ${e.until.map(goalName).join("、")}`)
        : "",
      e.more ?? "",
    ].filter(Boolean);
    return html`<div class="send" data-rule=${e.rule} title=${e.rule}>
      <span class="time">${e.time}</span> ${what}
      ${e.retouch > 0 ? html`<span class="retouch">${t(`(re-touch ${e.retouch})`, `（第 ${e.retouch} 次再触达）`)}</span>` : nothing}
      ${e.offers.length > 0 ? html` · <span class="offer">${e.offers.join(", ")}</span>` : nothing}
      ${conditions.length > 0 ? html` · <span class="cond">${conditions.join(" · ")}</span>` : nothing}
    </div>`;
  }

  private arm(strategy: Strategy) {
    const line = deriveTimeline(strategy);
    const byDay = (label: (day: number) => string, groups: typeof line.days) => html`<ol>
      ${groups.map(
        (g) => html`<li class="day" data-day=${g.day}>
          <span class="when">${label(g.day)}</span>
          <div>${g.entries.map((e) => this.send(e))}</div>
        </li>`,
      )}
    </ol>`;
    const nothingSent = line.days.length + line.calendar.length + line.events.length === 0;
    const name = localName(strategy);
    return html`<article data-arm=${strategy.id} aria-label=${t(`Timeline of ${name}`, `${name}的时间线`)}>
      <h3>${name} <small>${strategy.id}</small></h3>
      ${line.notes.length > 0 ? html`<p class="notes">${line.notes.join(" · ")}</p>` : nothing}
      ${nothingSent ? html`<p class="empty">${t("Sends nothing.", "不发送任何消息。")}</p>` : nothing}
      ${
        line.days.length > 0
          ? html`<h4>${t("Days since joining", "入会后天数")}</h4>${byDay((d) => `T+${d}`, line.days)}`
          : nothing
      }
      ${
        line.calendar.length > 0
          ? html`<h4>${t("Days of the run", "运行日历")}</h4>${byDay((d) => t(`day ${d}`, `第 ${d} 天`), line.calendar)}`
          : nothing
      }
      ${
        line.events.length > 0
          ? html`<h4>${t("On events", "事件触发")}</h4>
              <ol>
                ${line.events.map(
                  (g) => html`<li class="day event" data-on=${g.on}>
                    <span class="when">${g.on.replace(/^on /, "")}</span>
                    <div>${g.entries.map((e) => this.send(e))}</div>
                  </li>`,
                )}
              </ol>`
          : nothing
      }
    </article>`;
  }

  override render() {
    return html`<details open>
      <summary>${t("What each arm sends", "各组发送的内容")}</summary>
      <div class="arms">${this.strategies.map((s) => this.arm(s))}</div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-strategy-timeline": RlStrategyTimeline;
  }
}
