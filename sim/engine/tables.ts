import {
  ACQUISITION_CHANNELS,
  CHANNELS,
  MESSAGE_KINDS,
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
  activeCumulative: Float64Array;
  activeStart: Int32Array;
  activeEnd: Int32Array;
  halfLifeHours: number;
  toleranceShape: number;
  toleranceRate: number;
  kindLoad: Float64Array;
  offHoursLoad: number;
  irrelevanceLoad: number;
  optOutProbability: number;
  leaveProbability: number;
  boostDays: number;
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
  breakInDays: number;
  stableRecencyDays: number;
  lapsedRecencyDays: number;
  rhythmMultiplier: number;
  lapsedProxyDays: number;
  depthPeriodDays: number;
  kocMinReferrals: number;
  referralProbability: number;
  kocProneShare: number;
  kocMultiplier: number;
  accessDays: number;
  tiers: number;
  pointsPerYuan: number;
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
  const channel = (key: "cost" | "openRate" | "executionRate" | "fatigueWeight") =>
    Float64Array.from(CHANNELS, (c) => s.channels[c][key]);
  return {
    days,
    windowDays: s.acquisition.windowDays,
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
    activeCumulative: cumulative(s.activeHours.map((w) => w.share)),
    activeStart: Int32Array.from(s.activeHours, (w) => w.start),
    activeEnd: Int32Array.from(s.activeHours, (w) => w.end),
    halfLifeHours: s.fatigue.halfLifeDays * 24,
    toleranceShape: s.fatigue.toleranceShape,
    toleranceRate: s.fatigue.toleranceShape / s.fatigue.toleranceMean,
    kindLoad: Float64Array.from(MESSAGE_KINDS, (k) => s.fatigue.load[k]),
    offHoursLoad: s.fatigue.offHoursMultiplier,
    irrelevanceLoad: s.fatigue.irrelevanceMultiplier,
    optOutProbability: s.fatigue.optOutProbability,
    leaveProbability: s.fatigue.leaveProbability,
    boostDays: s.response.boostDays,
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
    breakInDays: s.lifecycle.breakInDays,
    stableRecencyDays: s.lifecycle.stableRecencyDays,
    lapsedRecencyDays: s.lifecycle.lapsedRecencyDays,
    rhythmMultiplier: s.lifecycle.rhythmMultiplier,
    lapsedProxyDays: s.proxies.lapsedDays,
    depthPeriodDays: s.depth.periodDays,
    kocMinReferrals: s.depth.kocMinReferrals,
    referralProbability: s.referral.probabilityPerPurchase,
    kocProneShare: s.referral.kocProneShare,
    kocMultiplier: s.referral.kocMultiplier,
    accessDays: s.course.accessDays,
    tiers: s.membership.tiers,
    pointsPerYuan: s.membership.pointsPerYuan,
    discountByDay,
    instantWindowDays: s.economics.instantWindowDays,
  };
}
