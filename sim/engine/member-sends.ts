import {
  type CompiledRule,
  EXIT_OPENED,
  EXIT_PURCHASED,
  EXIT_WECOM,
  type MemberView,
} from "../../strategies/compile.ts";
import { COMMUNITY, OFFICIAL, ON, REMINDER, SHARE_TASK, TAG, WECOM } from "./codes.ts";
import { buyVip, earnTaskPoints, redeemPoints, tierChanged } from "./member-membership.ts";
import { engageWith, refreshRelationship } from "./member-relationship.ts";
import type { MemberState } from "./member-state.ts";
import { CAUSE_OVER_MESSAGING, TOTAL, TOTAL_FIELDS } from "./outcomes.ts";
import { LIVE_STAGES } from "./tables.ts";

// A member's scheduled sends: the checks before a send (stale events, exit goals, audiences,
// quiet hours, frequency caps), the actions, and a message's delivery, fatigue and response.

export function executeSend(m: MemberState, now: number): void {
  const s = m.schedule;
  const ruleIndex = s.peekRule();
  const series = s.peekSeries();
  const left = s.peekLeft();
  const ref = s.peekRef();
  s.pop();
  const rule = m.plan.rules[ruleIndex];
  if (!stillDue(m, rule, ref, series, now)) {
    // A recurring campaign skips a member who is not in its audience this time, and comes back
    // at the next occurrence; any other sequence ends.
    if (rule.trigger === ON.campaignDay && left > 0 && m.alive && exitsNotMet(m, rule, series)) {
      const at = now + rule.repeatEveryHours;
      if (at < m.t.days * 24) s.push(at, ruleIndex, series, left - 1, ref);
    }
    return;
  }
  const plan = m.plan;
  if (plan.quietStart >= 0 && rule.messageKind >= 0) {
    const hour = now - Math.floor(now / 24) * 24;
    const q0 = plan.quietStart;
    const q1 = plan.quietEnd;
    if (q0 < q1 ? hour >= q0 && hour < q1 : hour >= q0 || hour < q1) {
      const resume = Math.floor(now / 24) * 24 + q1;
      const at = resume <= now ? resume + 24 : resume;
      if (at < m.t.days * 24) s.push(at, ruleIndex, series, left, ref);
      return;
    }
  }
  if (rule.messageKind < 0 || !(capped(m) || channelCapped(m, rule.channel))) act(m, rule, now);
  if (left > 0 && m.alive) {
    const at = now + rule.repeatEveryHours;
    if (at < m.t.days * 24) s.push(at, ruleIndex, series, left - 1, ref);
  }
}

/** Whether none of the rule's exit goals has been met since the sequence started. */
function exitsNotMet(m: MemberState, rule: CompiledRule, series: number): boolean {
  const exit = rule.exitMask;
  return !(
    (exit & EXIT_PURCHASED && m.lastPurchaseHour > series) ||
    (exit & EXIT_WECOM && m.wecomFriendHour > series) ||
    (exit & EXIT_OPENED && m.lastOpenHour > series)
  );
}

/** Stale events, met exit goals and audiences that no longer match end a sequence. */
export function stillDue(
  m: MemberState,
  rule: CompiledRule,
  ref: number,
  series: number,
  now: number,
): boolean {
  const trigger = rule.trigger;
  if (
    trigger === ON.couponExpiring &&
    (ref !== m.couponId || m.couponValue <= 0 || m.couponUntilHour <= now)
  )
    return false;
  if ((trigger === ON.courseExpiring || trigger === ON.renewalDue) && ref !== m.accessUntilDay)
    return false;
  if (trigger === ON.inactive && ref !== m.lastActivityHour) return false;
  if (trigger === ON.membershipExpiring && (ref !== m.vipUntilDay || m.vipUntilDay * 24 <= now))
    return false;
  if (rule.exitMask !== 0 && !exitsNotMet(m, rule, series)) return false;
  return rule.audience === null || rule.audience(describe(m));
}

