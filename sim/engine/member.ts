import {
  type CompiledRule,
  EXIT_OPENED,
  EXIT_PURCHASED,
  EXIT_WECOM,
  HOUR_ACTIVE,
  HOUR_FIXED,
  type MemberView,
  type Plan,
} from "../../strategies/compile.ts";
import { MEMBER_TAGS } from "../../strategies/types.ts";
import { CHANNELS, DEPTHS, STAGES, TRIGGERS } from "../../strategies/vocabulary.ts";
import { hash32, sampleBeta, sampleGamma } from "../random.ts";
import {
  type BlockOutcome,
  CAUSE_NATURAL,
  CAUSE_OVER_MESSAGING,
  TOTAL,
  TOTAL_FIELDS,
} from "./outcomes.ts";
import { StreamRng } from "./rng.ts";
import { Schedule } from "./schedule.ts";
import { LIVE_STAGES, type Tables } from "./tables.ts";

const ON = Object.fromEntries(TRIGGERS.map((t, i) => [t, i])) as Record<
  (typeof TRIGGERS)[number],
  number
>;
const STAGE = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<
  (typeof STAGES)[number],
  number
>;
const DEPTH = Object.fromEntries(DEPTHS.map((d, i) => [d, i])) as Record<
  (typeof DEPTHS)[number],
  number
>;
const TAG = Object.fromEntries(MEMBER_TAGS.map((t, i) => [t, 1 << i])) as Record<
  (typeof MEMBER_TAGS)[number],
  number
>;
const WECOM = 1 << CHANNELS.indexOf("wecom");
const COMMUNITY = 1 << CHANNELS.indexOf("community");
const OFFICIAL = 1 << CHANNELS.indexOf("officialAccount");
const REFERRAL = 3; // ACQUISITION_CHANNELS index of "referral"

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
 */
export class MemberSimulator {
  private readonly base = new StreamRng();
  private readonly msg = new StreamRng();
  private readonly schedule = new Schedule();
  private readonly starts: Int32Array;
  private readonly capDay = new Int32Array(7);
  private readonly capCount = new Int32Array(7);
  private readonly view: MemberView = {
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
  private plan!: Plan;
  private arm = 0;
  private root = 0;
  private isRoot = true;
  private seed = 0;
  private children = 0;
  private joinDay = 0;
  private acquisition = 0;
  private lambda = 0;
  private pDrop = 0;
  private spendRate = 0;
  private tolerance = 1;
  private activeStart = 0;
  private activeEnd = 24;
  private kocProne = false;
  private disengageDay = 0;
  private subscribed = 0;
  private optedOut = 0;
  private alive = true;
  private day = 0;
  private stage = 0;
  private stageSince = 0;
  private depth = 0;
  private depthSince = 0;
  private engaged = false;
  private nextReviewDay = 0;
  private purchases = 0;
  private monetary = 0;
  private firstPurchaseDay = -1;
  private lastPurchaseDay = -1;
  private prevPurchaseDay = -1;
  private lastPurchaseHour = -1;
  private lastActivityHour = 0;
  private lastOpenHour = -1;
  private wecomFriendHour = -1;
  private fatigue = 0;
  private fatigueHour = 0;
  private boostMultiplier = 1;
  private boostAdded = 0;
  private boostUntilDay = 0;
  private couponValue = 0;
  private couponUntilHour = 0;
  private couponId = 0;
  private discountPercent = 0;
  private discountUntilHour = 0;
  private accessUntilDay = -1;
  private tier = 0;
  private points = 0;
  private ratePerDay = 0;
  private noPurchaseDay = 1;
  private rateValidUntilDay = 0;

  constructor(
    private readonly t: Tables,
    private readonly plans: readonly Plan[],
    private readonly out: BlockOutcome,
    private readonly refer: ReferralSink,
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
        this.nextReviewDay = Math.min(this.updateStage(), this.updateDepth());
      if (day >= this.rateValidUntilDay) this.updateRate();
      this.runDay(day * 24, day * 24 + 24);
    }
    this.finish();
  }

  private reset(arrival: Arrival, joinHour: number): void {
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
  private runDay(dayStart: number, dayEnd: number): void {
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
      this.execute(next);
      cursor = next;
    }
  }

  /** Draws whether a purchase falls in [from, to); if so makes it and returns its time, else -1. */
  private purchaseBetween(from: number, to: number, wholeDay: boolean): number {
    const rate = this.ratePerDay / 24;
    const none = wholeDay ? this.noPurchaseDay : Math.exp(-rate * (to - from));
    const u = this.base.next();
    if (u < none || rate <= 0) return -1;
    // The first arrival given at least one in the stretch, from the same uniform.
    const at = Math.min(to - 1e-9, from - Math.log(1 - u + none) / rate);
    this.purchase(at, false);
    return at;
  }

