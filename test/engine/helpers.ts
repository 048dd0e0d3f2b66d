import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import { normalizeScenario, type Scenario } from "../../sim/scenario/normalize.ts";
import { BUILTIN_STRATEGIES, normalizeStrategy, type Strategy } from "../../strategies/index.ts";

export const builtinStrategy = (id: string): Strategy => {
  const found = BUILTIN_STRATEGIES.find((s) => s.id === id);
  if (!found) throw new Error(`no built-in strategy ${id}`);
  return found;
};

export const builtinScenario = (id: string): Scenario => {
  const found = BUILTIN_SCENARIOS.find((s) => s.id === id);
  if (!found) throw new Error(`no built-in scenario ${id}`);
  return found;
};

/** A scenario from partial parameters over the defaults. */
export const scenario = (partial: Record<string, unknown>): Scenario =>
  normalizeScenario({ id: "test", ...partial }, "test scenario");

/** A playbook from its rules. */
export const playbook = (rules: unknown[], extra: Record<string, unknown> = {}): Strategy =>
  normalizeStrategy({ id: "test-playbook", rules, ...extra }, "test playbook");

const ONE = { rate: 1, dropOut: 1, disengage: 1, tolerance: 1, referral: 1 };

/**
 * Every mechanism of issue 8 switched off: a scenario over these behaves as the engine did before
 * them (test/engine/neutral.test.ts holds it to that, bit for bit).
 */
export const NEUTRAL = {
  channels: {
    wecom: { executionDelayHours: 0, monthlyCap: 0 },
    officialAccount: { optOutPerMessage: 0 },
    sms: { optOutPerMessage: 0 },
  },
  fatigue: { longWeight: 0 },
  response: { boostShape: "flat" },
  offers: {
    mustBeSeen: false,
    couponValueElasticity: 0,
    reminderRevealsOffers: false,
    pullForwardShare: 0,
    dealProneness: 0,
  },
  relationship: {
    wecomFriend: ONE,
    groupMember: ONE,
    follower: ONE,
    engagement: { rate: 0, dropOut: 0, disengage: 0, tolerance: 0, referral: 0 },
    depth: { member: ONE, purchased: ONE, repeat: ONE, koc: ONE },
  },
  referral: { lostPerAnnoyedLeaver: 0 },
  membership: {
    tiers: [{ name: "member", minSpend: 0, rate: 1, dropOut: 1, tolerance: 1, discount: 0 }],
  },
};

/** The neutral scenario with some mechanisms turned back on (one level of sections merged). */
export const neutralWith = (partial: Record<string, Record<string, unknown>>) => {
  const merged: Record<string, unknown> = { ...NEUTRAL };
  for (const [key, value] of Object.entries(partial)) {
    const base = (NEUTRAL as Record<string, unknown>)[key];
    merged[key] = base && typeof base === "object" ? { ...base, ...value } : value;
  }
  return scenario(merged);
};
