import {
  type CompiledRule,
  HOUR_ACTIVE,
  HOUR_FIXED,
  type MemberView,
  type Plan,
} from "../../strategies/compile.ts";
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
  };

  plan!: Plan;
  arm = 0;
  root = 0;
  isRoot = true;
  seed = 0;
  children = 0;
  joinDay = 0;
  acquisition = 0;
  lambda = 0;
  pDrop = 0;
  spendRate = 0;
  tolerance = 1;
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
  fatigueHour = 0;
  boostMultiplier = 1;
  boostAdded = 0;
  boostUntilDay = 0;
  couponValue = 0;
  couponUntilHour = 0;
  couponId = 0;
  discountPercent = 0;
  discountUntilHour = 0;
  accessUntilDay = -1;
  tier = 0;
  points = 0;
  ratePerDay = 0;
  noPurchaseDay = 1;
  rateValidUntilDay = 0;

  constructor(
    readonly t: Tables,
    readonly plans: readonly Plan[],
    readonly out: BlockOutcome,
  ) {
    this.starts = new Int32Array(Math.max(1, ...plans.map((p) => p.rules.length)));
  }

  /** The purchase rate per day from the member's own λ and the boosts and offers running today. */
  updateRate(): void {
    const day = this.day;
    let rate = this.lambda;
    let until = 1e9;
    if (day < this.boostUntilDay) {
      rate = rate * this.boostMultiplier + this.boostAdded;
      until = this.boostUntilDay;
    }
    if (this.couponValue > 0 && this.couponUntilHour > day * 24) {
      rate = rate * (1 + this.t.couponLift) + this.t.couponAddedRate;
      until = Math.min(until, Math.ceil(this.couponUntilHour / 24));
    }
    if (this.discountPercent > 0 && this.discountUntilHour > day * 24) {
      rate =
        rate * (1 + this.t.discountElasticity * this.discountPercent) +
        this.t.discountAddedRate * this.discountPercent;
      until = Math.min(until, Math.ceil(this.discountUntilHour / 24));
    }
    this.ratePerDay = rate;
    this.noPurchaseDay = Math.exp(-rate);
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

  /** Money spent on the member at `day`: discounted like revenue in the member's net CLV. */
  spend(amount: number, day: number): void {
    this.out.cost[this.root] += amount * this.t.discountByDay[day];
    if (day - this.joinDay < this.t.instantWindowDays)
      this.out.totals[this.arm * TOTAL_FIELDS + TOTAL.earlyCost] += amount;
  }

  churn(cause: number): void {
    this.alive = false;
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
    const expiring = trigger === ON.couponExpiring || trigger === ON.courseExpiring;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (trigger === ON.stageChanged && rule.stage >= 0 && rule.stage !== this.stage) continue;
      if (rule.maxPerMember > 0 && this.starts[rule.index] >= rule.maxPerMember) continue;
      let when = at + rule.delayHours;
      if (expiring) when -= rule.daysBefore * 24;
      if (trigger === ON.inactive) when += rule.inactiveDays * 24;
      when = this.sendHour(rule, when, now);
      // A reminder of an expiry goes out before it, never after.
      if (expiring && when >= at) continue;
      if (when >= this.t.days * 24) continue;
      this.starts[rule.index]++;
      this.schedule.push(when, rule.index, now, rule.repeatTimes, ref);
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
