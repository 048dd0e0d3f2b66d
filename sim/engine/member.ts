import type { Plan } from "../../strategies/compile.ts";
import { CHANNELS, DEPTHS, STAGES } from "../../strategies/vocabulary.ts";
import { sampleBeta, sampleGamma } from "../random.ts";
import { DEPTH, ON, REFERRAL, STAGE } from "./codes.ts";
import { closeStretch, updateDepth, updateStage } from "./member-lifecycle.ts";
import { memberPrice, membershipDay, tierBySpend } from "./member-membership.ts";
import { refreshRelationship } from "./member-relationship.ts";
import { executeSend } from "./member-sends.ts";
import { type Arrival, MemberState, type ReferralSink } from "./member-state.ts";
import { type BlockOutcome, CAUSE_NATURAL, TOTAL, TOTAL_FIELDS } from "./outcomes.ts";
import type { Tables } from "./tables.ts";

export type { Arrival } from "./member-state.ts";

/**
 * Simulates one member at a time from join to horizon, from one day something can change to the
 * next, with the hours of the day for messages and purchases: a BG/NBD purchase process (drawn as
 * waiting times) whose rate messages, coupons and discounts raise for a while;
 * fatigue that builds per message and decays; opt-outs and leaving; lifecycle stage and depth.
 * The state lives in MemberState; this class runs the days and the purchases.
 */
export class MemberSimulator extends MemberState {
  constructor(
    t: Tables,
    plans: readonly Plan[],
    out: BlockOutcome,
    refer: ReferralSink,
    annoyedLeaver?: (arm: number, day: number) => void,
  ) {
    super(t, plans, out, refer, annoyedLeaver);
  }

