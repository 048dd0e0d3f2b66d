import {
  type CompiledRule,
  HOUR_ACTIVE,
  HOUR_FIXED,
  type MemberView,
  type Plan,
} from "../../strategies/compile.ts";
import { CHANNELS } from "../../strategies/vocabulary.ts";
import { hash32 } from "../random.ts";
import { ON } from "./codes.ts";
import { type BlockOutcome, CAUSE_OVER_MESSAGING, TOTAL, TOTAL_FIELDS } from "./outcomes.ts";
import { StreamRng } from "./rng.ts";
import { Schedule } from "./schedule.ts";
import type { Tables } from "./tables.ts";

/** A member to simulate: a randomised member of the block, or one brought in by a referral. */
export type Arrival = {
  seed: number;
  arm: number;
  /** Index in the block of the randomised member whose tree this member belongs to. */
  root: number;
  isRoot: boolean;
  /** Join day, or -1 to draw it over the acquisition window. */
  joinDay: number;
};

/** Called when a member brings in someone new. */
export type ReferralSink = (arrival: Arrival, joinHour: number) => void;

/**
 * The member being simulated: every field the member modules read and write, and the small
 * operations they share (rate, events, activity, spending, leaving). member.ts runs the days,
 * member-sends.ts the scheduled sends, member-lifecycle.ts stage and depth; all three import this
 * module and none imports another, so the state has one home. Fields are reset per member, so a
 * million members allocate nothing.
 */
export class MemberState {
  readonly base = new StreamRng();
  readonly msg = new StreamRng();
  readonly schedule = new Schedule();
  readonly starts: Int32Array;
  readonly capDay = new Int32Array(7);
  readonly capCount = new Int32Array(7);
  readonly view: MemberView = {
    stage: 0,
    depth: 0,
    purchases: 0,
    reachable: 0,
    tags: 0,
    acquisition: 0,
    daysSinceJoin: 0,
    recencyDays: 0,
    monetary: 0,
    daysSinceOpen: 0,
    lastMessageOpened: 0,
    tier: 0,
    points: 0,
    paidVip: 0,
  };
  /** Per channel: the calendar day, week and 30-day month of the last delivery, and the counts in them. */
  readonly channelDay = new Int32Array(CHANNELS.length);
  readonly channelDayCount = new Int32Array(CHANNELS.length);
  readonly channelWeek = new Int32Array(CHANNELS.length);
  readonly channelWeekCount = new Int32Array(CHANNELS.length);
  readonly channelMonth = new Int32Array(CHANNELS.length);
  readonly channelMonthCount = new Int32Array(CHANNELS.length);

  plan!: Plan;
  arm = 0;
  root = 0;
  isRoot = true;
  seed = 0;
  children = 0;
  joinDay = 0;
  acquisition = 0;
  /** λ, p and tolerance as drawn; `lambda`, `pDrop`, `tolerance` are them after relationship effects. */
  baseLambda = 0;
  basePDrop = 0;
  baseTolerance = 1;
  lambda = 0;
  pDrop = 0;
  spendRate = 0;
  tolerance = 1;
  referralFactor = 1;
  /** Channels reachable at join: relationship effects count from here. */
  joinReachable = 0;
  /** Engagement with content: grows per opened message, halves every engagementHalfLifeDays. */
  engagement = 0;
  engagementDay = 0;
  /** The next day engagement's effects are re-evaluated. */
  engagementCheckDay = 1e9;
  /** The member's segment of the demand curve, and the day the next one starts. */
  demandSegment = 0;
  nextDemandDay = 1e9;
  /** Deal-proneness trained by discounts: multiplies the member's own rate. */
  dealFactor = 1;
  /** Own purchases that discounts pulled forward and the future has still to give back. */
  forwardDebt = 0;
  /** Non-buyer disengagement: hazard left at `hazardDay`, and its multiplier since then. */
  hazardLeft = 0;
  hazardDay = 0;
  disengageMultiplier = 1;
  activeStart = 0;
  activeEnd = 24;
  kocProne = false;
  disengageDay = 0;
  subscribed = 0;
  optedOut = 0;
  alive = true;
  day = 0;
  stage = 0;
  stageSince = 0;
  depth = 0;
  depthSince = 0;
  engaged = false;
  nextReviewDay = 0;
  purchases = 0;
  monetary = 0;
  firstPurchaseDay = -1;
  lastPurchaseDay = -1;
  prevPurchaseDay = -1;
  lastPurchaseHour = -1;
  lastActivityHour = 0;
  lastOpenHour = -1;
  wecomFriendHour = -1;
  fatigue = 0;
  fatigueLong = 0;
  fatigueHour = 0;
  /** 1 when the last delivered message was opened. */
  lastMessageOpened = 0;
  customTags = 0;
  boostMultiplier = 1;
  boostAdded = 0;
  boostUntilDay = 0;
  boostStartDay = 0;
  couponValue = 0;
  couponUntilHour = 0;
  couponId = 0;
  couponMinSpend = 0;
  couponSeen = true;
  couponLiftNow = 0;
  couponAddedNow = 0;
  discountPercent = 0;
  discountUntilHour = 0;
  discountSeen = true;
  accessUntilDay = -1;
  tier = 0;
  points = 0;
  /** Paid VIP: the day the term ends (-1: never a VIP) and the next monthly gift. */
  vipUntilDay = -1;
  nextGiftDay = 1e9;
  /** The next day the membership needs a look (a gift or a term end). */
  nextMembershipDay = 1e9;
  ratePerDay = 0;
  /** Hazard left until the next purchase: an Exp(1) draw, spent at the purchase rate. */
  purchaseBudget = 0;
  rateValidUntilDay = 0;

