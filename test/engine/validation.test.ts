import { describe, expect, it } from "vitest";
import { normalizeScenario } from "../../sim/scenario/normalize.ts";
import { normalizeStrategy } from "../../strategies/index.ts";

const rule = { on: "joined", message: { kind: "welcome", channel: "wecom" } };
const strategyError = (doc: unknown) => {
  try {
    normalizeStrategy(doc, "strategies/x.json");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a validation error");
};
const scenarioError = (doc: unknown) => {
  try {
    normalizeScenario(doc, "s.json");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a validation error");
};

describe("playbook validation", () => {
  it("rejects a playbook whose delay is negative, naming the rule", () => {
    const doc = { id: "x", rules: [rule, rule, { ...rule, delayDays: -1 }] };
    expect(strategyError(doc)).toBe("strategies/x.json: rules[2].delayDays must be ≥ 0, got -1");
  });

  it("rejects unknown triggers, kinds and channels with the allowed words", () => {
    expect(strategyError({ id: "x", rules: [{ ...rule, on: "birthday" }] })).toMatch(
      /^strategies\/x\.json: rules\[0\]\.on must be one of joined, purchased, .*, got "birthday"$/,
    );
    expect(
      strategyError({
        id: "x",
        rules: [{ on: "joined", message: { kind: "spam", channel: "wecom" } }],
      }),
    ).toMatch(/rules\[0\]\.message\.kind must be one of welcome, .*got "spam"/);
    expect(
      strategyError({
        id: "x",
        rules: [{ on: "joined", message: { kind: "welcome", channel: "fax" } }],
      }),
    ).toMatch(/rules\[0\]\.message\.channel must be one of officialAccount, wecom, .*got "fax"/);
  });

  it("rejects misspelled fields instead of ignoring them", () => {
    expect(strategyError({ id: "x", rules: [{ ...rule, delayDay: 3 }] })).toMatch(
      /rules\[0\]\.delayDay is not a known field/,
    );
  });

  it("rejects wrong types, NaN-like values and absurd numbers", () => {
    expect(strategyError({ id: "x", rules: [{ ...rule, delayDays: "3" }] })).toMatch(
      /delayDays must be a finite number, got "3"/,
    );
    expect(strategyError({ id: "x", rules: [{ ...rule, hour: 25 }] })).toMatch(
      /rules\[0\]\.hour must be ≤ 23\.99, got 25/,
    );
    expect(strategyError({ id: "x", frequencyCap: { perDay: 1.5 } })).toMatch(
      /frequencyCap\.perDay must be a whole number, got 1\.5/,
    );
    expect(strategyError({ id: "x", rules: [{ on: "joined" }] })).toMatch(
      /rules\[0\] requires an action/,
    );
  });

  it("walks into audiences and reports the path", () => {
    const doc = {
      id: "x",
      rules: [{ ...rule, audience: { and: [{ stage: ["stable"] }, { not: { depth: ["vip"] } }] } }],
    };
    expect(strategyError(doc)).toMatch(
      /rules\[0\]\.audience\.and\[1\]\.not\.depth\[0\] must be one of basic, .*got "vip"/,
    );
  });

  it("accepts every built-in playbook", async () => {
    const { BUILTIN_STRATEGIES } = await import("../../strategies/index.ts");
    expect(BUILTIN_STRATEGIES.map((s) => s.id)).toEqual([
      "control",
      "t-plus-7",
      "scenario-nurture",
      "sop-48h",
      "rfm-layered-offers",
      "lifecycle-hooks",
      "membership-tiers-points",
      "paid-vip",
      "koc-programme",
      "win-back",
      "one-to-one-followup",
    ]);
  });
});

describe("scenario validation", () => {
  it("fills absent parameters from the documented defaults", () => {
    const s = normalizeScenario({ id: "small", purchase: { r: 1 } }, "s.json");
    expect(s.purchase.r).toBe(1);
    expect(s.purchase.alpha).toBe(60);
    expect(s.channels.wecom.openRate).toBe(0.3);
  });

  it("names the field path and value of a bad parameter", () => {
    expect(scenarioError({ id: "s", purchase: { alpha: -2 } })).toBe(
      "s.json: purchase.alpha must be > 0, got -2",
    );
    expect(scenarioError({ id: "s", channels: { sms: { openRate: 1.5 } } })).toBe(
      "s.json: channels.sms.openRate must be ≤ 1, got 1.5",
    );
    expect(scenarioError({ id: "s", activeHours: [{ start: 20, end: 18, share: 1 }] })).toBe(
      "s.json: activeHours[0].end must be > start (20), got 18",
    );
    expect(scenarioError({ id: "s", spend: { q: 0.5 } })).toBe(
      "s.json: spend.q must be > 1, got 0.5",
    );
    expect(scenarioError({ id: "s", members: 1e12 })).toMatch(
      /members must be ≤ 50000000, got 1000000000000/,
    );
    expect(scenarioError({ id: "s", fatigue: { halfLifeDay: 3 } })).toMatch(
      /fatigue\.halfLifeDay is not a known field/,
    );
    expect(scenarioError({ id: "Bad Id" })).toMatch(/^s\.json: id must be lower-case letters/);
  });

  it("names the field of a bad relation between the new parameters", () => {
    const tier = { name: "t", minSpend: 0, rate: 1, dropOut: 1, tolerance: 1, discount: 0 };
    expect(scenarioError({ id: "x", membership: { tiers: [tier, tier] } })).toBe(
      "s.json: membership.tiers[1].minSpend must be > the one before (0), got 0",
    );
    expect(scenarioError({ id: "x", membership: { tiers: [{ ...tier, minSpend: 100 }] } })).toBe(
      "s.json: membership.tiers[0].minSpend must be 0 (every member is in the first tier), got 100",
    );
    expect(scenarioError({ id: "x", demand: { curve: [{ fromDay: 3, multiplier: 1 }] } })).toBe(
      "s.json: demand.curve[0].fromDay must be 0 (the curve starts at the join), got 3",
    );
    expect(scenarioError({ id: "x", response: { boostShape: "spiky" } })).toBe(
      's.json: response.boostShape must be one of flat, linear, got "spiky"',
    );
    expect(scenarioError({ id: "x", acquisition: { joinHours: { start: 20, end: 9 } } })).toBe(
      "s.json: acquisition.joinHours.end must be > start (20), got 9",
    );
    expect(scenarioError({ id: "x", offers: { pullForwardShare: 2 } })).toBe(
      "s.json: offers.pullForwardShare must be ≤ 1, got 2",
    );
    expect(scenarioError({ id: "x", relationship: { engagement: { dropOut: 1.5 } } })).toBe(
      "s.json: relationship.engagement.dropOut must be ≤ 1, got 1.5",
    );
  });
});
