import type { Audience, Channel, Rule, Strategy } from "../sim/index.ts";

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

export const CHANNEL_LABELS: Record<Channel, string> = {
  officialAccount: "Official account",
  wecom: "WeCom",
  sms: "SMS",
  community: "Community",
  miniProgram: "Mini program",
};

/** Re-touches listed one by one per rule; the rest are summed up. */
export const MAX_RETOUCHES = 8;

const clock = (hours: number) => {
  const minutes = Math.round((((hours % 24) + 24) % 24) * 60);
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
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
    let t: number;
    let time: string;
    if (typeof rule.hour === "number") {
      t = Math.floor(start) * 24 + rule.hour + after;
      time = clock(t);
    } else if (rule.hour === "now") {
      t = start * 24 + after;
      const h = t % 24;
      const origin = afterJoin ? "join time" : "00:00";
      time = afterJoin ? (h === 0 ? origin : `${origin} + ${trim(h)} h`) : clock(h);
    } else {
      t = Math.floor(start) * 24 + after;
      time = k === 0 ? "active hours" : `first send + ${trim(after)} h`;
    }
    out.push(base(rule, Math.floor(t / 24), time, k));
  }
  if (times > listed) {
    const last = out[out.length - 1];
    last.more = `${plural(times - listed, "more re-touch", "more re-touches")}, every ${trim(every)} h`;
  }
  return out;
}

function eventTime(rule: Rule): string {
  const delay =
    rule.delayDays > 0 ? `${trim(rule.delayDays)} d after` : rule.hour === "now" ? "at once" : "";
  const hour =
    typeof rule.hour === "number"
      ? `at ${clock(rule.hour)}`
      : rule.hour === "active"
        ? "in active hours"
        : "";
  return [delay, hour].filter(Boolean).join(", ") || "at once";
}

function repeatWords(rule: Rule): string | null {
  if (!rule.repeat) return null;
  const { everyHours, times } = rule.repeat;
  const every = everyHours % 24 === 0 ? `${trim(everyHours / 24)} d` : `${trim(everyHours)} h`;
  return `then every ${every}, ${plural(times, "time")}`;
}

function eventLabel(rule: Rule): string {
  switch (rule.on) {
    case "inactive":
      return `on inactive (${rule.inactiveDays} d without a purchase or an open)`;
    case "stageChanged":
      return rule.stage ? `on entering ${rule.stage}` : "on any stage change";
    case "couponExpiring":
    case "courseExpiring":
    case "membershipExpiring":
      return `on ${rule.on} (${trim(rule.daysBefore)} d before)`;
    default:
      return `on ${rule.on}`;
  }
}

function offers(rule: Rule): string[] {
  const out: string[] = [];
  if (rule.coupon) {
    const min = rule.coupon.minSpend > 0 ? `, orders from ¥${rule.coupon.minSpend}` : "";
    out.push(`¥${rule.coupon.value} coupon (${rule.coupon.validDays} d${min})`);
  }
  if (rule.discount)
    out.push(`${trim(rule.discount.percent * 100)} % off for ${trim(rule.discount.days)} d`);
  if (rule.giftCost > 0) out.push(`gift (¥${rule.giftCost})`);
  if (rule.inviteToGroup) out.push("group invitation");
  if (rule.addWecomFriend) out.push("add on WeCom");
  if (rule.followAccount) out.push("follow the account");
  if (rule.upgradeTier) out.push("tier upgrade");
  if (rule.kocTask) out.push("KOC task");
  if (rule.pointsTask) out.push(`points task: ${rule.pointsTask}`);
  if (rule.redeemPoints) out.push("redeem points");
  if (rule.offerPaidVip) out.push("paid VIP offer");
  if (rule.addTag) out.push(`tag +${rule.addTag}`);
  if (rule.removeTag) out.push(`tag −${rule.removeTag}`);
  return out;
}

/** An audience in words: `not bought and not on WeCom`. */
export function audienceWords(audience: Audience, nested = false): string {
  const group = (text: string) => (nested ? `(${text})` : text);
  if ("and" in audience)
    return group(audience.and.map((a) => audienceWords(a, true)).join(" and "));
  if ("or" in audience) return group(audience.or.map((a) => audienceWords(a, true)).join(" or "));
  if ("not" in audience) {
    const inner = audience.not;
    if ("purchased" in inner) return inner.purchased ? "not bought" : "bought";
    if ("subscribed" in inner) return `not on ${CHANNEL_LABELS[inner.subscribed]}`;
    return `not ${audienceWords(inner, true)}`;
  }
  if ("purchased" in audience) return audience.purchased ? "bought" : "not bought";
  if ("subscribed" in audience) return `on ${CHANNEL_LABELS[audience.subscribed]}`;
  if ("stage" in audience) return `stage ${audience.stage.join("/")}`;
  if ("depth" in audience) return `depth ${audience.depth.join("/")}`;
  if ("tag" in audience) return `tagged ${audience.tag}`;
  if ("rfmLayer" in audience) return `layer ${audience.rfmLayer.join("/")}`;
  if ("acquiredVia" in audience) return `via ${audience.acquiredVia.join("/")}`;
  if ("purchasesAtLeast" in audience) return `≥ ${audience.purchasesAtLeast} purchases`;
  if ("openedWithinDays" in audience) return `opened within ${audience.openedWithinDays} d`;
  if ("lastMessageOpened" in audience)
    return audience.lastMessageOpened ? "opened the last message" : "ignored the last message";
  if ("paidVip" in audience) return audience.paidVip ? "paid VIP" : "not paid VIP";
  if ("pointsAtLeast" in audience) return `≥ ${audience.pointsAtLeast} points`;
  const [key, value] = Object.entries(audience)[0] ?? ["?", ""];
  const range = Object.entries(value as Record<string, number>)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return `${key} ${range}`;
}

function notes(strategy: Strategy): string[] {
  const out: string[] = [];
  const { perDay, perWeek } = strategy.frequencyCap;
  const caps = [perDay > 0 ? `${perDay} a day` : "", perWeek > 0 ? `${perWeek} a week` : ""];
  if (perDay > 0 || perWeek > 0) out.push(`at most ${caps.filter(Boolean).join(", ")}`);
  else if (strategy.rules.some((r) => r.message)) out.push("no frequency cap");
  if (strategy.quietHours)
    out.push(`quiet ${clock(strategy.quietHours.start)}–${clock(strategy.quietHours.end)}`);
  for (const [channel, cap] of Object.entries(strategy.channelCaps)) {
    if (!cap) continue;
    const parts = [
      cap.perDay > 0 ? `${cap.perDay} a day` : "",
      cap.perWeek > 0 ? `${cap.perWeek} a week` : "",
      cap.perMonth > 0 ? `${cap.perMonth} a month` : "",
    ].filter(Boolean);
    if (parts.length > 0)
      out.push(`${CHANNEL_LABELS[channel as Channel]} at most ${parts.join(", ")}`);
  }
  if (strategy.rfmLayers.length > 0)
    out.push(`RFM layers: ${strategy.rfmLayers.map((l) => l.name).join(", ")}`);
  return out;
}
