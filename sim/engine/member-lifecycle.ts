import { DEPTHS, STAGES } from "../../strategies/vocabulary.ts";
import { DEPTH, ON, STAGE } from "./codes.ts";
import { refreshRelationship } from "./member-relationship.ts";
import type { MemberState } from "./member-state.ts";

// A member's lifecycle stage and relationship depth, kept as stretches of days per arm.

/**
 * Stage from recency and rhythm (seed 000); thresholds from the scenario. Returns the next day
 * on which the stage can change if nothing happens meanwhile.
 */
export function updateStage(m: MemberState): number {
  const t = m.t;
  const day = m.day;
  let stage: number;
  let next: number;
  if (day - m.joinDay < t.breakInDays) {
    stage = STAGE["break-in"];
    next = m.joinDay + t.breakInDays;
  } else {
    const lastActive = Math.floor(m.lastActivityHour / 24);
    const recency = day - lastActive;
    let stable = t.stableRecencyDays;
    if (m.purchases >= 2) {
      const gap = (m.lastPurchaseDay - m.firstPurchaseDay) / (m.purchases - 1);
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
  if (stage !== m.stage) {
    if (m.isRoot) closeStretch(m, m.out.stageDiff, STAGES.length, m.stage, m.stageSince, day);
    m.stage = stage;
    m.stageSince = day;
    m.fire(ON.stageChanged, day * 24, 0);
  }
  return next;
}

/**
 * Relationship depth (seed 002): KOC = a repeat member who has brought in new members. Returns
 * the next day on which the depth can change if nothing happens meanwhile.
 */
export function updateDepth(m: MemberState): number {
  const t = m.t;
  const day = m.day;
  const period = t.depthPeriodDays;
  let depth: number;
  let next: number;
  if (m.prevPurchaseDay >= 0 && day - m.prevPurchaseDay < period) {
    depth =
      m.children >= t.kocMinReferrals && m.purchases >= t.kocMinPurchases
        ? DEPTH.koc
        : DEPTH.repeat;
    next = m.prevPurchaseDay + period;
  } else if (m.lastPurchaseDay >= 0 && day - m.lastPurchaseDay < period) {
    depth = DEPTH.purchased;
    next = m.lastPurchaseDay + period;
  } else {
    // Past buyers stay members after their period ends; never-buyers are members once engaged.
    depth = m.engaged || m.purchases > 0 ? DEPTH.member : DEPTH.basic;
    next = 1e9;
  }
  if (depth !== m.depth) {
    if (m.isRoot) closeStretch(m, m.out.depthDiff, DEPTHS.length, m.depth, m.depthSince, day);
    m.depth = depth;
    m.depthSince = day;
    // Depth carries relationship value (tolerance, referrals, …) from the day it is reached.
    if (t.relationActive) {
      refreshRelationship(m);
      m.updateRate();
    }
  }
  return next;
}

export function closeStretch(
  m: MemberState,
  diff: Int32Array,
  kinds: number,
  kind: number,
  from: number,
  to: number,
): void {
  if (to <= from) return;
  const width = m.t.days + 1;
  const at = (m.arm * kinds + kind) * width;
  diff[at + from]++;
  diff[at + to]--;
}
