import {
  ACQUISITION_CHANNELS,
  CHANNELS,
  MESSAGE_KINDS,
  POINTS_TASKS,
  STAGES,
} from "../../strategies/vocabulary.ts";
import type { Scenario } from "../scenario/normalize.ts";

/** Stages a message can meet (all but churned): the columns of the response-fit table. */
export const LIVE_STAGES = STAGES.length - 1;

/**
 * A scenario flattened into typed arrays indexed by the vocabulary, built once per run so the
 * member loop reads numbers, never the scenario document.
 */
export type Tables = {
  days: number;
  windowDays: number;
  /** Cumulative weights of equal segments of the acquisition window (one segment: uniform). */
  curveCumulative: Float64Array;
  joinHourStart: number;
  joinHourSpan: number;
  purchaseAtJoin: boolean;
  r: number;
  alpha: number;
  a: number;
  b: number;
  nonBuyerHazard: number;
  spendP: number;
  spendQ: number;
  spendGamma: number;
  /** Cumulative acquisition shares of the channels members arrive from at the start. */
  acquisitionCumulative: Float64Array;
  /** subscribe[acquisition * CHANNELS.length + channel]. */
  subscribe: Float64Array;
  channelCost: Float64Array;
  channelOpen: Float64Array;
  channelExecution: Float64Array;
  channelFatigue: Float64Array;
  channelDelayHours: Float64Array;
  channelMonthlyCap: Int32Array;
  /** Chance that a delivered message makes the member unfollow or block the channel, fatigue aside. */
  channelOptOut: Float64Array;
  /** Demand over the member's life: from day since join `demandFrom[k]`, λ × `demandMultiplier[k]`. */
  demandFrom: Int32Array;
  demandMultiplier: Float64Array;
  activeCumulative: Float64Array;
  activeStart: Int32Array;
  activeEnd: Int32Array;
  /** −ln 2 / fatigue's half-life in hours: its decay is exp(hours × this) (exp, not 2 ** x: 5× faster). */
  decayPerHour: number;
  /** −ln 2 / the long memory's half-life in hours: its decay is exp(hours × this). */
  longDecayPerHour: number;
  longWeight: number;
  toleranceShape: number;
  toleranceRate: number;
  kindLoad: Float64Array;
  offHoursLoad: number;
  irrelevanceLoad: number;
  optOutProbability: number;
  leaveProbability: number;
  boostDays: number;
  boostLinear: boolean;
  kindLift: Float64Array;
  kindAddedRate: Float64Array;
  /** fit[kind * LIVE_STAGES + stage]. */
  fit: Float64Array;
  offHoursOpen: number;
  fatigueDamping: number;
  couponLift: number;
  couponAddedRate: number;
  discountAddedRate: number;
  discountElasticity: number;
  groupJoinRate: number;
  wecomAddRate: number;
  kocTaskAcceptance: number;
  followRate: number;
  offersMustBeSeen: boolean;
  couponReferenceValue: number;
  couponValueElasticity: number;
  reminderRevealsOffers: boolean;
  pullForwardShare: number;
  dealProneness: number;
  /**
   * Relationship effects, RELATION_EFFECTS per state: rate, drop-out, disengage, tolerance and
   * referral multipliers. States: WeCom friend, group member, follower (relative to the join),
   * then depth member / purchased / repeat / KOC (relative to basic).
   */
  relation: Float64Array;
  /** Engagement effects at saturation (rate +, drop-out −, disengage −, tolerance +, referral +). */
  engagementEffect: Float64Array;
  /** −ln 2 / engagement's half-life in days. */
  engagementDecayPerDay: number;
  /** Days between re-evaluations of engagement's effects: half its half-life, at least 1. */
  engagementStepDays: number;
  engagementGain: Float64Array;
  /** Whether any relationship or engagement parameter departs from neutral. */
  relationActive: boolean;
  breakInDays: number;
  stableRecencyDays: number;
  lapsedRecencyDays: number;
  rhythmMultiplier: number;
  lapsedProxyDays: number;
  depthPeriodDays: number;
  kocMinReferrals: number;
  kocMinPurchases: number;
  referralProbability: number;
  kocProneShare: number;
  kocMultiplier: number;
  referralCap: number;
  referralDelayHours: number;
  lostPerAnnoyedLeaver: number;
  accessDays: number;
  tiers: number;
  /** Per tier: minimum spend, and rate, drop-out, tolerance multipliers and member-price discount. */
  tierMinSpend: Float64Array;
  tierRate: Float64Array;
  tierDropOut: Float64Array;
  tierTolerance: Float64Array;
  tierDiscount: Float64Array;
  pointsPerYuan: number;
  yuanPerPoint: number;
  redeemMinimum: number;
  redeemLift: number;
  /** Per POINTS_TASKS index. */
  taskPoints: Float64Array;
  taskUptake: Float64Array;
  vipFee: number;
  vipTermDays: number;
  vipUptake: number;
  vipRenewal: number;
  vipDiscount: number;
  vipMonthlyGift: number;
  vipRate: number;
  vipDropOut: number;
  vipTolerance: number;
  /** Discount factor of revenue on calendar day d, for CLV. */
  discountByDay: Float64Array;
  instantWindowDays: number;
};

