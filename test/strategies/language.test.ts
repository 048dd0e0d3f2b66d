import { describe, expect, it } from "vitest";
import control from "../../strategies/builtin/control.json" with { type: "json" };
import nurture from "../../strategies/builtin/scenario-nurture.json" with { type: "json" };
import tPlus7 from "../../strategies/builtin/t-plus-7.json" with { type: "json" };
import {
  CHANNELS,
  CUSTOM_TAG_SHIFT,
  compileStrategy,
  InputError,
  type MemberView,
  normalizeStrategy,
  POINTS_TASKS,
  TRIGGERS,
} from "../../strategies/index.ts";

const message = { kind: "welcome", channel: "wecom" };
const rule = { on: "joined", message };

const valid = (doc: Record<string, unknown>) => normalizeStrategy({ id: "x", ...doc }, "x.json");
const plan = (doc: Record<string, unknown>) => compileStrategy(valid(doc));
const oneRule = (fields: Record<string, unknown>) => valid({ rules: [{ ...rule, ...fields }] });

/** The one error line for a document; fails the test if the document is accepted. */
const errorOf = (doc: Record<string, unknown>) => {
  try {
    valid(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected a validation error");
};
const ruleError = (fields: Record<string, unknown>) => errorOf({ rules: [{ ...rule, ...fields }] });

/** A member as the engine describes it; fields default to a fresh, never-bought member. */
const member = (fields: Partial<MemberView> = {}): MemberView => ({
  stage: 0,
  depth: 0,
  purchases: 0,
  reachable: 0,
  tags: 0,
  acquisition: 0,
  daysSinceJoin: 0,
  recencyDays: 1e9,
  monetary: 0,
  daysSinceOpen: 1e9,
  lastMessageOpened: 0,
  tier: 0,
  points: 0,
  paidVip: 0,
  ...fields,
});

/** The compiled audience test of a one-rule playbook. */
const audienceOf = (audience: unknown, doc: Record<string, unknown> = {}) => {
  const test = plan({ ...doc, rules: [{ ...rule, audience }] }).rules[0].audience;
  if (!test) throw new Error("no audience");
  return test;
};

describe("vocabulary additions", () => {
  it("appends membershipExpiring and campaignDay after the existing triggers, keeping their indexes", () => {
    expect(TRIGGERS.indexOf("tierChanged")).toBe(8);
    expect(TRIGGERS.indexOf("membershipExpiring")).toBe(9);
    expect(TRIGGERS.indexOf("campaignDay")).toBe(TRIGGERS.length - 1);
    expect(oneRule({ on: "membershipExpiring", daysBefore: 7 }).rules[0].daysBefore).toBe(7);
  });

  it("lists the points tasks", () => {
    expect(POINTS_TASKS).toEqual(["checkIn", "review", "share"]);
  });
});

describe("new rule fields", () => {
  it("defaults every new field so old playbooks mean what they meant", () => {
    const [r] = valid({ rules: [{ ...rule, coupon: { value: 20, validDays: 7 } }] }).rules;
    expect(r.coupon).toEqual({ value: 20, validDays: 7, minSpend: 0 });
    expect(r).toMatchObject({
      addTag: null,
      removeTag: null,
      followAccount: false,
      redeemPoints: false,
      offerPaidVip: false,
      pointsTask: null,
    });
  });

  it("accepts a coupon minimum spend of 0 or more and refuses a negative one", () => {
    const coupon = { value: 20, validDays: 7, minSpend: 99 };
    expect(oneRule({ coupon }).rules[0].coupon?.minSpend).toBe(99);
    expect(ruleError({ coupon: { ...coupon, minSpend: -1 } })).toBe(
      "x.json: rules[0].coupon.minSpend must be ≥ 0, got -1",
    );
    expect(ruleError({ coupon: { ...coupon, minSpend: "99" } })).toBe(
      'x.json: rules[0].coupon.minSpend must be a finite number, got "99"',
    );
  });

  it("accepts the boolean offers and refuses anything but true or false", () => {
    for (const field of ["followAccount", "redeemPoints", "offerPaidVip"]) {
      expect(oneRule({ [field]: true }).rules[0]).toMatchObject({ [field]: true });
      expect(ruleError({ [field]: "yes" })).toBe(
        `x.json: rules[0].${field} must be true or false, got "yes"`,
      );
    }
  });

  it("accepts a points task from the list and refuses another word", () => {
    expect(oneRule({ pointsTask: "review" }).rules[0].pointsTask).toBe("review");
    expect(oneRule({ pointsTask: null }).rules[0].pointsTask).toBeNull();
    expect(ruleError({ pointsTask: "dance" })).toBe(
      'x.json: rules[0].pointsTask must be one of checkIn, review, share, got "dance"',
    );
  });

  it("accepts custom tag names of lower-case letters, digits and dashes", () => {
    const [r] = oneRule({ addTag: "vip-2024", removeTag: "trial" }).rules;
    expect([r.addTag, r.removeTag]).toEqual(["vip-2024", "trial"]);
    expect(ruleError({ addTag: "Big Spender" })).toBe(
      'x.json: rules[0].addTag must be lower-case letters, digits and dashes, got "Big Spender"',
    );
    expect(ruleError({ removeTag: "" })).toBe(
      'x.json: rules[0].removeTag must be a non-empty string, got ""',
    );
  });

  it("refuses a custom tag that clashes with a built-in tag, whatever its case", () => {
    expect(ruleError({ addTag: "hasCoupon" })).toMatch(
      /^x\.json: rules\[0\]\.addTag must not be a built-in tag \(wecomFriend, .*\), got "hasCoupon"$/,
    );
    expect(ruleError({ removeTag: "wecomfriend" })).toMatch(
      /rules\[0\]\.removeTag must not be a built-in tag .*got "wecomfriend"$/,
    );
  });

  it("refuses a rule that adds and removes the same tag", () => {
    expect(ruleError({ addTag: "a", removeTag: "a" })).toBe(
      'x.json: rules[0].removeTag must differ from addTag, got "a"',
    );
  });

  it("refuses a 25th distinct custom tag, naming the rule that introduces it", () => {
    const tagged = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        ...rule,
        addTag: `t${i}`,
        removeTag: i > 0 ? `t${i - 1}` : null,
      }));
    expect(valid({ rules: tagged(24) }).rules).toHaveLength(24);
    expect(errorOf({ rules: tagged(25) })).toBe(
      'x.json: rules[24].addTag would be custom tag number 25; a playbook may use at most 24, got "t24"',
    );
    expect(errorOf({ rules: [...tagged(24), { ...rule, removeTag: "old" }] })).toBe(
      'x.json: rules[24].removeTag would be custom tag number 25; a playbook may use at most 24, got "old"',
    );
  });

  it("counts each new field as an action and lists them all when a rule has none", () => {
    const actions = [
      { addTag: "a" },
      { removeTag: "a" },
      { followAccount: true },
      { redeemPoints: true },
      { offerPaidVip: true },
      { pointsTask: "share" },
    ];
    for (const action of actions) {
      expect(valid({ rules: [{ on: "purchased", ...action }] }).rules[0].message).toBeNull();
    }
    expect(errorOf({ rules: [{ on: "purchased", followAccount: false }] })).toMatch(
      /^x\.json: rules\[0\] requires an action \(message, .*kocTask, addTag, removeTag, followAccount, redeemPoints, offerPaidVip, pointsTask\), got /,
    );
  });
});