/** Frequency caps: a capped send is skipped and the member moves on (as journey tools do). */
export function capped(m: MemberState): boolean {
  const plan = m.plan;
  if (plan.capPerDay === 0 && plan.capPerWeek === 0) return false;
  const day = m.day;
  let today = 0;
  let week = 0;
  for (let k = 0; k < 7; k++) {
    const d = day - k;
    const slot = ((d % 7) + 7) % 7;
    if (m.capDay[slot] === d) {
      week += m.capCount[slot];
      if (k === 0) today = m.capCount[slot];
    }
  }
  return (
    (plan.capPerDay > 0 && today >= plan.capPerDay) ||
    (plan.capPerWeek > 0 && week >= plan.capPerWeek)
  );
}

/**
 * Per-channel caps of the playbook and the channel's own monthly cap (WeCom's per-customer limit
 * on group sends), over calendar days, weeks (days 0–6, 7–13, …) and 30-day months of the run.
 */
export function channelCapped(m: MemberState, channel: number): boolean {
  const plan = m.plan;
  const t = m.t;
  if (!plan.hasChannelCaps && t.channelMonthlyCap[channel] === 0) return false;
  const day = m.day;
  const perDay = plan.channelCapPerDay[channel];
  if (perDay > 0 && m.channelDay[channel] === day && m.channelDayCount[channel] >= perDay)
    return true;
  const perWeek = plan.channelCapPerWeek[channel];
  if (
    perWeek > 0 &&
    m.channelWeek[channel] === Math.floor(day / 7) &&
    m.channelWeekCount[channel] >= perWeek
  )
    return true;
  const own = t.channelMonthlyCap[channel];
  const planned = plan.channelCapPerMonth[channel];
  const perMonth = own > 0 && planned > 0 ? Math.min(own, planned) : Math.max(own, planned);
  return (
    perMonth > 0 &&
    m.channelMonth[channel] === Math.floor(day / 30) &&
    m.channelMonthCount[channel] >= perMonth
  );
}

function countOnChannel(m: MemberState, channel: number): void {
  const day = m.day;
  const week = Math.floor(day / 7);
  const month = Math.floor(day / 30);
  if (m.channelDay[channel] !== day) {
    m.channelDay[channel] = day;
    m.channelDayCount[channel] = 0;
  }
  if (m.channelWeek[channel] !== week) {
    m.channelWeek[channel] = week;
    m.channelWeekCount[channel] = 0;
  }
  if (m.channelMonth[channel] !== month) {
    m.channelMonth[channel] = month;
    m.channelMonthCount[channel] = 0;
  }
  m.channelDayCount[channel]++;
  m.channelWeekCount[channel]++;
  m.channelMonthCount[channel]++;
}