  simulate(arrival: Arrival, joinHour: number): void {
    this.reset(arrival, joinHour);
    const t = this.t;
    const days = t.days;
    const tJoin = this.joinDay * 24 + joinHour;
    if (this.isRoot) this.out.joinDay[this.root] = this.joinDay;
    this.fire(ON.joined, tJoin, 0);
    if (this.plan.byTrigger[ON.campaignDay].length > 0) this.fireCampaigns(tJoin);
    // Joining is the first moment of inactivity: an `inactive` rule acts for members who never engage.
    this.fire(ON.inactive, tJoin, tJoin);
    if (t.purchaseAtJoin) this.purchase(tJoin, true);
    let day = this.joinDay;
    let from = tJoin;
    while (day < days && this.alive) {
      this.day = day;
      if (this.purchases === 0 && day >= this.disengageDay) {
        this.churn(CAUSE_NATURAL);
        break;
      }
      // Stage and depth change only on events or at known days; skip the days in between.
      if (day >= this.nextReviewDay)
        this.nextReviewDay = Math.min(updateStage(this), updateDepth(this));
      if (day >= this.nextMembershipDay) membershipDay(this);
      if (day >= this.nextDemandDay) this.nextDemandSegment();
      if (day >= this.rateValidUntilDay) {
        if (this.engagement > 0 && day >= this.engagementCheckDay) refreshRelationship(this);
        this.updateRate();
      }
      // Until the next known day nothing changes but by an event (a send or a purchase): run to it
      // in one stretch, or to the end of the first event's day, where the checks above look again.
      let until = Math.min(
        this.nextReviewDay,
        this.nextMembershipDay,
        this.nextDemandDay,
        this.rateValidUntilDay,
        days,
      );
      if (this.purchases === 0) until = Math.min(until, this.disengageDay);
      day = this.runUntil(from, Math.max(until, day + 1) * 24) / 24;
      from = day * 24;
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
    const span = Math.min(t.windowDays, t.days);
    const u0 = base.next();
    const drawnJoin =
      t.curveCumulative.length === 1
        ? Math.floor(u0 * span)
        : curveDay(t.curveCumulative, u0, span);
    this.joinDay = arrival.joinDay >= 0 ? arrival.joinDay : drawnJoin;
    this.acquisition = arrival.isRoot ? pick(t.acquisitionCumulative, base.next()) : REFERRAL;
    let subscribed = 0;
    for (let c = 0; c < CHANNELS.length; c++) {
      if (base.next() < t.subscribe[this.acquisition * CHANNELS.length + c]) subscribed |= 1 << c;
    }
    this.subscribed = subscribed;
    this.joinReachable = subscribed;
    this.optedOut = 0;
    this.baseLambda = sampleGamma(base.next, t.r, t.alpha);
    this.basePDrop = sampleBeta(base.next, t.a, t.b);
    this.spendRate = sampleGamma(base.next, t.spendQ, t.spendGamma);
    this.baseTolerance = sampleGamma(base.next, t.toleranceShape, t.toleranceRate);
    const window = pick(t.activeCumulative, base.next());
    this.activeStart = t.activeStart[window];
    this.activeEnd = t.activeEnd[window];
    this.kocProne = base.next() < t.kocProneShare;
    this.hazardLeft = -Math.log1p(-base.next());
    this.hazardDay = this.joinDay;
    this.disengageMultiplier = 1;
    this.disengageDay =
      t.nonBuyerHazard > 0 ? this.joinDay + Math.floor(this.hazardLeft / t.nonBuyerHazard) : 1e9;
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
    this.fatigueLong = 0;
    this.fatigueHour = 0;
    this.lastMessageOpened = 0;
    this.customTags = 0;
    this.engagement = 0;
    this.engagementDay = this.joinDay;
    this.engagementCheckDay = 1e9;
    this.dealFactor = 1;
    this.forwardDebt = 0;
    this.referralFactor = 1;
    this.channelDay.fill(-0x7fffffff);
    this.channelWeek.fill(-0x7fffffff);
    this.channelMonth.fill(-0x7fffffff);
    this.boostMultiplier = 1;
    this.boostAdded = 0;
    this.boostUntilDay = 0;
    this.couponValue = 0;
    this.couponUntilHour = 0;
    this.couponId = 0;
    this.couponMinSpend = 0;
    this.couponSeen = true;
    this.couponLiftNow = 0;
    this.couponAddedNow = 0;
    this.boostStartDay = 0;
    this.discountPercent = 0;
    this.discountUntilHour = 0;
    this.discountSeen = true;
    this.accessUntilDay = -1;
    this.tier = 0;
    this.points = 0;
    this.vipUntilDay = -1;
    this.nextGiftDay = 1e9;
    this.nextMembershipDay = 1e9;
    this.demandSegment = 0;
    this.nextDemandDay = t.demandFrom.length > 1 ? this.joinDay + t.demandFrom[1] : 1e9;
    refreshRelationship(this);
    this.updateRate();
    this.purchaseBudget = exponential(base.next());
  }

  /**
   * Runs the member from hour `from` to the day boundary `end`: scheduled sends at their times, and
   * purchases as a Poisson process at the current rate, drawn as waiting times. `purchaseBudget`
   * is the hazard left until the next purchase (an Exp(1) draw), spent at the rate in force, so a
   * rate that changes at a send or a purchase needs no new draw, and a stretch with nothing
   * scheduled costs no draw at all. After an event the run stops at the end of that day, so the
   * member loop re-reads stage, depth and rate. Returns the day boundary reached.
   */
  runUntil(from: number, end: number): number {
    const schedule = this.schedule;
    let cursor = from;
    let stop = end;
    while (this.alive) {
      const next =
        schedule.size > 0 && schedule.peekTime() < stop
          ? Math.max(schedule.peekTime(), cursor)
          : stop;
      const rate = this.ratePerDay / 24;
      if (rate > 0) {
        const at = cursor + this.purchaseBudget / rate;
        if (at < next) {
          this.day = Math.floor(at / 24);
          this.purchaseBudget = exponential(this.base.next());
          this.purchase(at, false);
          cursor = at;
          stop = Math.min(stop, this.day * 24 + 24);
          continue;
        }
        this.purchaseBudget = Math.max(0, this.purchaseBudget - rate * (next - cursor));
      }
      if (next === stop) return stop;
      this.day = Math.floor(next / 24);
      executeSend(this, next);
      cursor = next;
      stop = Math.min(stop, this.day * 24 + 24);
    }
    return stop;
  }

  /** The member's life moves on to the next segment of the demand curve (a baby is born, …). */
  nextDemandSegment(): void {
    const from = this.t.demandFrom;
    this.demandSegment++;
    const next = this.demandSegment + 1;
    this.nextDemandDay = next < from.length ? this.joinDay + from[next] : 1e9;
    refreshRelationship(this);
    this.updateRate();
  }

  purchase(at: number, atJoin: boolean): void {
    const t = this.t;
    const out = this.out;
    const day = Math.floor(at / 24);
    const arm = this.arm;
    const a = arm * TOTAL_FIELDS;
    // BG/NBD drop-out follows the member's own purchases: a purchase that a message or offer
    // added (share 1 − λ / rate it was drawn at) gives no extra chance to drop out. Under control
    // every purchase is the member's own, so the closed form holds.
    const drawnRate = this.ratePerDay;
    const own = atJoin || drawnRate <= this.lambda || this.msg.next() * drawnRate < this.lambda;
    // An own purchase a discount already pulled forward does not happen again.
    if (own && !atJoin && this.forwardDebt > 0) {
      this.forwardDebt--;
      return;
    }
    let value = sampleGamma(this.base.next, t.spendP, this.spendRate);
    if (!Number.isFinite(value)) value = 0;
    this.purchases++;
    this.monetary += value;
    this.points += value * t.pointsPerYuan;
    let cost = 0;
    if (this.couponValue > 0 && this.couponUntilHour > at && value >= this.couponMinSpend) {
      const used = Math.min(this.couponValue, value);
      out.totals[a + TOTAL.couponCost] += used;
      // Redeemed by a member who never saw it: a cost without lift.
      if (!this.couponSeen) out.totals[a + TOTAL.unseenOfferCost] += used;
      cost += used;
      this.couponValue = 0;
    }
    const discounted = this.discountPercent > 0 && this.discountUntilHour > at;
    if (discounted) {
      out.totals[a + TOTAL.discountCost] += value * this.discountPercent;
      if (!this.discountSeen) out.totals[a + TOTAL.unseenOfferCost] += value * this.discountPercent;
      cost += value * this.discountPercent;
    }
    const price = memberPrice(this);
    if (price > 0) {
      out.totals[a + TOTAL.memberPriceCost] += value * price;
      cost += value * price;
    }
    this.charge(cost, day);
    out.totals[a + TOTAL.purchases]++;
    out.purchasesByDay[arm * t.days + day]++;
    this.earn(value, at);
    if (this.isRoot) {
      out.purchases[this.root]++;
      if (!atJoin) out.repeatByDaySinceJoin[arm * (t.days + 1) + day - this.joinDay]++;
    }
    if (this.firstPurchaseDay < 0) {
      this.firstPurchaseDay = day;
      if (this.isRoot) out.firstPurchaseDay[this.root] = day - this.joinDay;
    }
    this.prevPurchaseDay = this.lastPurchaseDay;
    this.lastPurchaseDay = day;
    this.lastPurchaseHour = at;
    this.activity(at);
    const access = Math.max(this.accessUntilDay, day + t.accessDays);
    if (access !== this.accessUntilDay) {
      this.accessUntilDay = access;
      this.fire(ON.courseExpiring, access * 24, access, at);
      this.fire(ON.renewalDue, access * 24, access);
    }
    if (this.purchases === 1) this.fire(ON.firstPurchase, at, 0);
    this.fire(ON.purchased, at, 0);
    const referP =
      t.referralProbability * (this.kocProne ? t.kocMultiplier : 1) * this.referralFactor;
    if (referP > 0 && this.base.next() < referP) this.referNewMember(day, at);
    tierBySpend(this, at);
    this.updateRate();
    const dropDraw = this.base.next();
    // A purchase a seen discount induced may be one of the member's own taken early (pulled
    // forward): then it carries the drop-out chance now, and the own purchase it replaces will
    // not happen later.
    const seenDiscount = !own && discounted && this.discountSeen;
    const pulled = seenDiscount && t.pullForwardShare > 0 && this.msg.next() < t.pullForwardShare;
    if (pulled) this.forwardDebt++;
    if (!atJoin && (own || pulled) && dropDraw < this.pDrop) {
      this.churn(CAUSE_NATURAL);
      return;
    }
    // Induced by a seen discount, it also teaches the member to wait for the next deal (Mela,
    // Gupta & Lehmann 1997).
    if (seenDiscount && t.dealProneness > 0) {
      this.dealFactor *= 1 - t.dealProneness;
      refreshRelationship(this);
      this.updateRate();
    }
  }

  finish(): void {
    const t = this.t;
    const out = this.out;
    // A purchase on the member's last day (or the one they dropped out at) still deepens them.
    if (this.nextReviewDay <= this.day) updateDepth(this);
    const end = this.alive ? t.days : Math.min(t.days, this.day + 1);
    if (this.isRoot) {
      closeStretch(this, out.stageDiff, STAGES.length, this.stage, this.stageSince, end);
      closeStretch(this, out.depthDiff, DEPTHS.length, this.depth, this.depthSince, end);
      if (!this.alive) closeStretch(this, out.stageDiff, STAGES.length, STAGE.churned, end, t.days);
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

/** An Exp(1) draw from a uniform in [0, 1). */
function exponential(u: number): number {
  return -Math.log1p(-u);
}

/** Index of the first cumulative share above u. */
function pick(cumulative: Float64Array, u: number): number {
  let i = 0;
  while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
  return i;
}

/** A join day over the window from the acquisition curve: equal segments with their weights. */
function curveDay(cumulative: Float64Array, u: number, span: number): number {
  const k = pick(cumulative, u);
  const low = k > 0 ? cumulative[k - 1] : 0;
  const within = (u - low) / (cumulative[k] - low);
  return Math.min(span - 1, Math.floor(((k + within) / cumulative.length) * span));
}
