import { DEPTHS, STAGES } from "../../strategies/vocabulary.ts";

/** Indexes into an arm's totals (one Float64Array slice per arm). */
export const TOTAL = {
  referredMembers: 0,
  purchases: 1,
  revenue: 2,
  discountedRevenue: 3,
  messages: 4,
  messageCost: 5,
  couponCost: 6,
  discountCost: 7,
  giftCost: 8,
  earlyRevenue: 9,
  earlyCost: 10,
  referralCapped: 11,
  opened: 12,
  /** Member prices of tiers and paid VIP: the discount on each order. */
  memberPriceCost: 13,
  /** Points redeemed, at their ¥ value. */
  pointsCost: 14,
  /** Paid-VIP fees (also in revenue) and members who ever paid one. */
  vipFees: 15,
  vipMembers: 16,
  /** Coupon and discount money spent on purchases by members who never saw the offer. */
  unseenOfferCost: 17,
  /** Referred members who never joined because others left annoyed (negative word of mouth). */
  lostReferrals: 18,
  /** Revenue of the members brought in by referrals (their propagation value, also in revenue). */
  referredRevenue: 19,
} as const;
export const TOTAL_FIELDS = 20;

/** Why a member left: the simulator's truth, which a real team never sees. */
export const CAUSE_NONE = 0;
export const CAUSE_NATURAL = 1;
export const CAUSE_OVER_MESSAGING = 2;

/**
 * What one block of members yields: per-member outcomes of the randomised members (for the
 * tests and distributions) and per-arm series and totals (which also count referred members).
 * Only typed arrays, so a worker can transfer it without copying.
 */
export type BlockOutcome = {
  start: number;
  count: number;
  arm: Uint8Array;
  joinDay: Int16Array;
  /** Day since join of the member's first purchase, -1 if they never bought. */
  firstPurchaseDay: Int16Array;
  /** Day since join on which the member churned, -1 if alive at the horizon. */
  churnDay: Int16Array;
  churnCause: Uint8Array;
  purchases: Int32Array;
  /** Own gross revenue. */
  revenue: Float64Array;
  /** Discounted revenue, own plus that of the members they referred (propagation value). */
  clv: Float64Array;
  /** Message, coupon, discount and gift costs spent on the member and their referrals. */
  cost: Float64Array;
  messages: Int32Array;
  /** Bit per channel the member blocked or unfollowed. */
  optedOut: Uint8Array;
  /** Bit per channel the member was subscribed to by the horizon (including later joins). */
  subscribed: Uint8Array;
  lastActivityDay: Int16Array;
  depthEnd: Uint8Array;
  referred: Int32Array;
  /** Membership tier and points balance at the horizon (room for the membership library). */
  tier: Uint8Array;
  points: Float64Array;
  /** Per arm × stage × (days + 1): +1 where a stretch starts, −1 where it ends. */
  stageDiff: Int32Array;
  depthDiff: Int32Array;
  purchasesByDay: Int32Array;
  revenueByDay: Float64Array;
  messagesByDay: Int32Array;
  optOutsByDay: Int32Array;
  overMessagingByDay: Int32Array;
  /** Per arm × (days + 1): purchases after the join, by day since join (randomised members). */
  repeatByDaySinceJoin: Int32Array;
  /** Per arm × rule: how often the rule acted (sent or gave something), and the days since join then. */
  ruleActs: Int32Array;
  ruleActDays: Float64Array;
  totals: Float64Array;
};

export function allocateBlock(
  start: number,
  count: number,
  arms: number,
  days: number,
  rules: number,
): BlockOutcome {
  const series = () => new Int32Array(arms * days);
  return {
    start,
    count,
    arm: new Uint8Array(count),
    joinDay: new Int16Array(count),
    firstPurchaseDay: new Int16Array(count).fill(-1),
    churnDay: new Int16Array(count).fill(-1),
    churnCause: new Uint8Array(count),
    purchases: new Int32Array(count),
    revenue: new Float64Array(count),
    clv: new Float64Array(count),
    cost: new Float64Array(count),
    messages: new Int32Array(count),
    optedOut: new Uint8Array(count),
    subscribed: new Uint8Array(count),
    lastActivityDay: new Int16Array(count),
    depthEnd: new Uint8Array(count),
    referred: new Int32Array(count),
    tier: new Uint8Array(count),
    points: new Float64Array(count),
    stageDiff: new Int32Array(arms * STAGES.length * (days + 1)),
    depthDiff: new Int32Array(arms * DEPTHS.length * (days + 1)),
    purchasesByDay: series(),
    revenueByDay: new Float64Array(arms * days),
    messagesByDay: series(),
    optOutsByDay: series(),
    overMessagingByDay: series(),
    repeatByDaySinceJoin: new Int32Array(arms * (days + 1)),
    ruleActs: new Int32Array(arms * rules),
    ruleActDays: new Float64Array(arms * rules),
    totals: new Float64Array(arms * TOTAL_FIELDS),
  };
}

/** The typed arrays of a block, for transfer lists. */
export function blockBuffers(block: BlockOutcome): ArrayBuffer[] {
  return Object.values(block)
    .filter((v): v is Int32Array => ArrayBuffer.isView(v))
    .map((v) => v.buffer as ArrayBuffer);
}

/** The per-member arrays of a block (concatenated on merge); every other array is summed. */
export const PER_MEMBER_KEYS = [
  "arm",
  "joinDay",
  "firstPurchaseDay",
  "churnDay",
  "churnCause",
  "purchases",
  "revenue",
  "clv",
  "cost",
  "messages",
  "optedOut",
  "subscribed",
  "lastActivityDay",
  "depthEnd",
  "referred",
  "tier",
  "points",
] as const satisfies readonly (keyof BlockOutcome)[];

export const SUMMED_KEYS = [
  "stageDiff",
  "depthDiff",
  "purchasesByDay",
  "revenueByDay",
  "messagesByDay",
  "optOutsByDay",
  "overMessagingByDay",
  "repeatByDaySinceJoin",
  "ruleActs",
  "ruleActDays",
  "totals",
] as const satisfies readonly (keyof BlockOutcome)[];
