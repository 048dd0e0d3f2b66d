import { ON } from "./codes.ts";
import { refreshRelationship } from "./member-relationship.ts";
import type { MemberState } from "./member-state.ts";
import { TOTAL, TOTAL_FIELDS } from "./outcomes.ts";

// Membership (seed 003): tiers reached by spend with their benefits, points earned and redeemed,
// and the paid VIP card with its fee, term, monthly gift, member prices and renewal.

/** Gifts of a paid-VIP term come every this many days. */
const GIFT_EVERY_DAYS = 30;

/** Moves the member up the tiers their spend has reached; benefits apply from now on. */
export function tierBySpend(m: MemberState, at: number): void {
  const t = m.t;
  let moved = false;
  while (m.tier + 1 < t.tiers && m.monetary >= t.tierMinSpend[m.tier + 1]) {
    m.tier++;
    moved = true;
  }
  if (moved) tierChanged(m, at);
}

export function tierChanged(m: MemberState, at: number): void {
  refreshRelationship(m);
  m.fire(ON.tierChanged, at, 0);
}

/** The member-price discount on an order: the better of the tier's and the paid VIP's. */
export function memberPrice(m: MemberState): number {
  const t = m.t;
  const tier = t.tierDiscount[m.tier];
  return m.vipUntilDay > m.day ? Math.max(tier, t.vipDiscount) : tier;
}

/** Points for a task the member did (check-in, review, share). */
export function earnTaskPoints(m: MemberState, task: number): void {
  m.points += m.t.taskPoints[task];
}

/** Redeems the whole balance when it reaches the minimum: a cost, and a boost like an opened offer. */
export function redeemPoints(m: MemberState, now: number): boolean {
  const t = m.t;
  if (m.points < t.redeemMinimum) return false;
  m.spend(m.points * t.yuanPerPoint, m.day, TOTAL.pointsCost);
  m.points = 0;
  if (t.boostDays > 0 && t.redeemLift > 0) {
    const active = m.day < m.boostUntilDay;
    m.boostMultiplier = active ? Math.max(m.boostMultiplier, 1 + t.redeemLift) : 1 + t.redeemLift;
    if (!active) m.boostAdded = 0;
    m.boostUntilDay = m.day + t.boostDays;
    m.boostStartDay = m.day;
  }
  m.engage();
  m.activity(now);
  return true;
}

/** The member buys (or renews early) the paid VIP card at `now`. */
export function buyVip(m: MemberState, now: number): void {
  const t = m.t;
  const day = m.day;
  const a = m.arm * TOTAL_FIELDS;
  if (m.vipUntilDay < 0) m.out.totals[a + TOTAL.vipMembers]++;
  m.earn(t.vipFee, now);
  m.out.totals[a + TOTAL.vipFees] += t.vipFee;
  const from = Math.max(m.vipUntilDay, day);
  const wasVip = m.vipUntilDay > day;
  m.vipUntilDay = from + t.vipTermDays;
  if (!wasVip) m.nextGiftDay = day;
  m.nextMembershipDay = Math.min(m.nextGiftDay, m.vipUntilDay);
  m.engage();
  refreshRelationship(m);
  m.updateRate();
  m.fire(ON.membershipExpiring, m.vipUntilDay * 24, m.vipUntilDay, now);
}

/** A day on which a paid VIP gets a monthly gift, or their term ends (renewed or lapsed). */
export function membershipDay(m: MemberState): void {
  const t = m.t;
  const day = m.day;
  if (day >= m.vipUntilDay && m.vipUntilDay >= 0 && m.nextGiftDay < 1e9) {
    if (m.msg.next() < t.vipRenewal) {
      buyVip(m, day * 24);
    } else {
      m.nextGiftDay = 1e9;
      refreshRelationship(m);
      m.updateRate();
    }
  }
  if (day >= m.nextGiftDay && m.vipUntilDay > day) {
    if (t.vipMonthlyGift > 0) m.spend(t.vipMonthlyGift, day, TOTAL.giftCost);
    m.nextGiftDay = day + GIFT_EVERY_DAYS;
  }
  m.nextMembershipDay = m.vipUntilDay > day ? Math.min(m.nextGiftDay, m.vipUntilDay) : 1e9;
}
