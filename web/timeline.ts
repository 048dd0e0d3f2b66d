import type { Audience, Channel, Rule, Strategy } from "../sim/index.ts";
import { t } from "./i18n.ts";
import { channelName, depthName, stageName } from "./terms.ts";

/**
 * What a typical member receives from a playbook, read off the validated rules without running
 * the engine: the T+ line (`joined` rules by day since joining and hour, re-touches expanded),
 * the run's calendar (`campaignDay` rules), and the rules that wait for an event ("on purchased").
 * Audiences, exit goals, caps and quiet hours are shown as conditions: whether a given member
 * gets a send depends on them, and only a run says how often.
 */
export type TimelineEntry = {
  rule: string;
  /** Days since joining (T+ line) or the run's calendar day (campaigns); null for events. */
  day: number | null;
  /** "10:00", "join time + 6 h", "active hours", "first send + 8 h", … */
  time: string;
  channel: Channel | null;
  kind: string | null;
  offers: string[];
  /** Who gets it, in words; null: everyone. */
  audience: string | null;
  /** 0 for the first send, k for the k-th re-touch. */
  retouch: number;
  /** Goals that stop the re-touches. */
  until: string[];
  /** Re-touches not listed one by one. */
  more: string | null;
};

export type EventGroup = { on: string; entries: TimelineEntry[] };

export type Timeline = {
  /** Sends by day since joining, in time order. */
  days: { day: number; entries: TimelineEntry[] }[];
  /** Sends on calendar days of the run. */
  calendar: { day: number; entries: TimelineEntry[] }[];
  events: EventGroup[];
  /** Caps and quiet hours, in words. */
  notes: string[];
};

/** The channels' names, in the language shown when read (公众号, 企微, 短信, 社群, 小程序). */
export const CHANNEL_LABELS: Record<Channel, string> = {
  get officialAccount() {
    return channelName("officialAccount");
  },
  get wecom() {
    return channelName("wecom");
  },
  get sms() {
    return channelName("sms");
  },
  get community() {
    return channelName("community");
  },
  get miniProgram() {
    return channelName("miniProgram");
  },
};

/** Re-touches listed one by one per rule; the rest are summed up. */
export const MAX_RETOUCHES = 8;

const clock = (hours: number) => {
  const minutes = Math.round((((hours % 24) + 24) % 24) * 60);
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const stages = (ids: readonly string[]) => ids.map(stageName).join("/");
const trim = (n: number) => String(Math.round(n * 100) / 100);

export function deriveTimeline(strategy: Strategy): Timeline {
  const days = new Map<number, TimelineEntry[]>();
  const calendar = new Map<number, TimelineEntry[]>();
  const events = new Map<string, TimelineEntry[]>();
  const put = (map: Map<number, TimelineEntry[]>, entry: TimelineEntry) => {
    const day = entry.day ?? 0;
    map.set(day, [...(map.get(day) ?? []), entry]);
  };
  for (const rule of strategy.rules) {
    if (rule.on === "joined") for (const e of sends(rule, rule.delayDays, true)) put(days, e);
    else if (rule.on === "campaignDay")
      for (const e of sends(rule, rule.day + rule.delayDays, false)) put(calendar, e);
    else {
      const on = eventLabel(rule);
      const entry = { ...base(rule, null, eventTime(rule), 0), more: repeatWords(rule) };
      events.set(on, [...(events.get(on) ?? []), entry]);
    }
  }
  const sorted = (map: Map<number, TimelineEntry[]>) =>
    [...map.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, entries]) => ({ day, entries: entries.sort(byTime) }));
  return {
    days: sorted(days),
    calendar: sorted(calendar),
    events: [...events.entries()].map(([on, entries]) => ({ on, entries })),
    notes: notes(strategy),
  };
}

/** Sort key within a day: fixed hours by the clock, relative times after them. */
function byTime(a: TimelineEntry, b: TimelineEntry) {
  const key = (e: TimelineEntry) => (/^\d\d:\d\d$/.test(e.time) ? e.time : `~${e.time}`);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.retouch - b.retouch;
}

function base(rule: Rule, day: number | null, time: string, retouch: number): TimelineEntry {
  return {
    rule: rule.name,
    day,
    time,
    channel: rule.message?.channel ?? null,
    kind: rule.message?.kind ?? null,
    offers: offers(rule),
    audience: rule.audience ? audienceWords(rule.audience) : null,
    retouch,
    until: rule.exitOn,
    more: null,
  };
}

/**
 * The first send and the listed re-touches of a rule that fires at `start` days (after joining,
 * or on the run's calendar). A fixed hour falls on the start's calendar day; "now" counts from
 * the trigger (the join's or midnight's clock); "active" from the member's active hours.
 */
