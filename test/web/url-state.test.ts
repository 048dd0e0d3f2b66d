import { describe, expect, it } from "vitest";
import { defaultInputs, parseInputs } from "../../web/inputs.ts";
import { BadLinkError, decodeSetup, encodeSetup, type SharedSetup } from "../../web/url-state.ts";

const { workers: _, ...defaults } = defaultInputs(4);

const setup = (patch: Partial<SharedSetup["inputs"]> = {}, analysis = {}): SharedSetup => ({
  inputs: { ...defaults, ...patch },
  analysis,
});

const wire = (doc: unknown) => `#s=${Buffer.from(JSON.stringify(doc)).toString("base64url")}`;

describe("the set-up in the URL", () => {
  it("round-trips the defaults in a short base64url hash", () => {
    const hash = encodeSetup(setup());
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(200);
    expect(decodeSetup(hash)).toEqual(setup());
  });

  it("round-trips every field: scenario, arms, numbers as typed, α, adjustment and editor texts exactly", () => {
    const playbook = `{\n  "id": "mine",\n  "name": "微信 ¥20 — mine",\n  "rules": []\n}`;
    const full = setup(
      {
        scenario: "dtc-dairy",
        arms: ["control", "win-back"],
        members: "1,000",
        days: "90",
        seed: "42",
        playbooks: [playbook, "{ not json yet"],
        scenarioPatch: '{ "fatigue": { "halfLifeDays": 2 } }',
      },
      { alpha: 0.01, adjust: "BH" },
    );
    const back = decodeSetup(encodeSetup(full));
    expect(back).toEqual(full);
    expect(back?.inputs.playbooks[0]).toBe(playbook);
  });

  it("reproduces the same run request from a link", () => {
    const original = setup({ members: "5000", seed: "7", arms: ["control", "t-plus-7"] });
    const back = decodeSetup(encodeSetup(original));
    if (!back) throw new Error("expected a set-up");
    const a = parseInputs({ ...original.inputs, workers: "2" });
    const b = parseInputs({ ...back.inputs, workers: "2" });
    expect(b).toEqual(a);
  });

  it("reads no hash as no set-up", () => {
    expect(decodeSetup("")).toBeNull();
    expect(decodeSetup("#")).toBeNull();
  });

  it.each([
    ["#x=abc", /unknown link format/],
    ["#s=!!!", /damaged/],
    ["#s=bm90IGpzb24", /damaged/],
    [wire([1, 2]), /not an object/],
    [wire({ v: 2 }), /unknown set-up version 2/],
    [wire({ v: 1, sc: "mars", a: [], m: "1", d: "1", s: "1" }), /unknown scenario "mars"/],
    [
      wire({ v: 1, sc: "dtc-dairy", a: ["control", "spam"], m: "1", d: "1", s: "1" }),
      /unknown strategy "spam"/,
    ],
    [
      wire({ v: 1, sc: "dtc-dairy", a: ["control"], m: 5, d: "1", s: "1" }),
      /m must be text, got 5/,
    ],
    [
      wire({ v: 1, sc: "dtc-dairy", a: ["control"], m: "-5", d: "1", s: "1" }),
      /invalid members: -5/,
    ],
    [
      wire({ v: 1, sc: "dtc-dairy", a: ["control"], m: "5", d: "1", s: "1", al: 2 }),
      /α must be a number between 0 and 1, got 2/,
    ],
    [
      wire({ v: 1, sc: "dtc-dairy", a: ["control"], m: "5", d: "1", s: "1", ad: "magic" }),
      /unknown adjustment "magic"/,
    ],
    [
      wire({ v: 1, sc: "dtc-dairy", a: ["control"], m: "5", d: "1", s: "1", pb: [{}] }),
      /pb must be a list of texts/,
    ],
  ])("rejects the tampered hash %s with a message", (hash, message) => {
    expect(() => decodeSetup(hash)).toThrow(BadLinkError);
    expect(() => decodeSetup(hash)).toThrow(message);
  });

  it("rejects a truncated link", () => {
    const hash = encodeSetup(setup({ playbooks: ['{"id":"x"}'] }));
    expect(() => decodeSetup(hash.slice(0, hash.length - 7))).toThrow(BadLinkError);
  });
});

describe("the language in the URL", () => {
  it("round-trips lg, and leaves it out when the set-up has none", () => {
    for (const lang of ["en", "zh"] as const) {
      const shared = { ...setup({ seed: "3" }, { alpha: 0.1 }), lang };
      const hash = encodeSetup(shared);
      expect(JSON.parse(Buffer.from(hash.slice(3), "base64url").toString()).lg).toBe(lang);
      expect(decodeSetup(hash)).toEqual(shared);
    }
    const plain = encodeSetup(setup());
    expect(JSON.parse(Buffer.from(plain.slice(3), "base64url").toString())).not.toHaveProperty(
      "lg",
    );
  });

  it("reads an old link without lg as before, with no language", () => {
    const old = wire({ v: 1, sc: defaults.scenario, a: defaults.arms, m: "500", d: "90", s: "1" });
    const back = decodeSetup(old);
    expect(back?.inputs.members).toBe("500");
    expect(back).not.toHaveProperty("lang");
  });

  it("refuses a language it does not know", () => {
    const bad = wire({
      v: 1,
      sc: defaults.scenario,
      a: defaults.arms,
      m: "5",
      d: "9",
      s: "1",
      lg: "fr",
    });
    expect(() => decodeSetup(bad)).toThrow(/unknown language "fr"/);
  });
});