export function act(m: MemberState, rule: CompiledRule, now: number): void {
  const delivered = rule.messageKind < 0 || deliver(m, rule.messageKind, rule.channel, now);
  if (!delivered) return;
  const slot = m.arm * m.starts.length + rule.index;
  m.out.ruleActs[slot]++;
  m.out.ruleActDays[slot] += now / 24 - m.joinDay;
  if (!m.alive) return;
  const t = m.t;
  // Offers persuade only members who saw them: the message was opened, or the rule hands the
  // offer over without one. With offers.mustBeSeen off, every delivered offer persuades.
  const seen = rule.messageKind < 0 || m.lastMessageOpened === 1;
  const persuaded = seen || !t.offersMustBeSeen;
  let relationChanged = false;
  if (rule.couponValue > 0) {
    m.couponValue = rule.couponValue;
    m.couponUntilHour = now + rule.couponDays * 24;
    m.couponId++;
    m.couponMinSpend = rule.couponMinSpend;
    m.couponSeen = persuaded;
    // Response grows with the coupon's value: (value / reference)^elasticity.
    const scale = (rule.couponValue / t.couponReferenceValue) ** t.couponValueElasticity;
    m.couponLiftNow = t.couponLift * scale;
    m.couponAddedNow = t.couponAddedRate * scale;
    if (persuaded) m.engage();
    m.fire(ON.couponExpiring, m.couponUntilHour, m.couponId, now);
  }
  if (rule.discountPercent > 0) {
    m.discountPercent = rule.discountPercent;
    m.discountUntilHour = now + rule.discountDays * 24;
    m.discountSeen = persuaded;
  }
  if (rule.giftCost > 0) m.spend(rule.giftCost, m.day, TOTAL.giftCost);
  if (rule.addTagMask !== 0 || rule.removeTagMask !== 0)
    m.customTags = (m.customTags | rule.addTagMask) & ~rule.removeTagMask;
  if (persuaded) {
    if (rule.inviteToGroup && !(m.subscribed & COMMUNITY) && m.msg.next() < t.groupJoinRate) {
      m.subscribed |= COMMUNITY;
      m.engage();
      relationChanged = true;
    }
    if (rule.addWecomFriend && !(m.subscribed & WECOM) && m.msg.next() < t.wecomAddRate) {
      m.subscribed |= WECOM;
      m.wecomFriendHour = now;
      m.engage();
      relationChanged = true;
    }
    if (rule.followAccount && !(m.subscribed & OFFICIAL) && m.msg.next() < t.followRate) {
      m.subscribed |= OFFICIAL;
      m.engage();
      relationChanged = true;
    }
    if (rule.kocTask && !m.kocProne && m.msg.next() < t.kocTaskAcceptance) m.kocProne = true;
    if (rule.pointsTask >= 0 && m.msg.next() < t.taskUptake[rule.pointsTask]) {
      earnTaskPoints(m, rule.pointsTask);
      m.engage();
      m.activity(now);
      // A share can bring a friend, as a purchase can.
      if (rule.pointsTask === SHARE_TASK) {
        const referP =
          t.referralProbability * (m.kocProne ? t.kocMultiplier : 1) * m.referralFactor;
        if (m.msg.next() < referP) m.referNewMember(m.day, now);
      }
    }
    if (rule.redeemPoints) redeemPoints(m, now);
    if (rule.offerPaidVip && m.msg.next() < t.vipUptake) buyVip(m, now);
  }
  if (rule.upgradeTier && m.tier < t.tiers - 1) {
    m.tier++;
    tierChanged(m, now);
  }
  if (relationChanged) refreshRelationship(m);
  m.updateRate();
}