  private updateRate(): void {
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

  private purchase(at: number, atJoin: boolean): void {
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

  private referNewMember(day: number, at: number): void {
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
  private engage(): void {
    this.engaged = true;
    this.nextReviewDay = 0;
  }

  private activity(at: number): void {
    this.lastActivityHour = at;
    this.nextReviewDay = 0;
    this.fire(ON.inactive, at, at);
  }

  private spend(amount: number, day: number): void {
    this.out.cost[this.root] += amount;
    if (day - this.joinDay < this.t.instantWindowDays)
      this.out.totals[this.arm * TOTAL_FIELDS + TOTAL.earlyCost] += amount;
  }

  private churn(cause: number): void {
    this.alive = false;
    if (cause === CAUSE_OVER_MESSAGING)
      this.out.overMessagingByDay[this.arm * this.t.days + this.day]++;
    if (this.isRoot) {
      this.out.churnDay[this.root] = this.day - this.joinDay;
      this.out.churnCause[this.root] = cause;
    }
  }

  /** Starts the rules of a trigger at time `at` (hours since day 0); `ref` checks staleness later. */
  private fire(trigger: number, at: number, ref: number): void {
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
  private sendHour(rule: CompiledRule, when: number, trigger: number): number {
    if (rule.hourMode !== HOUR_FIXED && rule.hourMode !== HOUR_ACTIVE) return when;
    const dayStart = Math.floor(when / 24) * 24;
    if (rule.hourMode === HOUR_ACTIVE) {
      const hour = when - dayStart;
      if (hour >= this.activeStart && hour < this.activeEnd) return when;
    }
    const at = dayStart + (rule.hourMode === HOUR_FIXED ? rule.hour : this.activeStart);
    return at < trigger ? at + 24 : at;
  }

  private execute(now: number): void {
    const s = this.schedule;
    const ruleIndex = s.peekRule();
    const series = s.peekSeries();
    const left = s.peekLeft();
    const ref = s.peekRef();
    s.pop();
    const rule = this.plan.rules[ruleIndex];
    if (!this.stillDue(rule, ref, series)) return;
    const plan = this.plan;
    if (plan.quietStart >= 0 && rule.messageKind >= 0) {
      const hour = now - Math.floor(now / 24) * 24;
      const q0 = plan.quietStart;
      const q1 = plan.quietEnd;
      if (q0 < q1 ? hour >= q0 && hour < q1 : hour >= q0 || hour < q1) {
        const resume = Math.floor(now / 24) * 24 + q1;
        const at = resume <= now ? resume + 24 : resume;
        if (at < this.t.days * 24) s.push(at, ruleIndex, series, left, ref);
        return;
      }
    }
    if (rule.messageKind < 0 || !this.capped()) this.act(rule, now);
    if (left > 0 && this.alive) {
      const at = now + rule.repeatEveryHours;
      if (at < this.t.days * 24) s.push(at, ruleIndex, series, left - 1, ref);
    }
  }

  /** Stale events, met exit goals and audiences that no longer match end a sequence. */
  private stillDue(rule: CompiledRule, ref: number, series: number): boolean {
    const trigger = rule.trigger;
    if (trigger === ON.couponExpiring && (ref !== this.couponId || this.couponValue <= 0))
      return false;
    if ((trigger === ON.courseExpiring || trigger === ON.renewalDue) && ref !== this.accessUntilDay)
      return false;
    if (trigger === ON.inactive && ref !== this.lastActivityHour) return false;
    const exit = rule.exitMask;
    if (exit !== 0) {
      if (exit & EXIT_PURCHASED && this.lastPurchaseHour >= series) return false;
      if (exit & EXIT_WECOM && this.wecomFriendHour >= series) return false;
      if (exit & EXIT_OPENED && this.lastOpenHour >= series) return false;
    }
    return rule.audience === null || rule.audience(this.describe());
  }

  /** Frequency caps: a capped send is skipped and the member moves on (as journey tools do). */
  private capped(): boolean {
    const plan = this.plan;
    if (plan.capPerDay === 0 && plan.capPerWeek === 0) return false;
    const day = this.day;
    let today = 0;
    let week = 0;
    for (let k = 0; k < 7; k++) {
      const d = day - k;
      const slot = ((d % 7) + 7) % 7;
      if (this.capDay[slot] === d) {
        week += this.capCount[slot];
        if (k === 0) today = this.capCount[slot];
      }
    }
    return (
      (plan.capPerDay > 0 && today >= plan.capPerDay) ||
      (plan.capPerWeek > 0 && week >= plan.capPerWeek)
    );
  }

  private act(rule: CompiledRule, now: number): void {
    const delivered = rule.messageKind < 0 || this.send(rule.messageKind, rule.channel, now);
    if (!delivered) return;
    const slot = this.arm * this.starts.length + rule.index;
    this.out.ruleActs[slot]++;
    this.out.ruleActDays[slot] += now / 24 - this.joinDay;
    if (!this.alive) return;
    const t = this.t;
    if (rule.couponValue > 0) {
      this.couponValue = rule.couponValue;
      this.couponUntilHour = now + rule.couponDays * 24;
      this.couponId++;
      this.engage();
      this.fire(ON.couponExpiring, this.couponUntilHour, this.couponId);
    }
    if (rule.discountPercent > 0) {
      this.discountPercent = rule.discountPercent;
      this.discountUntilHour = now + rule.discountDays * 24;
    }
    if (rule.giftCost > 0) {
      this.out.totals[this.arm * TOTAL_FIELDS + TOTAL.giftCost] += rule.giftCost;
      this.spend(rule.giftCost, this.day);
    }
    if (rule.inviteToGroup && !(this.subscribed & COMMUNITY) && this.msg.next() < t.groupJoinRate) {
      this.subscribed |= COMMUNITY;
      this.engage();
    }
    if (rule.addWecomFriend && !(this.subscribed & WECOM) && this.msg.next() < t.wecomAddRate) {
      this.subscribed |= WECOM;
      this.wecomFriendHour = now;
      this.engage();
    }
    if (rule.upgradeTier && this.tier < t.tiers - 1) {
      this.tier++;
      this.fire(ON.tierChanged, now, 0);
    }
    if (rule.kocTask && !this.kocProne && this.msg.next() < t.kocTaskAcceptance)
      this.kocProne = true;
    this.updateRate();
  }

  /** Delivers a message if the member is reachable there; returns whether it went out. */
  private send(kind: number, channel: number, now: number): boolean {
    const t = this.t;
    const bit = 1 << channel;
    if (!(this.subscribed & bit) || this.optedOut & bit) return false;
    if (t.channelExecution[channel] < 1 && this.msg.next() >= t.channelExecution[channel])
      return false;
    const out = this.out;
    const arm = this.arm;
    const day = this.day;
    const slot = day % 7;
    if (this.capDay[slot] !== day) {
      this.capDay[slot] = day;
      this.capCount[slot] = 0;
    }
    this.capCount[slot]++;
    out.totals[arm * TOTAL_FIELDS + TOTAL.messages]++;
    out.totals[arm * TOTAL_FIELDS + TOTAL.messageCost] += t.channelCost[channel];
    out.messagesByDay[arm * t.days + day]++;
    if (this.isRoot) out.messages[this.root]++;
    this.spend(t.channelCost[channel], day);
    const hour = now - day * 24;
    const inActive = hour >= this.activeStart && hour < this.activeEnd;
    const fit = t.fit[kind * LIVE_STAGES + this.stage];
    // Fatigue decays with its half-life since the last message, then this one adds its load.
    this.fatigue =
      this.fatigue * 2 ** (-(now - this.fatigueHour) / t.halfLifeHours) +
      t.kindLoad[kind] *
        t.channelFatigue[channel] *
        (inActive ? 1 : t.offHoursLoad) *
        (1 + t.irrelevanceLoad * (1 - fit));
    this.fatigueHour = now;
    const openP =
      t.channelOpen[channel] *
      (inActive ? 1 : t.offHoursOpen) *
      Math.exp((-t.fatigueDamping * this.fatigue) / this.tolerance);
    if (this.msg.next() < openP) {
      out.totals[arm * TOTAL_FIELDS + TOTAL.opened]++;
      this.lastOpenHour = now;
      this.engage();
      // An opened message multiplies the member's own rate and adds a rate of its own, for a while.
      const boost = 1 + t.kindLift[kind] * fit;
      const added = t.kindAddedRate[kind] * fit;
      const active = day < this.boostUntilDay;
      this.boostMultiplier = active ? Math.max(this.boostMultiplier, boost) : boost;
      this.boostAdded = active ? Math.max(this.boostAdded, added) : added;
      if (t.boostDays > 0) this.boostUntilDay = day + t.boostDays;
      this.activity(now);
    }
    if (this.fatigue > this.tolerance) {
      if (this.msg.next() < t.optOutProbability) {
        if (this.optedOut === 0) out.optOutsByDay[arm * t.days + day]++;
        this.optedOut |= bit;
        if (this.isRoot) out.optedOut[this.root] = this.optedOut;
      }
      if (this.msg.next() < t.leaveProbability) this.churn(CAUSE_OVER_MESSAGING);
    }
    return true;
  }

  private describe(): MemberView {
    const v = this.view;
    const reachable = this.subscribed & ~this.optedOut;
    v.stage = this.stage;
    v.depth = this.depth;
    v.purchases = this.purchases;
    v.reachable = reachable;
    v.tags =
      (reachable & WECOM ? TAG.wecomFriend : 0) |
      (reachable & COMMUNITY ? TAG.inGroup : 0) |
      (reachable & OFFICIAL ? TAG.followsAccount : 0) |
      (this.kocProne ? TAG.kocProne : 0) |
      (this.couponValue > 0 && this.couponUntilHour > this.day * 24 ? TAG.hasCoupon : 0);
    v.acquisition = this.acquisition;
    v.daysSinceJoin = this.day - this.joinDay;
    v.recencyDays = this.lastPurchaseDay >= 0 ? this.day - this.lastPurchaseDay : 1e9;
    v.monetary = this.monetary;
    return v;
  }

  /**
   * Stage from recency and rhythm (seed 000); thresholds from the scenario. Returns the next day
   * on which the stage can change if nothing happens meanwhile.
   */
  private updateStage(): number {
    const t = this.t;
    const day = this.day;
    let stage: number;
    let next: number;
    if (day - this.joinDay < t.breakInDays) {
      stage = STAGE["break-in"];
      next = this.joinDay + t.breakInDays;
    } else {
      const lastActive = Math.floor(this.lastActivityHour / 24);
      const recency = day - lastActive;
      let stable = t.stableRecencyDays;
      if (this.purchases >= 2) {
        const gap = (this.lastPurchaseDay - this.firstPurchaseDay) / (this.purchases - 1);
        stable = Math.min(stable, Math.max(1, t.rhythmMultiplier * gap));
      }
      if (recency <= stable) {
        stage = STAGE.stable;
        next = lastActive + Math.floor(stable) + 1;
      } else if (recency > t.lapsedRecencyDays) {
        stage = STAGE.lapsed;
        next = 1e9;
      } else {
        stage = STAGE.declining;
        next = lastActive + t.lapsedRecencyDays + 1;
      }
    }
    if (stage !== this.stage) {
      this.closeStretch(this.out.stageDiff, STAGES.length, this.stage, this.stageSince, day);
      this.stage = stage;
      this.stageSince = day;
      this.fire(ON.stageChanged, day * 24, 0);
    }
    return next;
  }

  /**
   * Relationship depth (seed 002): KOC = a repeat member who has brought in new members. Returns
   * the next day on which the depth can change if nothing happens meanwhile.
   */
  private updateDepth(): number {
    const t = this.t;
    const day = this.day;
    const period = t.depthPeriodDays;
    let depth: number;
    let next: number;
    if (this.prevPurchaseDay >= 0 && day - this.prevPurchaseDay < period) {
      depth = this.children >= t.kocMinReferrals ? DEPTH.koc : DEPTH.repeat;
      next = this.prevPurchaseDay + period;
    } else if (this.lastPurchaseDay >= 0 && day - this.lastPurchaseDay < period) {
      depth = DEPTH.purchased;
      next = this.lastPurchaseDay + period;
    } else {
      depth = this.engaged ? DEPTH.member : DEPTH.basic;
      next = 1e9;
    }
    if (depth !== this.depth) {
      this.closeStretch(this.out.depthDiff, DEPTHS.length, this.depth, this.depthSince, day);
      this.depth = depth;
      this.depthSince = day;
    }
    return next;
  }

  private closeStretch(
    diff: Int32Array,
    kinds: number,
    kind: number,
    from: number,
    to: number,
  ): void {
    if (to <= from) return;
    const width = this.t.days + 1;
    const at = (this.arm * kinds + kind) * width;
    diff[at + from]++;
    diff[at + to]--;
  }

  private finish(): void {
    const t = this.t;
    const out = this.out;
    const end = this.alive ? t.days : Math.min(t.days, this.day + 1);
    this.closeStretch(out.stageDiff, STAGES.length, this.stage, this.stageSince, end);
    this.closeStretch(out.depthDiff, DEPTHS.length, this.depth, this.depthSince, end);
    if (!this.alive) this.closeStretch(out.stageDiff, STAGES.length, STAGE.churned, end, t.days);
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