describe("custom tags in audiences", () => {
  it("accepts a custom tag that some rule sets, even a later rule", () => {
    const doc = valid({
      rules: [
        { ...rule, audience: { not: { tag: "welcomed" } } },
        { ...rule, addTag: "welcomed" },
      ],
    });
    expect(doc.rules[0].audience).toEqual({ not: { tag: "welcomed" } });
  });

  it("refuses a custom tag that no rule sets, at the audience's path", () => {
    expect(
      errorOf({ rules: [{ ...rule, removeTag: "vip", audience: { or: [{ tag: "vip" }] } }] }),
    ).toBe(
      'x.json: rules[0].audience.or[0].tag must be a built-in tag (wecomFriend, inGroup, followsAccount, kocProne, hasCoupon) or a custom tag that a rule sets with addTag; no rule sets it, got "vip"',
    );
  });

  it("still accepts the built-in tags", () => {
    expect(oneRule({ audience: { tag: "kocProne" } }).rules[0].audience).toEqual({
      tag: "kocProne",
    });
  });
});

describe("channel caps", () => {
  it("accepts whole numbers ≥ 0 per channel and window, absent windows meaning no cap", () => {
    const doc = valid({ channelCaps: { sms: { perWeek: 1, perMonth: 2 }, wecom: { perDay: 1 } } });
    expect(doc.channelCaps).toEqual({
      sms: { perDay: 0, perWeek: 1, perMonth: 2 },
      wecom: { perDay: 1, perWeek: 0, perMonth: 0 },
    });
    expect(valid({}).channelCaps).toEqual({});
  });

  it("refuses unknown channels and windows, negatives and fractions", () => {
    expect(errorOf({ channelCaps: { fax: { perDay: 1 } } })).toMatch(
      /^x\.json: channelCaps\.fax is not a known field \(known: officialAccount, .*\), got \{"perDay":1\}$/,
    );
    expect(errorOf({ channelCaps: { sms: { perYear: 1 } } })).toMatch(
      /^x\.json: channelCaps\.sms\.perYear is not a known field/,
    );
    expect(errorOf({ channelCaps: { sms: { perWeek: -1 } } })).toBe(
      "x.json: channelCaps.sms.perWeek must be ≥ 0, got -1",
    );
    expect(errorOf({ channelCaps: { sms: { perMonth: 1.5 } } })).toBe(
      "x.json: channelCaps.sms.perMonth must be a whole number, got 1.5",
    );
  });

  it("compiles to typed arrays by channel index, 0 meaning no cap", () => {
    const p = plan({ channelCaps: { sms: { perWeek: 1, perMonth: 2 }, wecom: { perDay: 3 } } });
    const sms = CHANNELS.indexOf("sms");
    const wecom = CHANNELS.indexOf("wecom");
    for (const caps of [p.channelCapPerDay, p.channelCapPerWeek, p.channelCapPerMonth]) {
      expect(caps).toBeInstanceOf(Int32Array);
      expect(caps).toHaveLength(CHANNELS.length);
    }
    expect(p.channelCapPerDay[wecom]).toBe(3);
    expect(p.channelCapPerWeek[sms]).toBe(1);
    expect(p.channelCapPerMonth[sms]).toBe(2);
    expect(p.channelCapPerDay[sms]).toBe(0);
    expect(p.hasChannelCaps).toBe(true);
    expect(plan({ channelCaps: { sms: { perDay: 0 } } }).hasChannelCaps).toBe(false);
  });
});

