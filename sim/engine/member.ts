import {
  type CompiledRule,
  HOUR_ACTIVE,
  HOUR_FIXED,
  type MemberView,
  type Plan,
} from "../../strategies/compile.ts";
import { CHANNELS, DEPTHS, STAGES } from "../../strategies/vocabulary.ts";
import { hash32, sampleBeta, sampleGamma } from "../random.ts";
import { DEPTH, ON, REFERRAL, STAGE } from "./codes.ts";
import { closeStretch, updateDepth, updateStage } from "./member-lifecycle.ts";
import { executeSend } from "./member-sends.ts";
import {
  type BlockOutcome,
  CAUSE_NATURAL,
  CAUSE_OVER_MESSAGING,
  TOTAL,
  TOTAL_FIELDS,
} from "./outcomes.ts";
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
 * Simulates one member at a time from join to horizon, day by day, with the hours of the day for
 * messages: a BG/NBD purchase process whose rate messages, coupons and discounts raise for a while;
 * fatigue that builds per message and decays; opt-outs and leaving; lifecycle stage and depth.
 * All state is in fields reset per member, so simulating a million members allocates nothing.
 * The fields are open to the engine's member modules (member-sends.ts: scheduled sends and
 * messages; member-lifecycle.ts: stage and depth); nothing outside sim/engine touches them.
 */
export class MemberSimulator {
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