function cumulative(values: number[]): Float64Array {
  const total = values.reduce((s, v) => s + v, 0);
  const out = new Float64Array(values.length);
  let running = 0;
  values.forEach((v, i) => {
    running += v / total;
    out[i] = running;
  });
  out[values.length - 1] = 1;
  return out;
}

export function buildTables(s: Scenario, days: number): Tables {
  const acq = s.acquisition.channels;
  const subscribe = new Float64Array(ACQUISITION_CHANNELS.length * CHANNELS.length);
  ACQUISITION_CHANNELS.forEach((a, i) => {
    CHANNELS.forEach((c, j) => {
      subscribe[i * CHANNELS.length + j] = acq[a].subscribe[c];
    });
  });
  const fit = new Float64Array(MESSAGE_KINDS.length * LIVE_STAGES);
  MESSAGE_KINDS.forEach((k, i) => {
    STAGES.slice(0, LIVE_STAGES).forEach((stage, j) => {
      fit[i * LIVE_STAGES + j] =
        s.response.fit[k][stage as keyof (typeof s.response.fit)[typeof k]];
    });
  });
  const discountByDay = new Float64Array(days);
  for (let d = 0; d < days; d++)
    discountByDay[d] = (1 + s.economics.annualDiscountRate) ** (-d / 365);
  const channel = (
    key:
      | "cost"
      | "openRate"
      | "executionRate"
      | "fatigueWeight"
      | "executionDelayHours"
      | "optOutPerMessage",
  ) => Float64Array.from(CHANNELS, (c) => s.channels[c][key]);
  const rel = s.relationship;
  const states = [
    rel.wecomFriend,
    rel.groupMember,
    rel.follower,
    rel.depth.member,
    rel.depth.purchased,
    rel.depth.repeat,
    rel.depth.koc,
  ];
  const relation = Float64Array.from(
    states.flatMap((e) => [e.rate, e.dropOut, e.disengage, e.tolerance, e.referral]),
  );
  const eng = rel.engagement;
  const engagementEffect = Float64Array.from([
    eng.rate,
    eng.dropOut,
    eng.disengage,
    eng.tolerance,
    eng.referral,
  ]);
  const tiers = s.membership.tiers;
  const tasks = s.membership.points.tasks;
  const vip = s.membership.paidVip;
  return {
    days,
    windowDays: s.acquisition.windowDays,
    curveCumulative: cumulative(s.acquisition.curve),
    joinHourStart: s.acquisition.joinHours.start,
    joinHourSpan: s.acquisition.joinHours.end - s.acquisition.joinHours.start,
    purchaseAtJoin: s.acquisition.purchaseAtJoin,
    ...s.purchase,
    nonBuyerHazard: s.disengage.nonBuyerDailyHazard,
    spendP: s.spend.p,
    spendQ: s.spend.q,
    spendGamma: s.spend.gamma,
    // Referral members arrive through the referral process; an initial referral share is allowed.
    acquisitionCumulative: cumulative(ACQUISITION_CHANNELS.map((a) => acq[a].share)),
    subscribe,
    channelCost: channel("cost"),
    channelOpen: channel("openRate"),
    channelExecution: channel("executionRate"),
    channelFatigue: channel("fatigueWeight"),
    channelDelayHours: channel("executionDelayHours"),
    channelMonthlyCap: Int32Array.from(CHANNELS, (c) => s.channels[c].monthlyCap),
    channelOptOut: channel("optOutPerMessage"),
    demandFrom: Int32Array.from(s.demand.curve, (k) => k.fromDay),
    demandMultiplier: Float64Array.from(s.demand.curve, (k) => k.multiplier),
    activeCumulative: cumulative(s.activeHours.map((w) => w.share)),
    activeStart: Int32Array.from(s.activeHours, (w) => w.start),
    activeEnd: Int32Array.from(s.activeHours, (w) => w.end),
    decayPerHour: -Math.LN2 / (s.fatigue.halfLifeDays * 24),
    longDecayPerHour: -Math.LN2 / (s.fatigue.longHalfLifeDays * 24),
    longWeight: s.fatigue.longWeight,
    toleranceShape: s.fatigue.toleranceShape,
    toleranceRate: s.fatigue.toleranceShape / s.fatigue.toleranceMean,
    kindLoad: Float64Array.from(MESSAGE_KINDS, (k) => s.fatigue.load[k]),
    offHoursLoad: s.fatigue.offHoursMultiplier,
    irrelevanceLoad: s.fatigue.irrelevanceMultiplier,
    optOutProbability: s.fatigue.optOutProbability,
    leaveProbability: s.fatigue.leaveProbability,
    boostDays: s.response.boostDays,
    boostLinear: s.response.boostShape === "linear",
    kindLift: Float64Array.from(MESSAGE_KINDS, (k) => s.response.lift[k]),
    kindAddedRate: Float64Array.from(MESSAGE_KINDS, (k) => s.response.addedRate[k]),
    fit,
    offHoursOpen: s.response.offHoursOpenFactor,
    fatigueDamping: s.response.fatigueDamping,
    couponLift: s.response.couponLift,
    couponAddedRate: s.response.couponAddedRate,
    discountAddedRate: s.response.discountAddedRate,
    discountElasticity: s.response.discountElasticity,
    groupJoinRate: s.response.groupJoinRate,
    wecomAddRate: s.response.wecomAddRate,
    kocTaskAcceptance: s.response.kocTaskAcceptance,
    followRate: s.response.followRate,
    offersMustBeSeen: s.offers.mustBeSeen,
    couponReferenceValue: s.offers.couponReferenceValue,
    couponValueElasticity: s.offers.couponValueElasticity,
    reminderRevealsOffers: s.offers.reminderRevealsOffers,
    pullForwardShare: s.offers.pullForwardShare,
    dealProneness: s.offers.dealProneness,
    relation,
    engagementEffect,
    engagementDecayPerDay: -Math.LN2 / eng.halfLifeDays,
    engagementStepDays: Math.max(1, Math.floor(eng.halfLifeDays / 2)),
    engagementGain: Float64Array.from(MESSAGE_KINDS, (k) => eng.gain[k]),
    relationActive: relation.some((v) => v !== 1) || engagementEffect.some((v) => v !== 0),
    breakInDays: s.lifecycle.breakInDays,
    stableRecencyDays: s.lifecycle.stableRecencyDays,
    lapsedRecencyDays: s.lifecycle.lapsedRecencyDays,
    rhythmMultiplier: s.lifecycle.rhythmMultiplier,
    lapsedProxyDays: s.proxies.lapsedDays,
    depthPeriodDays: s.depth.periodDays,
    kocMinReferrals: s.depth.kocMinReferrals,
    kocMinPurchases: s.depth.kocMinPurchases,
    referralProbability: s.referral.probabilityPerPurchase,
    kocProneShare: s.referral.kocProneShare,
    kocMultiplier: s.referral.kocMultiplier,
    referralCap: s.referral.capPerMember,
    referralDelayHours: s.referral.delayHours,
    lostPerAnnoyedLeaver: s.referral.lostPerAnnoyedLeaver,
    accessDays: s.course.accessDays,
    tiers: tiers.length,
    tierMinSpend: Float64Array.from(tiers, (t) => t.minSpend),
    tierRate: Float64Array.from(tiers, (t) => t.rate),
    tierDropOut: Float64Array.from(tiers, (t) => t.dropOut),
    tierTolerance: Float64Array.from(tiers, (t) => t.tolerance),
    tierDiscount: Float64Array.from(tiers, (t) => t.discount),
    pointsPerYuan: s.membership.pointsPerYuan,
    yuanPerPoint: s.membership.points.yuanPerPoint,
    redeemMinimum: s.membership.points.redeemMinimum,
    redeemLift: s.membership.points.redeemLift,
    taskPoints: Float64Array.from(POINTS_TASKS, (k) => tasks[k].points),
    taskUptake: Float64Array.from(POINTS_TASKS, (k) => tasks[k].uptake),
    vipFee: vip.fee,
    vipTermDays: vip.termDays,
    vipUptake: vip.uptake,
    vipRenewal: vip.renewalProbability,
    vipDiscount: vip.memberPriceDiscount,
    vipMonthlyGift: vip.monthlyGiftCost,
    vipRate: vip.rate,
    vipDropOut: vip.dropOut,
    vipTolerance: vip.tolerance,
    discountByDay,
    instantWindowDays: s.economics.instantWindowDays,
  };
}