describe("RFM layers", () => {
  const rfmLayers = [
    { name: "champions", recencyDaysAtMost: 30, frequencyAtLeast: 3 },
    { name: "recent", recencyDaysAtMost: 60 },
    { name: "big", monetaryAtLeast: 500 },
  ];

  it("accepts an ordered list of named layers", () => {
    expect(valid({ rfmLayers }).rfmLayers).toEqual(rfmLayers);
    expect(plan({ rfmLayers }).rfmLayerNames).toEqual(["champions", "recent", "big"]);
  });

  it("refuses bad, repeated or reserved names and negative thresholds", () => {
    expect(errorOf({ rfmLayers: [{ name: "Top" }] })).toBe(
      'x.json: rfmLayers[0].name must be lower-case letters, digits and dashes, got "Top"',
    );
    expect(errorOf({ rfmLayers: [{ name: "a" }, { name: "a" }] })).toBe(
      'x.json: rfmLayers[1].name must differ from rfmLayers[0].name, got "a"',
    );
    expect(errorOf({ rfmLayers: [{ name: "none" }] })).toMatch(
      /^x\.json: rfmLayers\[0\]\.name must not be "none" .*got "none"$/,
    );
    expect(errorOf({ rfmLayers: [{ name: "a", monetaryAtLeast: -5 }] })).toBe(
      "x.json: rfmLayers[0].monetaryAtLeast must be ≥ 0, got -5",
    );
    expect(errorOf({ rfmLayers: [{ name: "a", recency: 5 }] })).toMatch(
      /^x\.json: rfmLayers\[0\]\.recency is not a known field/,
    );
  });

  it("refuses an audience layer the playbook does not declare", () => {
    expect(errorOf({ rfmLayers, rules: [{ ...rule, audience: { rfmLayer: ["vip"] } }] })).toBe(
      'x.json: rules[0].audience.rfmLayer[0] must be one of champions, recent, big, none, got "vip"',
    );
  });

  it("puts a member in the first layer it matches", () => {
    const inRecent = audienceOf({ rfmLayer: ["recent"] }, { rfmLayers });
    const inBig = audienceOf({ rfmLayer: ["big"] }, { rfmLayers });
    // Matches all three layers: champions wins, so neither recent nor big.
    const champion = member({ purchases: 5, recencyDays: 10, monetary: 900 });
    expect(audienceOf({ rfmLayer: ["champions"] }, { rfmLayers })(champion)).toBe(true);
    expect(inRecent(champion)).toBe(false);
    expect(inBig(champion)).toBe(false);
    // Matches recent and big: recent comes first.
    const regular = member({ purchases: 1, recencyDays: 40, monetary: 900 });
    expect(inRecent(regular)).toBe(true);
    expect(inBig(regular)).toBe(false);
    expect(inBig(member({ purchases: 1, recencyDays: 400, monetary: 900 }))).toBe(true);
  });

  it('calls a member in no layer "none", never-bought members included', () => {
    const none = audienceOf({ rfmLayer: ["none"] }, { rfmLayers });
    expect(none(member())).toBe(true);
    expect(none(member({ purchases: 1, recencyDays: 400, monetary: 10 }))).toBe(true);
    expect(none(member({ purchases: 1, recencyDays: 40, monetary: 10 }))).toBe(false);
    // A layer without thresholds holds every buyer, still not a never-bought member.
    const all = audienceOf({ rfmLayer: ["buyers"] }, { rfmLayers: [{ name: "buyers" }] });
    expect(all(member({ purchases: 1, recencyDays: 1e6 }))).toBe(true);
    expect(all(member())).toBe(false);
  });
});

