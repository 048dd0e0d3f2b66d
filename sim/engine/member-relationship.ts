import { COMMUNITY, OFFICIAL, WECOM } from "./codes.ts";
import type { MemberState } from "./member-state.ts";

// Relationship value that lasts: the member's own rate, drop-out, non-buyer disengagement,
// tolerance and referrals, multiplied by what their relationship with the brand is now.

/** Effects per relationship state, in Tables.relation order: rate, drop-out, disengage, tolerance, referral. */
const RATE = 0;
const DROP = 1;
const DISENGAGE = 2;
const TOLERANCE = 3;
const REFERRAL = 4;
const EFFECTS = 5;
/** Channel states come first in Tables.relation (WeCom friend, group member, follower), then depth. */
const CHANNEL_STATES = [WECOM, COMMUNITY, OFFICIAL];
const DEPTH_BASE = CHANNEL_STATES.length - 1;

/** Engagement below this is dropped: its effect is under 5 % of the maximum (s = E / (1 + E)). */
const ENGAGEMENT_FLOOR = 0.05;

/**
 * Engagement today: what the member built, halved every engagementHalfLifeDays since. Its
 * effects are re-evaluated every engagementStepDays (half the half-life), so a decaying member
 * costs a recomputation every two weeks, not every day.
 */
export function engagementToday(m: MemberState): number {
  if (m.engagement === 0 || m.day === m.engagementDay) return m.engagement;
  const t = m.t;
  const decayed = m.engagement * Math.exp((m.day - m.engagementDay) * t.engagementDecayPerDay);
  m.engagementDay = m.day;
  if (decayed < ENGAGEMENT_FLOOR) {
    m.engagement = 0;
    m.engagementCheckDay = 1e9;
  } else {
    m.engagement = decayed;
    m.engagementCheckDay = m.day + t.engagementStepDays;
  }
  return m.engagement;
}

/** Adds engagement for an opened message of `kind`. */
export function engageWith(m: MemberState, kind: number): void {
  const gain = m.t.engagementGain[kind];
  if (gain <= 0 || !m.t.relationActive) return;
  m.engagement = engagementToday(m) + gain;
  m.engagementDay = m.day;
  m.engagementCheckDay = m.day + m.t.engagementStepDays;
}

/**
 * Recomputes the member's λ, p, tolerance and referral factor from their drawn values and their
 * relationship now: channel relationships gained (or lost) since the join, depth above basic,
 * engagement, tier, paid VIP and trained deal-proneness. With every effect neutral the products
 * are exactly 1 and the member is the drawn BG/NBD member.
 */
export function refreshRelationship(m: MemberState): void {
  const t = m.t;
  let rate = m.dealFactor * t.demandMultiplier[m.demandSegment];
  let drop = 1;
  let disengage = 1;
  let tolerance = 1;
  let referral = 1;
  if (t.relationActive) {
    const r = t.relation;
    const reachable = m.subscribed & ~m.optedOut;
    // Most members keep the relationships they joined with: nothing to multiply.
    for (let s = 0; reachable !== m.joinReachable && s < CHANNEL_STATES.length; s++) {
      const bit = CHANNEL_STATES[s];
      const now = (reachable & bit) !== 0;
      const atJoin = (m.joinReachable & bit) !== 0;
      if (now === atJoin) continue;
      const k = s * EFFECTS;
      // Gained since the join multiplies; lost (an opt-out) takes the value away again.
      const sign = now ? 1 : -1;
      rate *= r[k + RATE] ** sign;
      drop *= r[k + DROP] ** sign;
      disengage *= r[k + DISENGAGE] ** sign;
      tolerance *= r[k + TOLERANCE] ** sign;
      referral *= r[k + REFERRAL] ** sign;
    }
    if (m.depth > 0) {
      const k = (DEPTH_BASE + m.depth) * EFFECTS;
      rate *= r[k + RATE];
      drop *= r[k + DROP];
      disengage *= r[k + DISENGAGE];
      tolerance *= r[k + TOLERANCE];
      referral *= r[k + REFERRAL];
    }
    const e = engagementToday(m);
    if (e > 0) {
      const s = e / (1 + e);
      const eff = t.engagementEffect;
      rate *= 1 + eff[RATE] * s;
      drop *= 1 - eff[DROP] * s;
      disengage *= 1 - eff[DISENGAGE] * s;
      tolerance *= 1 + eff[TOLERANCE] * s;
      referral *= 1 + eff[REFERRAL] * s;
    }
  }
  const tier = m.tier;
  rate *= t.tierRate[tier];
  drop *= t.tierDropOut[tier];
  tolerance *= t.tierTolerance[tier];
  if (m.vipUntilDay > m.day) {
    rate *= t.vipRate;
    drop *= t.vipDropOut;
    tolerance *= t.vipTolerance;
  }
  m.lambda = m.baseLambda * rate;
  m.pDrop = Math.min(1, m.basePDrop * drop);
  m.tolerance = m.baseTolerance * tolerance;
  m.referralFactor = referral;
  // Only non-buyers disengage; a buyer never is one again.
  if (disengage !== m.disengageMultiplier && m.purchases === 0) setDisengage(m, disengage);
}

/**
 * Non-buyers disengage at a daily hazard; the member's exponential budget of hazard is spent at
 * the current multiplier, and a new multiplier re-plans the day the budget runs out.
 */
function setDisengage(m: MemberState, multiplier: number): void {
  const h = m.t.nonBuyerHazard;
  if (h > 0) {
    m.hazardLeft -= (m.day - m.hazardDay) * h * m.disengageMultiplier;
    m.hazardDay = m.day;
    m.disengageDay =
      multiplier > 0 ? m.day + Math.floor(Math.max(0, m.hazardLeft) / (h * multiplier)) : 1e9;
  }
  m.disengageMultiplier = multiplier;
}
