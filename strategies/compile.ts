import { type Audience, MEMBER_TAGS, type Strategy } from "./types.ts";
import {
  ACQUISITION_CHANNELS,
  CHANNELS,
  DEPTHS,
  EXIT_GOALS,
  MESSAGE_KINDS,
  STAGES,
  TRIGGERS,
} from "./vocabulary.ts";

/** What the engine tells an audience test about a member at the moment a rule fires. */
export type MemberView = {
  stage: number;
  depth: number;
  purchases: number;
  /** Bit per CHANNELS index: subscribed and not opted out. */
  reachable: number;
  /** Bit per MEMBER_TAGS index. */
  tags: number;
  acquisition: number;
  daysSinceJoin: number;
  recencyDays: number;
  monetary: number;
};

export type AudienceTest = (member: MemberView) => boolean;

/** Hour-of-day modes of a send. */
export const HOUR_NOW = 0;
export const HOUR_FIXED = 1;
export const HOUR_ACTIVE = 2;

/** A rule as the hot loop reads it: numbers and one closure, no JSON, no strings. */
export type CompiledRule = {
  index: number;
  trigger: number;
  delayHours: number;
  hourMode: number;
  hour: number;
  daysBefore: number;
  inactiveDays: number;
  /** stageChanged: stage index entered, -1 for any. */
  stage: number;
  audience: AudienceTest | null;
  /** Message kind index, -1 when the rule sends nothing. */
  messageKind: number;
  channel: number;
  couponValue: number;
  couponDays: number;
  discountPercent: number;
  discountDays: number;
  giftCost: number;
  inviteToGroup: boolean;
  addWecomFriend: boolean;
  upgradeTier: boolean;
  kocTask: boolean;
  repeatEveryHours: number;
  /** Sends after the first; 0 without repeats. */
  repeatTimes: number;
  /** Bit per EXIT_GOALS index. */
  exitMask: number;
  maxPerMember: number;
};

export type Plan = {
  id: string;
  name: string;
  rules: CompiledRule[];
  /** For reports only; the engine never reads them. */
  ruleNames: string[];
  /** Rules by trigger index, so an event looks only at the rules it can start. */
  byTrigger: CompiledRule[][];
  capPerDay: number;
  capPerWeek: number;
  /** -1 when the playbook has no quiet hours. */
  quietStart: number;
  quietEnd: number;
};

export const EXIT_PURCHASED = 1 << EXIT_GOALS.indexOf("purchased");
export const EXIT_WECOM = 1 << EXIT_GOALS.indexOf("wecomFriend");
export const EXIT_OPENED = 1 << EXIT_GOALS.indexOf("opened");

/** Turns a validated playbook into the plan the engine runs. */
export function compileStrategy(strategy: Strategy): Plan {
  const rules = strategy.rules.map((rule, index): CompiledRule => {
    const hourMode =
      rule.hour === "now" ? HOUR_NOW : rule.hour === "active" ? HOUR_ACTIVE : HOUR_FIXED;
    return {
      index,
      trigger: TRIGGERS.indexOf(rule.on),
      delayHours: rule.delayDays * 24,
      hourMode,
      hour: typeof rule.hour === "number" ? rule.hour : 0,
      daysBefore: rule.daysBefore,
      inactiveDays: rule.inactiveDays,
      stage: rule.stage ? STAGES.indexOf(rule.stage) : -1,
      audience: rule.audience ? compileAudience(rule.audience) : null,
      messageKind: rule.message ? MESSAGE_KINDS.indexOf(rule.message.kind) : -1,
      channel: rule.message ? CHANNELS.indexOf(rule.message.channel) : -1,
      couponValue: rule.coupon?.value ?? 0,
      couponDays: rule.coupon?.validDays ?? 0,
      discountPercent: rule.discount?.percent ?? 0,
      discountDays: rule.discount?.days ?? 0,
      giftCost: rule.giftCost,
      inviteToGroup: rule.inviteToGroup,
      addWecomFriend: rule.addWecomFriend,
      upgradeTier: rule.upgradeTier,
      kocTask: rule.kocTask,
      repeatEveryHours: rule.repeat?.everyHours ?? 0,
      repeatTimes: rule.repeat?.times ?? 0,
      exitMask: rule.exitOn.reduce((mask, goal) => mask | (1 << EXIT_GOALS.indexOf(goal)), 0),
      maxPerMember: rule.maxPerMember,
    };
  });
  return {
    id: strategy.id,
    name: strategy.name,
    rules,
    ruleNames: strategy.rules.map((rule) => rule.name),
    byTrigger: TRIGGERS.map((_, t) => rules.filter((rule) => rule.trigger === t)),
    capPerDay: strategy.frequencyCap.perDay,
    capPerWeek: strategy.frequencyCap.perWeek,
    quietStart: strategy.quietHours?.start ?? -1,
    quietEnd: strategy.quietHours?.end ?? -1,
  };
}

/** Builds the audience predicate once, as closures over indexes and bit masks. */
export function compileAudience(audience: Audience): AudienceTest {
  if ("and" in audience) {
    const parts = audience.and.map(compileAudience);
    return (m) => parts.every((test) => test(m));
  }
  if ("or" in audience) {
    const parts = audience.or.map(compileAudience);
    return (m) => parts.some((test) => test(m));
  }
  if ("not" in audience) {
    const inner = compileAudience(audience.not);
    return (m) => !inner(m);
  }
  if ("stage" in audience) {
    const mask = bits(audience.stage.map((s) => STAGES.indexOf(s)));
    return (m) => ((mask >>> m.stage) & 1) === 1;
  }
  if ("depth" in audience) {
    const mask = bits(audience.depth.map((d) => DEPTHS.indexOf(d)));
    return (m) => ((mask >>> m.depth) & 1) === 1;
  }
  if ("purchased" in audience) {
    const want = audience.purchased;
    return (m) => m.purchases > 0 === want;
  }
  if ("purchasesAtLeast" in audience) {
    const n = audience.purchasesAtLeast;
    return (m) => m.purchases >= n;
  }
  if ("subscribed" in audience) {
    const bit = 1 << CHANNELS.indexOf(audience.subscribed);
    return (m) => (m.reachable & bit) !== 0;
  }
  if ("tag" in audience) {
    const bit = 1 << MEMBER_TAGS.indexOf(audience.tag);
    return (m) => (m.tags & bit) !== 0;
  }
  if ("acquiredVia" in audience) {
    const mask = bits(audience.acquiredVia.map((a) => ACQUISITION_CHANNELS.indexOf(a)));
    return (m) => ((mask >>> m.acquisition) & 1) === 1;
  }
  if ("daysSinceJoin" in audience) {
    const lo = audience.daysSinceJoin.atLeast ?? 0;
    const hi = audience.daysSinceJoin.atMost ?? Number.POSITIVE_INFINITY;
    return (m) => m.daysSinceJoin >= lo && m.daysSinceJoin <= hi;
  }
  const { recencyDaysAtMost = Infinity, frequencyAtLeast = 0, monetaryAtLeast = 0 } = audience.rfm;
  return (m) =>
    m.purchases > 0 &&
    m.recencyDays <= recencyDaysAtMost &&
    m.purchases >= frequencyAtLeast &&
    m.monetary >= monetaryAtLeast;
}

function bits(indexes: number[]): number {
  return indexes.reduce((mask, i) => mask | (1 << i), 0);
}
