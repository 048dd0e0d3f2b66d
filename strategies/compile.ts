import { type Audience, MEMBER_TAGS, type RfmLayer, type Strategy } from "./types.ts";
import {
  ACQUISITION_CHANNELS,
  CHANNELS,
  DEPTHS,
  EXIT_GOALS,
  MESSAGE_KINDS,
  POINTS_TASKS,
  STAGES,
  TRIGGERS,
} from "./vocabulary.ts";

/** Bits 0..7 of `MemberView.tags` are the built-in MEMBER_TAGS; custom tag k is bit 8 + k. */
export const CUSTOM_TAG_SHIFT = 8;
if (MEMBER_TAGS.length > CUSTOM_TAG_SHIFT) throw new Error("built-in tags overflow their bits");

/** What the engine tells an audience test about a member at the moment a rule fires. */
export type MemberView = {
  stage: number;
  depth: number;
  purchases: number;
  /** Bit per CHANNELS index: subscribed and not opted out. */
  reachable: number;
  /**
   * Bit per MEMBER_TAGS index (bits 0..7), and custom tag k (Plan.customTags[k]) at bit
   * CUSTOM_TAG_SHIFT + k. Test with `(tags & mask) !== 0`, which holds for bit 31 too.
   */
  tags: number;
  acquisition: number;
  daysSinceJoin: number;
  recencyDays: number;
  monetary: number;
  /** Days since the member last opened a message; 1e9 when never. */
  daysSinceOpen: number;
  /** 1 if the last delivered message was opened, else 0 (also when none was delivered). */
  lastMessageOpened: number;
  /** Tier index, 0 = lowest. */
  tier: number;
  points: number;
  /** 1 while the member holds a paid VIP term, else 0. */
  paidVip: number;
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
  /** campaignDay: the calendar day. */
  day: number;
  /** stageChanged: stage index entered, -1 for any. */
  stage: number;
  audience: AudienceTest | null;
  /** Message kind index, -1 when the rule sends nothing. */
  messageKind: number;
  channel: number;
  couponValue: number;
  couponDays: number;
  /** The coupon applies only to an order of at least this value (0: any order). */
  couponMinSpend: number;
  discountPercent: number;
  discountDays: number;
  giftCost: number;
  inviteToGroup: boolean;
  addWecomFriend: boolean;
  upgradeTier: boolean;
  kocTask: boolean;
  /** Tag bits (see MemberView.tags) set and cleared by the rule; 0 for none. Unsigned. */
  addTagMask: number;
  removeTagMask: number;
  followAccount: boolean;
  redeemPoints: boolean;
  offerPaidVip: boolean;
  /** POINTS_TASKS index, -1 for none. */
  pointsTask: number;
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
  /**
   * Per-channel caps on delivered messages by CHANNELS index (0: no cap): per day, per
   * calendar week of the run (days 0–6, 7–13, …) and per 30-day month (days 0–29, 30–59, …).
   */
  channelCapPerDay: Int32Array;
  channelCapPerWeek: Int32Array;
  channelCapPerMonth: Int32Array;
  /** Whether any channel cap is set, so the engine can skip the per-channel counts. */
  hasChannelCaps: boolean;
  /** Custom tags by bit: customTags[k] is bit CUSTOM_TAG_SHIFT + k of MemberView.tags. */
  customTags: string[];
  /** For reports only: the playbook's RFM layer names, in order. */
  rfmLayerNames: string[];
};

/** The playbook words an audience may refer to besides the fixed vocabulary. */
export type AudienceScope = {
  /** Custom tags in bit order (see Plan.customTags). */
  customTags: readonly string[];
  rfmLayers: readonly RfmLayer[];
};

const NO_SCOPE: AudienceScope = { customTags: [], rfmLayers: [] };

export const EXIT_PURCHASED = 1 << EXIT_GOALS.indexOf("purchased");
export const EXIT_WECOM = 1 << EXIT_GOALS.indexOf("wecomFriend");
export const EXIT_OPENED = 1 << EXIT_GOALS.indexOf("opened");

/** Turns a validated playbook into the plan the engine runs. */
export function compileStrategy(strategy: Strategy): Plan {
  const customTags = customTagsOf(strategy);
  const scope: AudienceScope = { customTags, rfmLayers: strategy.rfmLayers };
  const tagMask = (tag: string | null) => (tag === null ? 0 : tagBit(tag, customTags));
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
      day: rule.day,
      stage: rule.stage ? STAGES.indexOf(rule.stage) : -1,
      audience: rule.audience ? compileAudience(rule.audience, scope) : null,
      messageKind: rule.message ? MESSAGE_KINDS.indexOf(rule.message.kind) : -1,
      channel: rule.message ? CHANNELS.indexOf(rule.message.channel) : -1,
      couponValue: rule.coupon?.value ?? 0,
      couponDays: rule.coupon?.validDays ?? 0,
      couponMinSpend: rule.coupon?.minSpend ?? 0,
      discountPercent: rule.discount?.percent ?? 0,
      discountDays: rule.discount?.days ?? 0,
      giftCost: rule.giftCost,
      inviteToGroup: rule.inviteToGroup,
      addWecomFriend: rule.addWecomFriend,
      upgradeTier: rule.upgradeTier,
      kocTask: rule.kocTask,
      addTagMask: tagMask(rule.addTag),
      removeTagMask: tagMask(rule.removeTag),
      followAccount: rule.followAccount,
      redeemPoints: rule.redeemPoints,
      offerPaidVip: rule.offerPaidVip,
      pointsTask: rule.pointsTask === null ? -1 : POINTS_TASKS.indexOf(rule.pointsTask),
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
    ...channelCaps(strategy),
    customTags,
    rfmLayerNames: strategy.rfmLayers.map((layer) => layer.name),
  };
}

