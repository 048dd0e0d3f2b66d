import { describe, expect, it } from "vitest";
import defaults from "../../scenarios/defaults.json" with { type: "json" };
import { seededRandom } from "../../sim/random.ts";
import { runComparisonHere } from "../../sim/run.ts";
import { normalizeScenario } from "../../sim/scenario/normalize.ts";
import nurture from "../../strategies/builtin/scenario-nurture.json" with { type: "json" };
import { InputError, normalizeStrategy } from "../../strategies/index.ts";
import { builtinStrategy } from "./helpers.ts";

/** A playbook that uses every action, audience and trigger of the language, for the fuzzers. */
const EVERYTHING = {
  id: "everything",
  frequencyCap: { perDay: 3, perWeek: 10 },
  quietHours: { start: 23, end: 7 },
  channelCaps: { wecom: { perDay: 1, perWeek: 3, perMonth: 8 }, sms: { perMonth: 2 } },
  rfmLayers: [
    { name: "core", frequencyAtLeast: 3, monetaryAtLeast: 500 },
    { name: "main", recencyDaysAtMost: 60 },
  ],
  rules: [
    {
      on: "joined",
      hour: "active",
      message: { kind: "welcome", channel: "sms" },
      followAccount: true,
      addTag: "greeted",
      coupon: { value: 30, validDays: 10, minSpend: 100 },
    },
    {
      on: "joined",
      delayDays: 2,
      audience: { and: [{ tag: "greeted" }, { lastMessageOpened: false }] },
      message: { kind: "story", channel: "officialAccount" },
      inviteToGroup: true,
      addWecomFriend: true,
      removeTag: "greeted",
    },
    {
      on: "purchased",
      audience: { or: [{ rfmLayer: ["core"] }, { tier: { atLeast: 1 } }] },
      message: { kind: "benefit", channel: "wecom" },
      offerPaidVip: true,
      pointsTask: "share",
    },
    {
      on: "inactive",
      inactiveDays: 20,
      audience: { and: [{ pointsAtLeast: 100 }, { not: { paidVip: true } }] },
      redeemPoints: true,
      pointsTask: "checkIn",
    },
    {
      on: "membershipExpiring",
      daysBefore: 7,
      hour: 20,
      message: { kind: "reminder", channel: "wecom" },
      offerPaidVip: true,
    },
    {
      on: "stageChanged",
      stage: "declining",
      audience: { and: [{ openedWithinDays: 30 }, { rfmLayer: ["main", "none"] }] },
      message: { kind: "win-back", channel: "community" },
      discount: { percent: 0.3, days: 3 },
      upgradeTier: true,
      kocTask: true,
      pointsTask: "review",
    },
  ],
};

// Values that break naive validators: wrong types, NaN-ish strings, huge and negative numbers.
const ODD = [null, -1, 0, 1e308, -1e308, "", "x", "NaN", true, [], {}, [1, 2], { a: 1 }, 1.5, 25];

/** Every path to a leaf or a node of a JSON document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...paths(v, [...prefix, i]));
    });
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function mutate(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

/** Validation either accepts a document or says what is wrong; it never throws anything else. */
function expectOnlyInputErrors(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.message).toMatch(/^[^\n]+$/);
    expect(error.message).not.toMatch(/undefined|\[object Object\]/);
  }
}

describe("validation under mutated documents", () => {
  it("answers every mutation of a playbook with the playbook or one clear line", () => {
    const random = seededRandom(7, "fuzz");
    const all = paths(nurture);
    for (let k = 0; k < 3000; k++) {
      const path = all[Math.floor(random() * all.length)];
      const value = ODD[Math.floor(random() * ODD.length)];
      expectOnlyInputErrors(() => normalizeStrategy(mutate(nurture, path, value), "x.json"));
    }
  });

  it("answers every mutation of a playbook using every new field with the playbook or one clear line", () => {
    const random = seededRandom(10, "fuzz");
    const all = paths(EVERYTHING);
    for (let k = 0; k < 3000; k++) {
      const path = all[Math.floor(random() * all.length)];
      const value = ODD[Math.floor(random() * ODD.length)];
      expectOnlyInputErrors(() => normalizeStrategy(mutate(EVERYTHING, path, value), "x.json"));
    }
  });

  it("answers every mutation of a scenario with the scenario or one clear line", () => {
    const random = seededRandom(8, "fuzz");
    const doc = { ...defaults, id: "fuzz" };
    const all = paths(doc);
    for (let k = 0; k < 3000; k++) {
      const path = all[Math.floor(random() * all.length)];
      const value = ODD[Math.floor(random() * ODD.length)];
      expectOnlyInputErrors(() => normalizeScenario(mutate(doc, path, value), "s.json"));
    }
  });

  it("runs every accepted odd scenario to a report without NaN or Infinity", () => {
    const random = seededRandom(9, "fuzz");
    const doc = { ...defaults, id: "fuzz" };
    const all = paths(doc).filter((p) => p.length > 1);
    const arms = [
      builtinStrategy("t-plus-7"),
      builtinStrategy("scenario-nurture"),
      normalizeStrategy(EVERYTHING, "everything"),
    ];
    let ran = 0;
    for (let k = 0; k < 400; k++) {
      const path = all[Math.floor(random() * all.length)];
      const value = [0, 1, 1e-9, 0.999, 1000, 1e6][Math.floor(random() * 6)];
      let scenario: ReturnType<typeof normalizeScenario>;
      try {
        scenario = normalizeScenario(mutate(doc, path, value), "s.json");
      } catch (error) {
        if (error instanceof InputError) continue;
        throw error;
      }
      const report = runComparisonHere({
        scenario,
        strategies: arms,
        members: 200,
        days: 60,
        seed: k,
      });
      const text = JSON.stringify(report, (_, v) =>
        typeof v === "number" && !Number.isFinite(v) ? `BAD ${v}` : v,
      );
      expect(text, `${path.join(".")} = ${value}`).not.toMatch(/BAD|NaN/);
      ran++;
    }
    expect(ran).toBeGreaterThan(100);
  });
});
