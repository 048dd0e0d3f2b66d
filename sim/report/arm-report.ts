import type { Plan } from "../../strategies/compile.ts";
import { DEPTHS, STAGES } from "../../strategies/vocabulary.ts";
import { TOTAL, TOTAL_FIELDS } from "../engine/outcomes.ts";
import {
  type BlockSummary,
  COUNT,
  COUNT_FIELDS,
  LIFE,
  lifeTable,
  MOMENT,
  MOMENT_FIELDS,
} from "../engine/summary.ts";
import type { Tables } from "../engine/tables.ts";

/** One arm of a comparison, as the CLI prints it and other tools read it (names are stable). */
export type ArmReport = {
  strategy: string;
  strategyName: string;
  /** Randomised members of the arm: the units of the A/B test. */
  members: number;
  /** Members brought in by referrals during the run (their money counts in the arm's totals). */
  referredMembers: number;
  /** Share not churned within their first d days, among members observed at least d days; d = 0…days (null where no member was observed that long). */
  retention: (number | null)[];
  /** True churn, which the simulator knows and a real team does not: counts of randomised members. */
  churn: { natural: number; overMessaging: number };
  /** What a real team sees instead (DESIGN: proxies next to the truth). */
  proxies: { lapsed: number; lapsedButAlive: number; churnedNotLapsed: number; lapsedDays: number };
  /** Members who blocked or unfollowed at least one channel. */
  optOuts: number;
  /**
   * Seed 002's private-domain value = pool size × fan-making ability × monetisation rate:
   * members still reachable on some channel at the horizon, the share who became members
   * (interacted) or deeper at some point, and the share who bought.
   */
  privateDomainValue: { poolSize: number; fanRate: number; monetisationRate: number };
  /** Members with at least one purchase. */
  converted: number;
  purchases: number;
  /** Gross order value over the horizon, referred members included. */
  revenue: number;
  revenuePerMember: number;
  /** Discounted revenue per randomised member, with the revenue of the members they referred. */
  clvPerMember: number;
  /** clvPerMember less message, coupon, discount and gift costs per member. */
  clvNetPerMember: number;
  messages: number;
  opened: number;
  cost: number;
  /**
   * Where the money went: messages, coupons, discounts, gifts (paid-VIP monthly gifts included),
   * member prices of tiers and paid VIP, and points redeemed. `unseenOffers` is the part of coupons
   * and discounts spent on members who never saw the offer: a cost without lift.
   */
  costBreakdown: {
    messages: number;
    coupons: number;
    discounts: number;
    gifts: number;
    memberPrices: number;
    points: number;
    unseenOffers: number;
  };
  /** Paid VIP (seed 003): members who ever bought the card, and the fees (also in `revenue`). */
  paidVip: { members: number; fees: number };
  /** Referred members who never joined because members of the arm left annoyed (negative word of mouth). */
  lostReferrals: number;
  /** Revenue of the members brought in by referrals (in `revenue` and in the referrers' CLV). */
  referredRevenue: number;
  /**
   * Share of members who bought within their first d days, among members observed at least d
   * days; d = 0…days (null where no member was observed that long). `conversionBySinceJoin[10]`
   * is "converted by day 10".
   */
  conversionBySinceJoin: (number | null)[];
  /**
   * (revenue − cost) / cost; null when nothing was spent. Counts baseline revenue the playbook did
   * not cause: `vsControl.roi` does not.
   */
  roi: number | null;
  /**
   * Incremental figures against the run's `control` arm (the first arm whose strategy id is
   * "control"), per randomised member: this arm's value minus the control arm's. `revenue`
   * (referred members' revenue included, as `revenue`) and `cost` are totals / members, `clvNet`
   * is the difference of `clvNetPerMember`, and `roi` = (revenue − cost) / cost of these
   * increments, null when the incremental cost is ≤ 0. Null for the control arm itself, in a run
   * without a control arm, and when either arm has no member.
   */
  vsControl: VsControl | null;
  /** Revenue in each member's first `instantWindowDays` over the cost spent then (seed 001's instant ROI). */
  instantRoi: number | null;
  instantWindowDays: number;
  /** Share of revenue from the top x % of members by revenue. */
  revenueShareTop: { "1": number; "5": number; "10": number; "20": number };
  /**
   * The Pareto curve of revenue: `share[k]` of the arm's own revenue (randomised members) comes
   * from the top `top[k]` % of its members by revenue.
   */
  revenueCurve: { top: number[]; share: number[] };
  /** Members sent at least one message: "reached", the funnel's second step. */
  reached: number;
  /** Members with at least two purchases of their own: "repeat", the funnel's last step. */
  repeatBuyers: number;
  /**
   * The distribution of CLV per randomised member (as `clvPerMember`, referred revenue included):
   * `clv[k]` is its `p[k]` quantile (lower value at a tie, as `sorted[floor(p × (n − 1))]`).
   */
  clvQuantiles: { p: number[]; clv: number[] };
  /** Mean repeat purchases per member within d days of joining (d = 0…days); E[X(t)] under control. */
  repeatPurchasesBySinceJoin: number[];
  /** Members in each lifecycle stage on each calendar day (churned included). */
  stageMix: Record<string, number[]>;
  /** Live members at each relationship depth on each calendar day. */
  depthMix: Record<string, number[]>;
  daily: {
    purchases: number[];
    revenue: number[];
    messages: number[];
    optOuts: number[];
    overMessagingChurn: number[];
  };
  /** Per rule of the playbook: how often it acted and, on average, how many days after joining. */
  rules: { name: string; acted: number; meanDaySinceJoin: number | null }[];
  /** True when referrals were capped at 4 per randomised member in some block. */
  referralCapped: boolean;
};