function sends(rule: Rule, start: number, afterJoin: boolean): TimelineEntry[] {
  const times = rule.repeat?.times ?? 0;
  const every = rule.repeat?.everyHours ?? 0;
  const listed = Math.min(times, MAX_RETOUCHES);
  const out: TimelineEntry[] = [];
  for (let k = 0; k <= listed; k++) {
    const after = k * every;
    let at: number;
    let time: string;
    if (typeof rule.hour === "number") {
      at = Math.floor(start) * 24 + rule.hour + after;
      time = clock(at);
    } else if (rule.hour === "now") {
      at = start * 24 + after;
      const h = at % 24;
      const origin = afterJoin ? t("join time", "入会时刻") : "00:00";
      time = afterJoin
        ? h === 0
          ? origin
          : t(`${origin} + ${trim(h)} h`, `${origin} + ${trim(h)} 小时`)
        : clock(h);
    } else {
      at = Math.floor(start) * 24 + after;
      time =
        k === 0
          ? t("active hours", "活跃时段")
          : t(`first send + ${trim(after)} h`, `首次发送 + ${trim(after)} 小时`);
    }
    out.push(base(rule, Math.floor(at / 24), time, k));
  }
  if (times > listed) {
    const last = out[out.length - 1];
    last.more = t(
      `${plural(times - listed, "more re-touch", "more re-touches")}, every ${trim(every)} h`,
      `另有 ${times - listed} 次再触达，每 ${trim(every)} 小时一次`,
    );
  }
  return out;
}

function eventTime(rule: Rule): string {
  const delay =
    rule.delayDays > 0
      ? t(`${trim(rule.delayDays)} d after`, `${trim(rule.delayDays)} 天后`)
      : rule.hour === "now"
        ? t("at once", "立即")
        : "";
  const hour =
    typeof rule.hour === "number"
      ? t(`at ${clock(rule.hour)}`, `${clock(rule.hour)}`)
      : rule.hour === "active"
        ? t("in active hours", "在活跃时段")
        : "";
  return [delay, hour].filter(Boolean).join(t(", ", "，")) || t("at once", "立即");
}

function repeatWords(rule: Rule): string | null {
  if (!rule.repeat) return null;
  const { everyHours, times } = rule.repeat;
  const every =
    everyHours % 24 === 0
      ? t(`${trim(everyHours / 24)} d`, `${trim(everyHours / 24)} 天`)
      : t(`${trim(everyHours)} h`, `${trim(everyHours)} 小时`);
  return t(`then every ${every}, ${plural(times, "time")}`, `之后每 ${every} 一次，共 ${times} 次`);
}

function eventLabel(rule: Rule): string {
  switch (rule.on) {
    case "inactive":
      return t(
        `on inactive (${rule.inactiveDays} d without a purchase or an open)`,
        `on 不活跃（${rule.inactiveDays} 天未购买也未打开消息）`,
      );
    case "stageChanged":
      return rule.stage
        ? t(`on entering ${rule.stage}`, `on 进入${stageName(rule.stage)}`)
        : t("on any stage change", "on 任一阶段变化");
    case "couponExpiring":
    case "courseExpiring":
    case "membershipExpiring":
      return t(
        `on ${rule.on} (${trim(rule.daysBefore)} d before)`,
        `on ${triggerName(rule.on)}（提前 ${trim(rule.daysBefore)} 天）`,
      );
    default:
      return t(`on ${rule.on}`, `on ${triggerName(rule.on)}`);
  }
}

/** Triggers in Chinese, for the event headings ("on" stays: it is the playbook's keyword). */
const TRIGGER_ZH: Readonly<Record<string, string>> = {
  purchased: "购买",
  firstPurchase: "首购",
  couponExpiring: "优惠券到期",
  courseExpiring: "课程到期",
  renewalDue: "续费到期",
  tierChanged: "等级变化",
  membershipExpiring: "付费会员到期",
  joined: "入会",
  campaignDay: "活动日",
};
const triggerName = (on: string) => TRIGGER_ZH[on] ?? on;

function offers(rule: Rule): string[] {
  const out: string[] = [];
  if (rule.coupon) {
    const { value, validDays, minSpend } = rule.coupon;
    out.push(
      t(
        `¥${value} coupon (${validDays} d${minSpend > 0 ? `, orders from ¥${minSpend}` : ""})`,
        `¥${value} 优惠券（${validDays} 天${minSpend > 0 ? `，满 ¥${minSpend} 可用` : ""}）`,
      ),
    );
  }
  if (rule.discount) {
    const off = trim(rule.discount.percent * 100);
    const days = trim(rule.discount.days);
    out.push(t(`${off} % off for ${days} d`, `减 ${off} %，${days} 天`));
  }
  if (rule.giftCost > 0) out.push(t(`gift (¥${rule.giftCost})`, `赠品（¥${rule.giftCost}）`));
  if (rule.inviteToGroup) out.push(t("group invitation", "邀请入社群"));
  if (rule.addWecomFriend) out.push(t("add on WeCom", "加企微好友"));
  if (rule.followAccount) out.push(t("follow the account", "关注公众号"));
  if (rule.upgradeTier) out.push(t("tier upgrade", "会员升级"));
  if (rule.kocTask) out.push(t("KOC task", "KOC 任务"));
  if (rule.pointsTask)
    out.push(t(`points task: ${rule.pointsTask}`, `积分任务：${rule.pointsTask}`));
  if (rule.redeemPoints) out.push(t("redeem points", "积分兑换"));
  if (rule.offerPaidVip) out.push(t("paid VIP offer", "付费会员邀约"));
  if (rule.addTag) out.push(`tag +${rule.addTag}`);
  if (rule.removeTag) out.push(`tag −${rule.removeTag}`);
  return out;
}

