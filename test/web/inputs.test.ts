import { describe, expect, it } from "vitest";
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import {
  applyScenarioPatch,
  defaultInputs,
  parseInputs,
  parsePlaybooks,
  type RunInputs,
} from "../../web/inputs.ts";

const inputs = (patch: Partial<RunInputs> = {}): RunInputs => ({ ...defaultInputs(4), ...patch });

const messages = (patch: Partial<RunInputs>) => {
  const parsed = parseInputs(inputs(patch));
  return "errors" in parsed ? parsed.errors.map((e) => e.message) : [];
};

describe("the dashboard's run form", () => {
  it("defaults to the first built-in scenario, t-plus-7 vs scenario-nurture, 100,000 members, 365 days, seed 1", () => {
    const parsed = parseInputs(inputs());
    if (!("request" in parsed)) throw new Error("the defaults should be valid");
    const { spec, workers } = parsed.request;
    expect(spec.scenario.id).toBe(BUILTIN_SCENARIOS[0].id);
    expect(spec.strategies.map((s) => s.id)).toEqual(["t-plus-7", "scenario-nurture"]);
    expect([spec.members, spec.days, spec.seed, workers]).toEqual([100_000, 365, 1, 4]);
  });

  it("accepts whole numbers typed with thousands separators", () => {
    const parsed = parseInputs(inputs({ members: "1,000,000", seed: " 42 " }));
    expect("request" in parsed && [parsed.request.spec.members, parsed.request.spec.seed]).toEqual([
      1_000_000, 42,
    ]);
  });

  it.each(["0", "-5", "NaN", "2000001", "12.5", "1e5", "abc", "1,00"])(
    "names the field and value of members %j",
    (members) => {
      expect(messages({ members })).toEqual([
        `invalid members: ${members} — enter a whole number from 1 to 2,000,000`,
      ]);
    },
  );

  it("says an empty field is empty", () => {
    expect(messages({ days: "  " })).toEqual([
      "invalid days: (empty) — enter a whole number from 1 to 3,650",
    ]);
  });

  it("reports every bad field at once", () => {
    expect(messages({ members: "0", days: "4000", seed: "-1", workers: "0" })).toHaveLength(4);
  });

  it("rejects a comparison with fewer than two strategies", () => {
    expect(messages({ arms: ["control"] })).toEqual([
      "a comparison requires at least two strategies, got 1",
    ]);
  });
});

describe("the run form's editors", () => {
  const playbookText = (doc: object) => JSON.stringify(doc);
  const rule = { on: "joined", message: { kind: "welcome", channel: "wecom" } };

  it("runs a valid edited playbook as an arm after the checked built-ins", () => {
    const parsed = parseInputs(
      inputs({ playbooks: [playbookText({ id: "mine", rules: [rule] })] }),
    );
    if (!("request" in parsed)) throw new Error(JSON.stringify(parsed));
    expect(parsed.request.spec.strategies.map((s) => s.id)).toEqual([
      "t-plus-7",
      "scenario-nurture",
      "mine",
    ]);
  });

  it("gives a playbook whose id clashes a distinct one, so control stays the built-in", () => {
    const texts = [
      playbookText({ id: "control", rules: [rule] }),
      playbookText({ id: "control", rules: [] }),
    ];
    expect(parsePlaybooks(texts).map((p) => ("strategy" in p ? p.strategy.id : p.error))).toEqual([
      "control-edited",
      "control-edited-2",
    ]);
  });

  it("names the editor and the path of a bad field, in the CLI's words", () => {
    const parsed = parseInputs(
      inputs({ playbooks: [playbookText({ id: "x", rules: [{ ...rule, delayDays: -1 }] })] }),
    );
    expect("errors" in parsed && parsed.errors).toEqual([
      {
        field: "playbooks",
        index: 0,
        message: "edited playbook 1: rules[0].delayDays must be ≥ 0, got -1",
      },
    ]);
    expect(messages({ playbooks: ["{"] })[0]).toMatch(/^edited playbook 1: not valid JSON — /);
  });

  it("lays a partial scenario over the chosen one and validates it with normalizeScenario", () => {
    const base = BUILTIN_SCENARIOS[1];
    const patched = applyScenarioPatch(base, '{ "fatigue": { "halfLifeDays": 2 } }');
    if (!("scenario" in patched)) throw new Error(patched.error);
    expect(patched.scenario.fatigue).toEqual({ ...base.fatigue, halfLifeDays: 2 });
    expect(patched.scenario.spend).toEqual(base.spend);
    expect(patched.scenario.name).toBe(`${base.name} (edited)`);
    expect(applyScenarioPatch(base, "")).toEqual({ scenario: base });
    expect(applyScenarioPatch(base, '{ "channels": { "sms": { "openRate": 2 } } }')).toEqual({
      error: "scenario parameters: channels.sms.openRate must be ≤ 1, got 2",
    });
    expect(applyScenarioPatch(base, "[1]")).toEqual({
      error: "scenario parameters: document must be an object, got [1]",
    });
  });
});