function channelCaps(strategy: Strategy) {
  const perDay = new Int32Array(CHANNELS.length);
  const perWeek = new Int32Array(CHANNELS.length);
  const perMonth = new Int32Array(CHANNELS.length);
  CHANNELS.forEach((channel, c) => {
    const cap = strategy.channelCaps[channel];
    perDay[c] = cap?.perDay ?? 0;
    perWeek[c] = cap?.perWeek ?? 0;
    perMonth[c] = cap?.perMonth ?? 0;
  });
  return {
    channelCapPerDay: perDay,
    channelCapPerWeek: perWeek,
    channelCapPerMonth: perMonth,
    hasChannelCaps: [perDay, perWeek, perMonth].some((caps) => caps.some((n) => n > 0)),
  };
}

/**
 * The playbook's custom tags in order of first appearance: rule by rule, its addTag, its
 * removeTag, then the tags its audience tests.
 */
export function customTagsOf(strategy: Strategy): string[] {
  const tags: string[] = [];
  const note = (tag: string | null) => {
    if (tag !== null && !isBuiltinTag(tag) && !tags.includes(tag)) tags.push(tag);
  };
  const walk = (audience: Audience) => {
    if ("and" in audience) audience.and.forEach(walk);
    else if ("or" in audience) audience.or.forEach(walk);
    else if ("not" in audience) walk(audience.not);
    else if ("tag" in audience) note(audience.tag);
  };
  for (const rule of strategy.rules) {
    note(rule.addTag);
    note(rule.removeTag);
    if (rule.audience) walk(rule.audience);
  }
  return tags;
}

const isBuiltinTag = (tag: string) => (MEMBER_TAGS as readonly string[]).includes(tag);

/** The tag's bit in MemberView.tags, as an unsigned number (bit 31 stays positive). */
function tagBit(tag: string, customTags: readonly string[]): number {
  if (isBuiltinTag(tag)) return 1 << (MEMBER_TAGS as readonly string[]).indexOf(tag);
  const k = customTags.indexOf(tag);
  if (k < 0 || CUSTOM_TAG_SHIFT + k > 31) throw new Error(`custom tag ${tag} has no bit`);
  return (1 << (CUSTOM_TAG_SHIFT + k)) >>> 0;
}

/** The index of the first RFM layer the member matches, -1 for none (never bought included). */
export function rfmLayerOf(layers: readonly RfmLayer[], m: MemberView): number {
  if (m.purchases <= 0) return -1;
  for (let i = 0; i < layers.length; i++) {
    const { recencyDaysAtMost = Infinity, frequencyAtLeast = 0, monetaryAtLeast = 0 } = layers[i];
    if (
      m.recencyDays <= recencyDaysAtMost &&
      m.purchases >= frequencyAtLeast &&
      m.monetary >= monetaryAtLeast
    )
      return i;
  }
  return -1;
}

/** Builds the audience predicate once, as closures over indexes and bit masks. */
export function compileAudience(audience: Audience, scope: AudienceScope = NO_SCOPE): AudienceTest {
  if ("and" in audience) {
    const parts = audience.and.map((part) => compileAudience(part, scope));
    return (m) => parts.every((test) => test(m));
  }
  if ("or" in audience) {
    const parts = audience.or.map((part) => compileAudience(part, scope));
    return (m) => parts.some((test) => test(m));
  }
  if ("not" in audience) {
    const inner = compileAudience(audience.not, scope);
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
    const bit = tagBit(audience.tag, scope.customTags);
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
  if ("rfm" in audience) {
    const {
      recencyDaysAtMost = Infinity,
      frequencyAtLeast = 0,
      monetaryAtLeast = 0,
    } = audience.rfm;
    return (m) =>
      m.purchases > 0 &&
      m.recencyDays <= recencyDaysAtMost &&
      m.purchases >= frequencyAtLeast &&
      m.monetary >= monetaryAtLeast;
  }
  if ("rfmLayer" in audience) {
    const layers = scope.rfmLayers;
    const names = layers.map((layer) => layer.name);
    // want[i + 1] for layer i, want[0] for "none".
    const want = new Uint8Array(layers.length + 1);
    for (const name of audience.rfmLayer) {
      const i = name === "none" ? -1 : names.indexOf(name);
      if (name !== "none" && i < 0) throw new Error(`RFM layer ${name} is not declared`);
      want[i + 1] = 1;
    }
    return (m) => want[rfmLayerOf(layers, m) + 1] === 1;
  }
  if ("openedWithinDays" in audience) {
    const n = audience.openedWithinDays;
    return (m) => m.daysSinceOpen <= n;
  }
  if ("lastMessageOpened" in audience) {
    const want = audience.lastMessageOpened ? 1 : 0;
    return (m) => m.lastMessageOpened === want;
  }
  if ("tier" in audience) {
    const lo = audience.tier.atLeast ?? 0;
    const hi = audience.tier.atMost ?? Number.POSITIVE_INFINITY;
    return (m) => m.tier >= lo && m.tier <= hi;
  }
  if ("pointsAtLeast" in audience) {
    const n = audience.pointsAtLeast;
    return (m) => m.points >= n;
  }
  const want = audience.paidVip ? 1 : 0;
  return (m) => m.paidVip === want;
}

function bits(indexes: number[]): number {
  return indexes.reduce((mask, i) => mask | (1 << i), 0);
}