/** Delivers a message if the member is reachable there; returns whether it went out. */
export function deliver(m: MemberState, kind: number, channel: number, now: number): boolean {
  const t = m.t;
  const bit = 1 << channel;
  if (!(m.subscribed & bit) || m.optedOut & bit) return false;
  if (t.channelExecution[channel] < 1 && m.msg.next() >= t.channelExecution[channel]) return false;
  const out = m.out;
  const arm = m.arm;
  const day = m.day;
  const slot = day % 7;
  if (m.capDay[slot] !== day) {
    m.capDay[slot] = day;
    m.capCount[slot] = 0;
  }
  m.capCount[slot]++;
  if (m.plan.hasChannelCaps || t.channelMonthlyCap[channel] > 0) countOnChannel(m, channel);
  out.totals[arm * TOTAL_FIELDS + TOTAL.messages]++;
  out.messagesByDay[arm * t.days + day]++;
  if (m.isRoot) out.messages[m.root]++;
  m.spend(t.channelCost[channel], day, TOTAL.messageCost);
  const hour = now - day * 24;
  const inActive = hour >= m.activeStart && hour < m.activeEnd;
  const fit = t.fit[kind * LIVE_STAGES + m.stage];
  const load =
    t.kindLoad[kind] *
    t.channelFatigue[channel] *
    (inActive ? 1 : t.offHoursLoad) *
    (1 + t.irrelevanceLoad * (1 - fit));
  // Fatigue decays with its half-life since the last message, then this one adds its load. A
  // long memory of annoyance decays slowly beside it and weighs in with longWeight.
  const elapsed = now - m.fatigueHour;
  m.fatigue = m.fatigue * Math.exp(elapsed * t.decayPerHour) + load;
  let fatigue = m.fatigue;
  if (t.longWeight > 0) {
    m.fatigueLong = m.fatigueLong * Math.exp(elapsed * t.longDecayPerHour) + load;
    fatigue += t.longWeight * m.fatigueLong;
  }
  m.fatigueHour = now;
  const openP =
    t.channelOpen[channel] *
    (inActive ? 1 : t.offHoursOpen) *
    Math.exp((-t.fatigueDamping * fatigue) / m.tolerance);
  m.lastMessageOpened = 0;
  if (m.msg.next() < openP) {
    out.totals[arm * TOTAL_FIELDS + TOTAL.opened]++;
    m.lastOpenHour = now;
    m.lastMessageOpened = 1;
    m.engage();
    // An opened message multiplies the member's own rate and adds a rate of its own, for a while.
    const boost = 1 + t.kindLift[kind] * fit;
    const added = t.kindAddedRate[kind] * fit;
    const active = day < m.boostUntilDay;
    m.boostMultiplier = active ? Math.max(m.boostMultiplier, boost) : boost;
    m.boostAdded = active ? Math.max(m.boostAdded, added) : added;
    if (t.boostDays > 0) {
      m.boostUntilDay = day + t.boostDays;
      m.boostStartDay = day;
    }
    // A reminder shows the member the offers they hold.
    if (kind === REMINDER && t.reminderRevealsOffers) {
      m.couponSeen = true;
      m.discountSeen = true;
    }
    if (t.relationActive && t.engagementGain[kind] > 0) {
      engageWith(m, kind);
      refreshRelationship(m);
    }
    m.activity(now);
  }
  if (fatigue > m.tolerance) {
    if (m.msg.next() < t.optOutProbability) optOut(m, bit);
    if (m.msg.next() < t.leaveProbability) m.churn(CAUSE_OVER_MESSAGING);
  }
  // Some unfollow after any push, however rested (official-account unfollows rise after a
  // broadcast; SMS opt-outs per campaign).
  const base = t.channelOptOut[channel];
  if (base > 0 && m.alive && !(m.optedOut & bit) && m.msg.next() < base) optOut(m, bit);
  return true;
}

/** The member blocks or unfollows a channel: its reach and the relationship value it carried end. */
function optOut(m: MemberState, bit: number): void {
  const out = m.out;
  if (m.optedOut === 0 && m.isRoot) out.optOutsByDay[m.arm * m.t.days + m.day]++;
  m.optedOut |= bit;
  if (m.isRoot) out.optedOut[m.root] = m.optedOut;
  if (m.t.relationActive) refreshRelationship(m);
}

export function describe(m: MemberState): MemberView {
  const v = m.view;
  const reachable = m.subscribed & ~m.optedOut;
  v.stage = m.stage;
  v.depth = m.depth;
  v.purchases = m.purchases;
  v.reachable = reachable;
  v.tags =
    (reachable & WECOM ? TAG.wecomFriend : 0) |
    (reachable & COMMUNITY ? TAG.inGroup : 0) |
    (reachable & OFFICIAL ? TAG.followsAccount : 0) |
    (m.kocProne ? TAG.kocProne : 0) |
    (m.couponValue > 0 && m.couponUntilHour > m.day * 24 ? TAG.hasCoupon : 0) |
    m.customTags;
  v.acquisition = m.acquisition;
  v.daysSinceJoin = m.day - m.joinDay;
  v.recencyDays = m.lastPurchaseDay >= 0 ? m.day - m.lastPurchaseDay : 1e9;
  v.monetary = m.monetary;
  v.daysSinceOpen = m.lastOpenHour >= 0 ? m.day - Math.floor(m.lastOpenHour / 24) : 1e9;
  v.lastMessageOpened = m.lastMessageOpened;
  v.tier = m.tier;
  v.points = m.points;
  v.paidVip = m.vipUntilDay > m.day ? 1 : 0;
  return v;
}