  // The member being simulated.
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
    readonly refer: ReferralSink,
  ) {
    this.starts = new Int32Array(Math.max(1, ...plans.map((p) => p.rules.length)));
  }

  simulate(arrival: Arrival, joinHour: number): void {
    this.reset(arrival, joinHour);
    const t = this.t;
    const days = t.days;
    const tJoin = this.joinDay * 24 + joinHour;
    if (this.isRoot) this.out.joinDay[this.root] = this.joinDay;
    this.fire(ON.joined, tJoin, 0);
    if (t.purchaseAtJoin) this.purchase(tJoin, true);
    for (let day = this.joinDay; day < days && this.alive; day++) {
      this.day = day;
      if (this.purchases === 0 && day >= this.disengageDay) {
        this.churn(CAUSE_NATURAL);
        break;
      }
      // Stage and depth change only on events or at known days; skip the days in between.
      if (day >= this.nextReviewDay)
        this.nextReviewDay = Math.min(updateStage(this), updateDepth(this));
      if (day >= this.rateValidUntilDay) this.updateRate();
      this.runDay(day * 24, day * 24 + 24);
    }
    this.finish();
  }

  reset(arrival: Arrival, joinHour: number): void {
    const t = this.t;
    const base = this.base;
    this.plan = this.plans[arrival.arm];
    this.arm = arrival.arm;
    this.root = arrival.root;
    this.isRoot = arrival.isRoot;
    this.seed = arrival.seed;
    this.children = 0;
    base.reseed(arrival.seed);
    this.msg.reseed(arrival.seed ^ 0x5bd1e995);
    this.schedule.clear();
    this.starts.fill(0);
    // A day no member can have (days before 0 are looked at by the 7-day cap window).
    this.capDay.fill(-0x7fffffff);
    // Draws in a fixed order, so a member is the same person under every arm (common random numbers).
    // Arrivals spread over the acquisition window, cut at the horizon when the run is shorter.
    const drawnJoin = Math.floor(base.next() * Math.min(t.windowDays, t.days));
    this.joinDay = arrival.joinDay >= 0 ? arrival.joinDay : drawnJoin;
    this.acquisition = arrival.isRoot ? pick(t.acquisitionCumulative, base.next()) : REFERRAL;
    let subscribed = 0;
    for (let c = 0; c < CHANNELS.length; c++) {
      if (base.next() < t.subscribe[this.acquisition * CHANNELS.length + c]) subscribed |= 1 << c;
    }
    this.subscribed = subscribed;
    this.optedOut = 0;
    this.lambda = sampleGamma(base.next, t.r, t.alpha);
    this.pDrop = sampleBeta(base.next, t.a, t.b);
    this.spendRate = sampleGamma(base.next, t.spendQ, t.spendGamma);
    this.tolerance = sampleGamma(base.next, t.toleranceShape, t.toleranceRate);
    const window = pick(t.activeCumulative, base.next());
    this.activeStart = t.activeStart[window];
    this.activeEnd = t.activeEnd[window];
    this.kocProne = base.next() < t.kocProneShare;
    const u = base.next();
    this.disengageDay =
      t.nonBuyerHazard > 0 ? this.joinDay + Math.floor(-Math.log1p(-u) / t.nonBuyerHazard) : 1e9;
    this.alive = true;
    this.day = this.joinDay;
    this.stage = STAGE["break-in"];
    this.stageSince = this.joinDay;
    this.depth = DEPTH.basic;
    this.depthSince = this.joinDay;
    this.engaged = false;
    this.nextReviewDay = 0;
    this.purchases = 0;
    this.monetary = 0;
    this.firstPurchaseDay = -1;
    this.lastPurchaseDay = -1;
    this.prevPurchaseDay = -1;
    this.lastPurchaseHour = -1;
    this.lastActivityHour = this.joinDay * 24 + joinHour;
    this.lastOpenHour = -1;
    this.wecomFriendHour = -1;
    this.fatigue = 0;
    this.fatigueHour = 0;
    this.boostMultiplier = 1;
    this.boostAdded = 0;
    this.boostUntilDay = 0;
    this.couponValue = 0;
    this.couponUntilHour = 0;
    this.couponId = 0;
    this.discountPercent = 0;
    this.discountUntilHour = 0;
    this.accessUntilDay = -1;
    this.tier = 0;
    this.points = 0;
    this.updateRate();
  }

  /**
   * One day: purchases arrive as a Poisson process at the current rate, cut at every scheduled
   * send. A day with nothing scheduled costs one uniform draw (the fast path of the engine).
   */
  runDay(dayStart: number, dayEnd: number): void {
    const schedule = this.schedule;
    let cursor = dayStart;
    while (this.alive) {
      const next =
        schedule.size > 0 && schedule.peekTime() < dayEnd
          ? Math.max(schedule.peekTime(), cursor)
          : dayEnd;
      const bought = this.purchaseBetween(cursor, next, cursor === dayStart && next === dayEnd);
      if (bought >= 0) {
        cursor = bought;
        continue;
      }
      if (next === dayEnd) return;
      executeSend(this, next);
      cursor = next;
    }
  }

  /** Draws whether a purchase falls in [from, to); if so makes it and returns its time, else -1. */
  purchaseBetween(from: number, to: number, wholeDay: boolean): number {
    const rate = this.ratePerDay / 24;
    const none = wholeDay ? this.noPurchaseDay : Math.exp(-rate * (to - from));
    const u = this.base.next();
    if (u < none || rate <= 0) return -1;
    // The first arrival given at least one in the stretch, from the same uniform.
    const at = Math.min(to - 1e-9, from - Math.log(1 - u + none) / rate);
    this.purchase(at, false);
    return at;
  }

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

  purchase(at: number, atJoin: boolean): void {
    const t = this.t;
    const out = this.out;
    const day = Math.floor(at / 24);
    const arm = this.arm;
    const a = arm * TOTAL_FIELDS;
    let value = sampleGamma(this.base.next, t.spendP, this.spendRate);
    if (!Number.isFinite(value)) value = 0;
    this.purchases++;
    this.monetary += value;
    this.points += value * t.pointsPerYuan;
    let cost = 0;
    if (this.couponValue > 0 && this.couponUntilHour > at) {
      const used = Math.min(this.couponValue, value);
      out.totals[a + TOTAL.couponCost] += used;
      cost += used;
      this.couponValue = 0;
    }
    if (this.discountPercent > 0 && this.discountUntilHour > at) {
      out.totals[a + TOTAL.discountCost] += value * this.discountPercent;
      cost += value * this.discountPercent;
    }
    this.spend(cost, day);
    out.totals[a + TOTAL.purchases]++;
    out.totals[a + TOTAL.revenue] += value;
    out.totals[a + TOTAL.discountedRevenue] += value * t.discountByDay[day];
    if (day - this.joinDay < t.instantWindowDays) out.totals[a + TOTAL.earlyRevenue] += value;
    out.purchasesByDay[arm * t.days + day]++;
    out.revenueByDay[arm * t.days + day] += value;
    out.clv[this.root] += value * t.discountByDay[day];
    if (this.isRoot) {
      out.purchases[this.root]++;
      out.revenue[this.root] += value;
      if (!atJoin) out.repeatByDaySinceJoin[arm * (t.days + 1) + day - this.joinDay]++;
    }
    if (this.firstPurchaseDay < 0) this.firstPurchaseDay = day;
    this.prevPurchaseDay = this.lastPurchaseDay;
    this.lastPurchaseDay = day;
    this.lastPurchaseHour = at;
    this.activity(at);
    const access = Math.max(this.accessUntilDay, day + t.accessDays);
    if (access !== this.accessUntilDay) {
      this.accessUntilDay = access;
      this.fire(ON.courseExpiring, access * 24, access);
      this.fire(ON.renewalDue, access * 24, access);
    }
    if (this.purchases === 1) this.fire(ON.firstPurchase, at, 0);
    this.fire(ON.purchased, at, 0);
    const referP = t.referralProbability * (this.kocProne ? t.kocMultiplier : 1);
    if (referP > 0 && this.base.next() < referP) this.referNewMember(day, at);
    this.updateRate();
    // BG/NBD drop-out follows the member's own purchases: a purchase that a message or offer
    // added (share 1 − λ / current rate) gives no extra chance to drop out. Under control every
    // purchase is the member's own, so the closed form holds.
    const dropDraw = this.base.next();
    const own = this.ratePerDay <= this.lambda || this.msg.next() * this.ratePerDay < this.lambda;
    if (!atJoin && own && dropDraw < this.pDrop) this.churn(CAUSE_NATURAL);
  }

  referNewMember(day: number, at: number): void {
    this.children++;
    this.nextReviewDay = 0;
    if (day >= this.t.days) return;
    const hour = Math.min(23.99, at - day * 24 + 1);
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

  /** An interaction that can change stage and depth: reviewed at the start of the next day. */
  engage(): void {
    this.engaged = true;
    this.nextReviewDay = 0;
  }

  activity(at: number): void {
    this.lastActivityHour = at;
    this.nextReviewDay = 0;
    this.fire(ON.inactive, at, at);
  }

  spend(amount: number, day: number): void {
    this.out.cost[this.root] += amount;
    if (day - this.joinDay < this.t.instantWindowDays)
      this.out.totals[this.arm * TOTAL_FIELDS + TOTAL.earlyCost] += amount;
  }

  churn(cause: number): void {
    this.alive = false;
    if (cause === CAUSE_OVER_MESSAGING)
      this.out.overMessagingByDay[this.arm * this.t.days + this.day]++;
    if (this.isRoot) {
      this.out.churnDay[this.root] = this.day - this.joinDay;
      this.out.churnCause[this.root] = cause;
    }
  }

  /** Starts the rules of a trigger at time `at` (hours since day 0); `ref` checks staleness later. */
  fire(trigger: number, at: number, ref: number): void {
    const rules = this.plan.byTrigger[trigger];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (trigger === ON.stageChanged && rule.stage >= 0 && rule.stage !== this.stage) continue;
      if (rule.maxPerMember > 0 && this.starts[rule.index] >= rule.maxPerMember) continue;
      let when = at + rule.delayHours;
      if (trigger === ON.couponExpiring || trigger === ON.courseExpiring)
        when -= rule.daysBefore * 24;
      if (trigger === ON.inactive) when += rule.inactiveDays * 24;
      when = this.sendHour(rule, when, at);
      if (when >= this.t.days * 24) continue;
      this.starts[rule.index]++;
      this.schedule.push(when, rule.index, at, rule.repeatTimes, ref);
    }
  }

  /**
   * When a rule fires: its delay after the trigger, then at a fixed hour or the start of the
   * member's active hours on that calendar day — but never before the trigger itself.
   */
  sendHour(rule: CompiledRule, when: number, trigger: number): number {
    if (rule.hourMode !== HOUR_FIXED && rule.hourMode !== HOUR_ACTIVE) return when;
    const dayStart = Math.floor(when / 24) * 24;
    if (rule.hourMode === HOUR_ACTIVE) {
      const hour = when - dayStart;
      if (hour >= this.activeStart && hour < this.activeEnd) return when;
    }
    const at = dayStart + (rule.hourMode === HOUR_FIXED ? rule.hour : this.activeStart);
    return at < trigger ? at + 24 : at;
  }

  finish(): void {
    const t = this.t;
    const out = this.out;
    const end = this.alive ? t.days : Math.min(t.days, this.day + 1);
    closeStretch(this, out.stageDiff, STAGES.length, this.stage, this.stageSince, end);
    closeStretch(this, out.depthDiff, DEPTHS.length, this.depth, this.depthSince, end);
    if (!this.alive) closeStretch(this, out.stageDiff, STAGES.length, STAGE.churned, end, t.days);
    if (this.isRoot) {
      out.lastActivityDay[this.root] = Math.floor(this.lastActivityHour / 24);
      out.depthEnd[this.root] = this.depth;
      out.subscribed[this.root] = this.subscribed;
      out.tier[this.root] = this.tier;
      out.points[this.root] = this.points;
      out.optedOut[this.root] = this.optedOut;
    } else {
      out.totals[this.arm * TOTAL_FIELDS + TOTAL.referredMembers]++;
      out.referred[this.root]++;
    }
  }
}

/** Index of the first cumulative share above u. */
function pick(cumulative: Float64Array, u: number): number {
  let i = 0;
  while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
  return i;
}