  constructor(
    readonly t: Tables,
    readonly plans: readonly Plan[],
    readonly out: BlockOutcome,
    readonly refer: ReferralSink,
    /** Told when a member leaves annoyed: the block takes referrals away (negative word of mouth). */
    readonly annoyedLeaver: (arm: number, day: number) => void = () => {},
  ) {
    this.starts = new Int32Array(Math.max(1, ...plans.map((p) => p.rules.length)));
  }

  /** The purchase rate per day from the member's own λ and the boosts and offers running today. */
  updateRate(): void {
    const t = this.t;
    const day = this.day;
    let rate = this.lambda;
    // Engagement decays: the member loop re-evaluates its effects at engagementCheckDay.
    let until = this.engagement > 0 ? this.engagementCheckDay : 1e9;
    if (day < this.boostUntilDay) {
      if (t.boostLinear) {
        // Fades from the full boost on its first day to nothing after boostDays.
        const left = (this.boostUntilDay - day) / t.boostDays;
        rate = rate * (1 + (this.boostMultiplier - 1) * left) + this.boostAdded * left;
        until = day + 1;
      } else {
        rate = rate * this.boostMultiplier + this.boostAdded;
        until = Math.min(until, this.boostUntilDay);
      }
    }
    if (this.couponValue > 0 && this.couponUntilHour > day * 24) {
      if (this.couponSeen) rate = rate * (1 + this.couponLiftNow) + this.couponAddedNow;
      until = Math.min(until, Math.ceil(this.couponUntilHour / 24));
    }
    if (this.discountPercent > 0 && this.discountUntilHour > day * 24) {
      if (this.discountSeen)
        rate =
          rate * (1 + t.discountElasticity * this.discountPercent) +
          t.discountAddedRate * this.discountPercent;
      until = Math.min(until, Math.ceil(this.discountUntilHour / 24));
    }
    this.ratePerDay = rate;
    this.rateValidUntilDay = until;
  }

  /** An interaction that can change stage and depth: reviewed at the start of the next day. */
  engage(): void {
    this.engaged = true;
    this.nextReviewDay = 0;
  }

  /** A purchase or an opened message: resets recency and re-arms the `inactive` rules. */
  activity(at: number): void {
    this.lastActivityHour = at;
    this.nextReviewDay = 0;
    this.fire(ON.inactive, at, at);
  }

  /** Money spent on the member at `day`, counted under `field` of the arm's totals. */
  spend(amount: number, day: number, field: number): void {
    this.out.totals[this.arm * TOTAL_FIELDS + field] += amount;
    this.charge(amount, day);
  }

  /** Cost on the member's account: discounted like revenue, so net CLV subtracts like from like. */
  charge(amount: number, day: number): void {
    this.out.cost[this.root] += amount * this.t.discountByDay[day];
    if (day - this.joinDay < this.t.instantWindowDays)
      this.out.totals[this.arm * TOTAL_FIELDS + TOTAL.earlyCost] += amount;
  }

  /** Money from the member at `at` (an order or a fee): revenue, CLV and the daily series. */
  earn(value: number, at: number): void {
    const t = this.t;
    const out = this.out;
    const day = Math.floor(at / 24);
    const a = this.arm * TOTAL_FIELDS;
    out.totals[a + TOTAL.revenue] += value;
    out.totals[a + TOTAL.discountedRevenue] += value * t.discountByDay[day];
    if (day - this.joinDay < t.instantWindowDays) out.totals[a + TOTAL.earlyRevenue] += value;
    out.revenueByDay[this.arm * t.days + day] += value;
    out.clv[this.root] += value * t.discountByDay[day];
    if (this.isRoot) out.revenue[this.root] += value;
    else out.totals[a + TOTAL.referredRevenue] += value;
  }