/** Per randomised member differences against the control arm (see `ArmReport.vsControl`). */
export type VsControl = { revenue: number; cost: number; clvNet: number; roi: number | null };

/** The strategy id of the arm the incremental figures are measured against. */
export const CONTROL_STRATEGY = "control";

/** `arm` against `control`, per randomised member; null when either arm has no member. */
export function vsControl(arm: ArmReport, control: ArmReport): VsControl | null {
  if (arm.members === 0 || control.members === 0) return null;
  const revenue = arm.revenue / arm.members - control.revenue / control.members;
  const cost = arm.cost / arm.members - control.cost / control.members;
  return {
    revenue,
    cost,
    clvNet: arm.clvNetPerMember - control.clvNetPerMember,
    roi: cost > 0 ? (revenue - cost) / cost : null,
  };
}

/** Fills `vsControl` of every arm but the first `control` arm; leaves null without one. */
export function addVsControl(arms: ArmReport[]): ArmReport[] {
  const control = arms.find((a) => a.strategy === CONTROL_STRATEGY);
  if (!control) return arms;
  for (const arm of arms) if (arm !== control) arm.vsControl = vsControl(arm, control);
  return arms;
}

export function armReport(
  arm: number,
  plan: Plan,
  tables: Tables,
  summary: BlockSummary,
): ArmReport {
  const days = tables.days;
  const arms = summary.totals.length / TOTAL_FIELDS;
  const ruleSlots = summary.ruleActs.length / arms;
  const totals = summary.totals.subarray(arm * TOTAL_FIELDS, (arm + 1) * TOTAL_FIELDS);
  const count = (field: number) => summary.counts[arm * COUNT_FIELDS + field];
  const members = count(COUNT.members);
  const converted = count(COUNT.converted);
  const fans = count(COUNT.fans);
  const clv = summary.moments[arm * MOMENT_FIELDS + MOMENT.clvSum];
  const cost = summary.moments[arm * MOMENT_FIELDS + MOMENT.costSum];
  const observedFor = lifeTable(summary, arm, LIFE.observedFor); // members observed exactly k days
  const churnedWithin = lifeTable(summary, arm, LIFE.churnedWithin); // difference array over d
  const boughtWithin = lifeTable(summary, arm, LIFE.boughtWithin); // difference array over d
  const retention: (number | null)[] = [];
  let atLeast = members;
  let churned = 0;
  for (let d = 0; d <= days; d++) {
    if (d > 0) atLeast -= observedFor[d - 1];
    churned += churnedWithin[d];
    // null, not 0, on days no member of the arm has been observed that long
    retention.push(atLeast > 0 ? 1 - churned / atLeast : null);
  }
  const conversionBySinceJoin: (number | null)[] = [];
  let observedAtLeast = members;
  let bought = 0;
  for (let d = 0; d <= days; d++) {
    if (d > 0) observedAtLeast -= observedFor[d - 1];
    bought += boughtWithin[d];
    conversionBySinceJoin.push(observedAtLeast > 0 ? bought / observedAtLeast : null);
  }
  const repeat: number[] = [0];
  let observing = members; // members observed beyond day d since join
  let cumulative = 0;
  for (let d = 0; d < days; d++) {
    observing -= observedFor[d];
    const purchases = summary.repeatByDaySinceJoin[arm * (days + 1) + d];
    cumulative += observing > 0 ? purchases / observing : 0;
    repeat.push(cumulative);
  }
  const spent =
    totals[TOTAL.messageCost] +
    totals[TOTAL.couponCost] +
    totals[TOTAL.discountCost] +
    totals[TOTAL.giftCost] +
    totals[TOTAL.memberPriceCost] +
    totals[TOTAL.pointsCost];
  const revenue = totals[TOTAL.revenue];
  // Merged from the blocks' sorted runs, ascending: the concentration figures and quantiles.
  const from = summary.armOffsets[arm];
  const to = summary.armOffsets[arm + 1];
  const sortedRevenues = summary.revenueSorted.subarray(from, to);
  return {
    strategy: plan.id,
    strategyName: plan.name,
    members,
    referredMembers: totals[TOTAL.referredMembers],
    retention,
    churn: { natural: count(COUNT.natural), overMessaging: count(COUNT.overMessaging) },
    proxies: {
      lapsed: count(COUNT.lapsed),
      lapsedButAlive: count(COUNT.lapsedButAlive),
      churnedNotLapsed: count(COUNT.churnedNotLapsed),
      lapsedDays: tables.lapsedProxyDays,
    },
    optOuts: count(COUNT.optOuts),
    privateDomainValue: {
      poolSize: count(COUNT.pool),
      fanRate: members > 0 ? fans / members : 0,
      monetisationRate: members > 0 ? converted / members : 0,
    },
    converted,
    purchases: totals[TOTAL.purchases],
    revenue,
    revenuePerMember: members > 0 ? revenue / members : 0,
    clvPerMember: members > 0 ? clv / members : 0,
    clvNetPerMember: members > 0 ? (clv - cost) / members : 0,
    messages: totals[TOTAL.messages],
    opened: totals[TOTAL.opened],
    cost: spent,
    costBreakdown: {
      messages: totals[TOTAL.messageCost],
      coupons: totals[TOTAL.couponCost],
      discounts: totals[TOTAL.discountCost],
      gifts: totals[TOTAL.giftCost],
      memberPrices: totals[TOTAL.memberPriceCost],
      points: totals[TOTAL.pointsCost],
      unseenOffers: totals[TOTAL.unseenOfferCost],
    },
    paidVip: { members: totals[TOTAL.vipMembers], fees: totals[TOTAL.vipFees] },
    lostReferrals: totals[TOTAL.lostReferrals],
    referredRevenue: totals[TOTAL.referredRevenue],
    conversionBySinceJoin,
    roi: spent > 0 ? (revenue - spent) / spent : null,
    vsControl: null, // set by addVsControl once every arm is known
    instantRoi:
      totals[TOTAL.earlyCost] > 0
        ? (totals[TOTAL.earlyRevenue] - totals[TOTAL.earlyCost]) / totals[TOTAL.earlyCost]
        : null,
    instantWindowDays: tables.instantWindowDays,
    revenueShareTop: shareTopOfSorted(sortedRevenues),
    revenueCurve: curveOfSorted(sortedRevenues),
    reached: count(COUNT.reached),
    repeatBuyers: count(COUNT.repeatBuyers),
    clvQuantiles: quantilesOfSorted(summary.clvSorted.subarray(from, to), CLV_QUANTILES),
    repeatPurchasesBySinceJoin: repeat,
    stageMix: mix(summary.stageDiff, arm, STAGES, days),
    depthMix: mix(summary.depthDiff, arm, DEPTHS, days),
    daily: {
      purchases: series(summary.purchasesByDay, arm, days),
      revenue: series(summary.revenueByDay, arm, days),
      messages: series(summary.messagesByDay, arm, days),
      optOuts: series(summary.optOutsByDay, arm, days),
      overMessagingChurn: series(summary.overMessagingByDay, arm, days),
    },
    rules: plan.ruleNames.map((name, r) => {
      const slot = arm * ruleSlots + r;
      const acted = summary.ruleActs[slot];
      return {
        name,
        acted,
        meanDaySinceJoin: acted > 0 ? summary.ruleActDays[slot] / acted : null,
      };
    }),
    referralCapped: totals[TOTAL.referralCapped] > 0,
  };
}