describe("new audience leaves", () => {
  it("openedWithinDays: opened some message within the last n days", () => {
    const test = audienceOf({ openedWithinDays: 7 });
    expect(test(member({ daysSinceOpen: 7 }))).toBe(true);
    expect(test(member({ daysSinceOpen: 8 }))).toBe(false);
    expect(test(member())).toBe(false);
    expect(ruleError({ audience: { openedWithinDays: -1 } })).toBe(
      "x.json: rules[0].audience.openedWithinDays must be ≥ 0, got -1",
    );
  });

  it("lastMessageOpened: a member with no delivered message has not opened", () => {
    const opened = audienceOf({ lastMessageOpened: true });
    const unopened = audienceOf({ lastMessageOpened: false });
    expect(opened(member({ lastMessageOpened: 1 }))).toBe(true);
    expect(opened(member())).toBe(false);
    expect(unopened(member())).toBe(true);
    expect(ruleError({ audience: { lastMessageOpened: 1 } })).toBe(
      "x.json: rules[0].audience.lastMessageOpened must be true or false, got 1",
    );
  });

  it("tier: an inclusive range of tier indexes, 0 the lowest", () => {
    const test = audienceOf({ tier: { atLeast: 1, atMost: 2 } });
    expect([0, 1, 2, 3].map((tier) => test(member({ tier })))).toEqual([false, true, true, false]);
    expect(audienceOf({ tier: { atLeast: 2 } })(member({ tier: 9 }))).toBe(true);
    expect(ruleError({ audience: { tier: { atLeast: 0.5 } } })).toBe(
      "x.json: rules[0].audience.tier.atLeast must be a whole number, got 0.5",
    );
    expect(ruleError({ audience: { tier: { atLeast: 3, atMost: 1 } } })).toBe(
      "x.json: rules[0].audience.tier.atMost must be ≥ tier.atLeast (3), got 1",
    );
    expect(ruleError({ audience: { tier: { above: 1 } } })).toMatch(
      /rules\[0\]\.audience\.tier\.above is not a known field/,
    );
  });

  it("pointsAtLeast and paidVip", () => {
    const rich = audienceOf({ pointsAtLeast: 100 });
    expect(rich(member({ points: 100 }))).toBe(true);
    expect(rich(member({ points: 99 }))).toBe(false);
    expect(audienceOf({ paidVip: true })(member({ paidVip: 1 }))).toBe(true);
    expect(audienceOf({ paidVip: false })(member({ paidVip: 1 }))).toBe(false);
    expect(ruleError({ audience: { pointsAtLeast: -3 } })).toBe(
      "x.json: rules[0].audience.pointsAtLeast must be ≥ 0, got -3",
    );
    expect(ruleError({ audience: { paidVip: "no" } })).toBe(
      'x.json: rules[0].audience.paidVip must be true or false, got "no"',
    );
  });
});