  referNewMember(day: number, at: number): void {
    this.children++;
    this.nextReviewDay = 0;
    if (day >= this.t.days) return;
    const hour = Math.min(23.99, at - day * 24 + this.t.referralDelayHours);
    this.refer(
      {
        seed: hash32(this.seed, this.children),
        arm: this.arm,
        root: this.root,
        isRoot: false,
        joinDay: day,
      },
      hour,
    );
  }

  churn(cause: number): void {
    this.alive = false;
    if (cause === CAUSE_OVER_MESSAGING && this.t.lostPerAnnoyedLeaver > 0)
      this.annoyedLeaver(this.arm, this.day);
    if (!this.isRoot) return;
    if (cause === CAUSE_OVER_MESSAGING)
      this.out.overMessagingByDay[this.arm * this.t.days + this.day]++;
    this.out.churnDay[this.root] = this.day - this.joinDay;
    this.out.churnCause[this.root] = cause;
  }

  /**
   * Starts the rules of a trigger that happens at time `at` (hours since day 0; an expiry may lie
   * ahead of `now`); `ref` tells a stale event from a live one at send time.
   */
  fire(trigger: number, at: number, ref: number, now = at): void {
    const rules = this.plan.byTrigger[trigger];
    const expiring =
      trigger === ON.couponExpiring ||
      trigger === ON.courseExpiring ||
      trigger === ON.membershipExpiring;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (trigger === ON.stageChanged && rule.stage >= 0 && rule.stage !== this.stage) continue;
      if (rule.maxPerMember > 0 && this.starts[rule.index] >= rule.maxPerMember) continue;
      let when = at + rule.delayHours;
      if (expiring) when -= rule.daysBefore * 24;
      if (trigger === ON.inactive) when += rule.inactiveDays * 24;
      when = this.sendHour(rule, when, now);
      // A staff task (a WeCom send) goes out when the staff member gets to it.
      if (rule.channel >= 0 && this.t.channelDelayHours[rule.channel] > 0)
        when -= this.t.channelDelayHours[rule.channel] * Math.log1p(-this.msg.next());
      // A reminder of an expiry goes out before it, never after.
      if (expiring && when >= at) continue;
      if (when >= this.t.days * 24) continue;
      this.starts[rule.index]++;
      this.schedule.push(when, rule.index, now, rule.repeatTimes, ref);
    }
  }

  /**
   * Campaign days (a sale, a launch) on the run's calendar: each rule fires at its day and hour
   * for a member who has joined by then; a repeating campaign starts at its first occurrence
   * after the join.
   */
  fireCampaigns(joinAt: number): void {
    const rules = this.plan.byTrigger[ON.campaignDay];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      const start = rule.day * 24;
      let when = this.sendHour(rule, start + rule.delayHours, start);
      let left = rule.repeatTimes;
      if (when < joinAt) {
        if (rule.repeatEveryHours <= 0) continue;
        const skipped = Math.ceil((joinAt - when) / rule.repeatEveryHours);
        if (skipped > left) continue;
        when += skipped * rule.repeatEveryHours;
        left -= skipped;
      }
      if (rule.channel >= 0 && this.t.channelDelayHours[rule.channel] > 0)
        when -= this.t.channelDelayHours[rule.channel] * Math.log1p(-this.msg.next());
      if (when >= this.t.days * 24) continue;
      this.starts[rule.index]++;
      this.schedule.push(when, rule.index, when, left, 0);
    }
  }

  /**
   * When a rule fires: its delay after the trigger, then at a fixed hour or the start of the
   * member's active hours on that calendar day — but never before `now`.
   */
  sendHour(rule: CompiledRule, when: number, now: number): number {
    if (rule.hourMode !== HOUR_FIXED && rule.hourMode !== HOUR_ACTIVE) return Math.max(when, now);
    const dayStart = Math.floor(when / 24) * 24;
    if (rule.hourMode === HOUR_ACTIVE) {
      const hour = when - dayStart;
      if (hour >= this.activeStart && hour < this.activeEnd) return Math.max(when, now);
    }
    const at = dayStart + (rule.hourMode === HOUR_FIXED ? rule.hour : this.activeStart);
    return at < now ? at + 24 : at;
  }
}