/** Share of total revenue from the top 1, 5, 10 and 20 % of members (0 when nobody bought). */
export function revenueShareTop(revenues: Float64Array): ArmReport["revenueShareTop"] {
  return shareTopOfSorted(revenues.slice().sort());
}

/** revenueShareTop of revenues already sorted ascending (the top members at the end). */
function shareTopOfSorted(sorted: Float64Array): ArmReport["revenueShareTop"] {
  const n = sorted.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  const share = (percent: number) => {
    if (total <= 0) return 0;
    const k = Math.ceil((n * percent) / 100);
    let sum = 0;
    for (let i = n - k; i < n; i++) sum += sorted[i];
    return sum / total;
  };
  return { "1": share(1), "5": share(5), "10": share(10), "20": share(20) };
}

/** The tops of the revenue curve, in % of members. */
export const REVENUE_CURVE_TOPS = [0, 1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100];

/** The quantiles of CLV the report keeps: the upper half, where the arms differ. */
export const CLV_QUANTILES = [0.25, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99];

/** Share of total revenue from the top `REVENUE_CURVE_TOPS` % of members (0 when nobody bought). */
export function revenueCurve(revenues: Float64Array): ArmReport["revenueCurve"] {
  return curveOfSorted(revenues.slice().sort());
}

/** revenueCurve of revenues already sorted ascending, summed from the top member down. */
function curveOfSorted(sorted: Float64Array): ArmReport["revenueCurve"] {
  const n = sorted.length;
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cumulative[i + 1] = cumulative[i] + sorted[n - 1 - i];
  const total = cumulative[n];
  const share = REVENUE_CURVE_TOPS.map((percent) =>
    total > 0 ? cumulative[Math.ceil((n * percent) / 100)] / total : 0,
  );
  return { top: [...REVENUE_CURVE_TOPS], share };
}

/** The `p` quantiles of `values`: `sorted[floor(p × (n − 1))]`, all 0 without values. */
export function quantiles(values: Float64Array, p: readonly number[]): ArmReport["clvQuantiles"] {
  return quantilesOfSorted(values.slice().sort(), p);
}

/** `quantiles` of values already sorted ascending. */
function quantilesOfSorted(sorted: Float64Array, p: readonly number[]): ArmReport["clvQuantiles"] {
  const n = sorted.length;
  return { p: [...p], clv: p.map((q) => (n > 0 ? sorted[Math.floor(q * (n - 1))] : 0)) };
}

function series(values: Int32Array | Float64Array, arm: number, days: number): number[] {
  return Array.from(values.subarray(arm * days, (arm + 1) * days));
}

function mix(
  diff: Int32Array,
  arm: number,
  names: readonly string[],
  days: number,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  names.forEach((name, k) => {
    const at = (arm * names.length + k) * (days + 1);
    const counts: number[] = [];
    let running = 0;
    for (let d = 0; d < days; d++) {
      running += diff[at + d];
      counts.push(running);
    }
    out[name] = counts;
  });
  return out;
}