describe("compiled rule fields", () => {
  it("gives custom tags bits from CUSTOM_TAG_SHIFT in order of first appearance", () => {
    const p = plan({
      rules: [
        { ...rule, removeTag: "b" },
        { ...rule, addTag: "a", audience: { and: [{ tag: "c" }, { tag: "inGroup" }] } },
        { ...rule, addTag: "c", removeTag: "b" },
        { ...rule, addTag: "b", removeTag: "a" },
      ],
    });
    expect(CUSTOM_TAG_SHIFT).toBe(8);
    expect(p.customTags).toEqual(["b", "a", "c"]);
    const bit = (k: number) => 2 ** (CUSTOM_TAG_SHIFT + k);
    expect(p.rules.map((r) => [r.addTagMask, r.removeTagMask])).toEqual([
      [0, bit(0)],
      [bit(1), 0],
      [bit(2), bit(0)],
      [bit(0), bit(1)],
    ]);
    const test = p.rules[1].audience;
    expect(test?.(member({ tags: bit(2) | 2 }))).toBe(true);
    expect(test?.(member({ tags: bit(2) }))).toBe(false);
  });

  it("keeps bit 31 of the 24th custom tag positive and testable", () => {
    const rules: object[] = Array.from({ length: 24 }, (_, i) => ({ ...rule, addTag: `t${i}` }));
    rules.push({ ...rule, audience: { tag: "t23" } });
    const p = plan({ rules });
    expect(p.rules[23].addTagMask).toBe(2 ** 31);
    // The engine ORs masks into a 32-bit int, which turns bit 31 negative; the test still holds.
    expect(p.rules[24].audience?.(member({ tags: 0 | p.rules[23].addTagMask }))).toBe(true);
    expect(p.rules[24].audience?.(member({ tags: 1 << 30 }))).toBe(false);
  });

  it("compiles the offers, minimum spend and points task", () => {
    const [r] = plan({
      rules: [
        {
          ...rule,
          coupon: { value: 30, validDays: 7, minSpend: 199 },
          followAccount: true,
          redeemPoints: true,
          offerPaidVip: true,
          pointsTask: "share",
        },
      ],
    }).rules;
    expect(r).toMatchObject({
      couponValue: 30,
      couponMinSpend: 199,
      followAccount: true,
      redeemPoints: true,
      offerPaidVip: true,
      pointsTask: POINTS_TASKS.indexOf("share"),
      addTagMask: 0,
      removeTagMask: 0,
    });
    expect(plan({ rules: [rule] }).rules[0]).toMatchObject({ pointsTask: -1, couponMinSpend: 0 });
  });
});

describe("built-in playbooks", () => {
  it("still validate unchanged, with the new fields at their defaults", () => {
    for (const doc of [control, tPlus7, nurture]) {
      const s = normalizeStrategy(doc, "built-in");
      expect(s.channelCaps).toEqual({});
      expect(s.rfmLayers).toEqual([]);
      for (const r of s.rules) {
        expect(r).toMatchObject({ addTag: null, removeTag: null, pointsTask: null });
      }
      const p = compileStrategy(s);
      expect(p.hasChannelCaps).toBe(false);
      expect(p.customTags).toEqual([]);
      expect(p.rules.every((r) => r.addTagMask === 0 && r.couponMinSpend === 0)).toBe(true);
    }
  });

  it("still read the built-in hasCoupon tag at its MEMBER_TAGS bit", () => {
    const p = compileStrategy(normalizeStrategy(nurture, "built-in"));
    const reminder = p.rules.find((r) => r.index === 4);
    expect(reminder?.audience?.(member({ tags: 1 << 4 }))).toBe(true);
    expect(reminder?.audience?.(member({ tags: 1 << 3 }))).toBe(false);
  });
});