/** An audience in words: `not bought and not on WeCom`. */
export function audienceWords(audience: Audience, nested = false): string {
  const group = (text: string) => (nested ? `(${text})` : text);
  if ("and" in audience)
    return group(audience.and.map((a) => audienceWords(a, true)).join(t(" and ", " 且 ")));
  if ("or" in audience)
    return group(audience.or.map((a) => audienceWords(a, true)).join(t(" or ", " 或 ")));
  const bought = () => t("bought", "已购买");
  const notBought = () => t("not bought", "未购买");
  if ("not" in audience) {
    const inner = audience.not;
    if ("purchased" in inner) return inner.purchased ? notBought() : bought();
    if ("subscribed" in inner)
      return t(
        `not on ${CHANNEL_LABELS[inner.subscribed]}`,
        `不在${CHANNEL_LABELS[inner.subscribed]}`,
      );
    return t(`not ${audienceWords(inner, true)}`, `非 ${audienceWords(inner, true)}`);
  }
  if ("purchased" in audience) return audience.purchased ? bought() : notBought();
  if ("subscribed" in audience)
    return t(
      `on ${CHANNEL_LABELS[audience.subscribed]}`,
      `在${CHANNEL_LABELS[audience.subscribed]}`,
    );
  if ("stage" in audience)
    return t(`stage ${audience.stage.join("/")}`, `阶段 ${stages(audience.stage)}`);
  if ("depth" in audience)
    return t(
      `depth ${audience.depth.join("/")}`,
      `深度 ${audience.depth.map(depthName).join("/")}`,
    );
  if ("tag" in audience) return t(`tagged ${audience.tag}`, `标签 ${audience.tag}`);
  if ("rfmLayer" in audience)
    return t(`layer ${audience.rfmLayer.join("/")}`, `分层 ${audience.rfmLayer.join("/")}`);
  if ("acquiredVia" in audience)
    return t(`via ${audience.acquiredVia.join("/")}`, `来源 ${audience.acquiredVia.join("/")}`);
  if ("purchasesAtLeast" in audience)
    return t(`≥ ${audience.purchasesAtLeast} purchases`, `购买 ≥ ${audience.purchasesAtLeast} 次`);
  if ("openedWithinDays" in audience)
    return t(
      `opened within ${audience.openedWithinDays} d`,
      `${audience.openedWithinDays} 天内打开过消息`,
    );
  if ("lastMessageOpened" in audience)
    return audience.lastMessageOpened
      ? t("opened the last message", "打开了上一条消息")
      : t("ignored the last message", "忽略了上一条消息");
  if ("paidVip" in audience)
    return audience.paidVip ? t("paid VIP", "付费会员") : t("not paid VIP", "非付费会员");
  if ("pointsAtLeast" in audience)
    return t(`≥ ${audience.pointsAtLeast} points`, `积分 ≥ ${audience.pointsAtLeast}`);
  const [key, value] = Object.entries(audience)[0] ?? ["?", ""];
  const range = Object.entries(value as Record<string, number>)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return `${key} ${range}`;
}

function notes(strategy: Strategy): string[] {
  const out: string[] = [];
  const { perDay, perWeek } = strategy.frequencyCap;
  const a = (n: number, en: string, zh: string) =>
    n > 0 ? t(`${n} a ${en}`, `每${zh} ${n} 条`) : "";
  const caps = [a(perDay, "day", "天"), a(perWeek, "week", "周")];
  if (perDay > 0 || perWeek > 0)
    out.push(
      t(`at most ${caps.filter(Boolean).join(", ")}`, `最多${caps.filter(Boolean).join("，")}`),
    );
  else if (strategy.rules.some((r) => r.message)) out.push(t("no frequency cap", "无频次上限"));
  if (strategy.quietHours) {
    const span = `${clock(strategy.quietHours.start)}–${clock(strategy.quietHours.end)}`;
    out.push(t(`quiet ${span}`, `免打扰 ${span}`));
  }
  for (const [channel, cap] of Object.entries(strategy.channelCaps)) {
    if (!cap) continue;
    const parts = [
      a(cap.perDay, "day", "天"),
      a(cap.perWeek, "week", "周"),
      a(cap.perMonth, "month", "月"),
    ].filter(Boolean);
    const name = CHANNEL_LABELS[channel as Channel];
    if (parts.length > 0)
      out.push(t(`${name} at most ${parts.join(", ")}`, `${name}最多${parts.join("，")}`));
  }
  if (strategy.rfmLayers.length > 0) {
    const layers = strategy.rfmLayers.map((l) => l.name);
    out.push(t(`RFM layers: ${layers.join(", ")}`, `RFM 分层：${layers.join("，")}`));
  }
  return out;
}
