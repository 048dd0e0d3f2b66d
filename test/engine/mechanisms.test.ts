import { describe, expect, it } from "vitest";
import type { ArmReport } from "../../sim/report/arm-report.ts";
import { runComparisonHere } from "../../sim/run.ts";
import type { Scenario } from "../../sim/scenario/normalize.ts";
import type { Strategy } from "../../strategies/index.ts";
import { builtinStrategy, NEUTRAL, playbook, scenario } from "./helpers.ts";

// One direction test per mechanism of the model (issue 8). Each starts from NEUTRAL (every
// mechanism off), turns one mechanism on or up, and runs the same members with the same seed under
// the setting with it and the one without. A single-arm run puts every member in that arm, and a
// member's streams are keyed by seed and member, so two such runs are paired (common random
// numbers): the difference is the mechanism's effect with little noise, and a setting that changes
// nothing the members meet reproduces the neutral numbers exactly.

const SEED = 1;
const MEMBERS = 10_000;
const DAYS = 200;

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === "object" && v !== null && !Array.isArray(v);
const merge = (base: Tree, over: Tree): Tree => {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over))
    out[key] = isTree(value) && isTree(base[key]) ? merge(base[key], value) : value;
  return out;
};
/** NEUTRAL with the given parameters over it, merged at every depth (arrays replaced). */
const world = (...overrides: Tree[]) => scenario(overrides.reduce(merge, NEUTRAL as Tree));

/** Every member of the population under one playbook: one arm, so the run is paired. */
const under = (
  w: Scenario,
  strategy: Strategy,
  { members = MEMBERS, days = DAYS } = {},
): ArmReport =>
  runComparisonHere({ scenario: w, strategies: [strategy], members, days, seed: SEED }).arms[0];

/** Report figures that any change in what members did would move. */
const figures = (a: ArmReport) => ({
  purchases: a.purchases,
  converted: a.converted,
  revenue: a.revenue,
  churn: a.churn,
  optOuts: a.optOuts,
  messages: a.messages,
  opened: a.opened,
  referredMembers: a.referredMembers,
});

const sum = (values: number[], from = 0, to = values.length) =>
  values.slice(from, to).reduce((s, v) => s + v, 0);
/** Members who joined by the end of `day`: the stage mix counts every member who has joined. */
const joinedBy = (a: ArmReport, day: number) =>
  sum(Object.values(a.stageMix).map((series) => series[day]));

const control = builtinStrategy("control");
const ACQUISITION = ["ad", "packageCard", "offline", "referral"];
/** Every member, whatever channel they arrive from, subscribed (1) or not (0) to `channel` at join. */
const subscribedAtJoin = (channel: string, share: number): Tree => ({
  acquisition: {
    channels: Object.fromEntries(ACQUISITION.map((a) => [a, { subscribe: { [channel]: share } }])),
  },
});
/** No opt-outs and no leaving: messages only persuade. */
const NO_ANNOYANCE = { fatigue: { optOutProbability: 0, leaveProbability: 0 } };
/** Everyone joins on day 0. */
const DAY_ZERO = { acquisition: { windowDays: 1 } };
const ONE = { rate: 1, dropOut: 1, disengage: 1, tolerance: 1, referral: 1 };
const dailyPush = (channel: string, kind = "hard-sell") =>
  playbook([
    { on: "joined", message: { kind, channel }, repeat: { everyDays: 1, times: DAYS - 1 } },
  ]);

describe("offers", () => {
  // Coupons by SMS that nobody opens (openRate 0), to members all reachable by SMS.
  const unseen = {
    ...merge(subscribedAtJoin("sms", 1), { channels: { sms: { openRate: 0 } } }),
    response: { couponLift: 5, couponAddedRate: 0.05 },
  };
  const smsCoupon = playbook([
    {
      on: "joined",
      message: { kind: "benefit", channel: "sms" },
      coupon: { value: 20, validDays: 30 },
    },
  ]);
  const smsOnly = playbook([{ on: "joined", message: { kind: "benefit", channel: "sms" } }]);

  it("mustBeSeen: a coupon in a message nobody opened adds no purchase but still costs; off, it sells", () => {
    const base = under(world(unseen), control);
    const unseenCoupon = under(world(unseen, { offers: { mustBeSeen: true } }), smsCoupon);
    const messageAlone = under(world(unseen, { offers: { mustBeSeen: true } }), smsOnly);
    // The same message without the coupon: the unseen coupon changes no purchase at all.
    expect(figures(unseenCoupon)).toEqual(figures(messageAlone));
    expect(Math.abs(unseenCoupon.purchases / base.purchases - 1)).toBeLessThan(0.03);
    // Yet members redeem it on purchases they would have made anyway: cost without lift.
    expect(unseenCoupon.costBreakdown.coupons).toBeGreaterThan(0);
    expect(unseenCoupon.costBreakdown.unseenOffers).toBe(unseenCoupon.costBreakdown.coupons);
    const everyOffer = under(world(unseen), smsCoupon);
    expect(everyOffer.purchases).toBeGreaterThan(1.5 * base.purchases);
    expect(everyOffer.costBreakdown.unseenOffers).toBe(0);
  });

  it("reminderRevealsOffers: an opened reminder shows an unseen coupon, which then sells", () => {
    const w = merge(unseen, {
      offers: { mustBeSeen: true },
      channels: { officialAccount: { openRate: 1 } },
      ...subscribedAtJoin("officialAccount", 1),
    });
    const withReminder = playbook([
      {
        on: "joined",
        message: { kind: "benefit", channel: "sms" },
        coupon: { value: 20, validDays: 30 },
      },
      { on: "joined", delayDays: 1, message: { kind: "reminder", channel: "officialAccount" } },
    ]);
    const hidden = under(world(w), withReminder);
    const revealed = under(world(w, { offers: { reminderRevealsOffers: true } }), withReminder);
    expect(revealed.purchases).toBeGreaterThan(1.3 * hidden.purchases);
    // Members who never open the reminder (off hours, fatigue) still redeem the coupon unseen.
    expect(revealed.costBreakdown.unseenOffers).toBeLessThan(
      0.75 * hidden.costBreakdown.unseenOffers,
    );
  });

  // Coupons handed over without a message are always seen.
  const coupon = (value: number, minSpend = 0) =>
    playbook([{ on: "joined", coupon: { value, validDays: 30, minSpend } }]);
  const persuasive = { response: { couponLift: 3, couponAddedRate: 0.02 } };

  it("couponValueElasticity: a bigger coupon persuades more; at 0 a ¥5 and a ¥50 coupon sell the same", () => {
    const flat = world(persuasive);
    const small = under(flat, coupon(5));
    const large = under(flat, coupon(50));
    expect(figures(large)).toEqual(figures(small));
    expect(large.costBreakdown.coupons).toBeGreaterThan(small.costBreakdown.coupons);
    const elastic = world(persuasive, { offers: { couponValueElasticity: 1 } });
    const base = under(elastic, control);
    const smallUplift = under(elastic, coupon(5)).purchases - base.purchases;
    const largeUplift = under(elastic, coupon(50)).purchases - base.purchases;
    expect(smallUplift).toBeGreaterThan(0);
    expect(largeUplift).toBeGreaterThan(2 * smallUplift);
  });

  it("couponReferenceValue: sets the scale of value (¥50 against ¥200 persuades as ¥5 against ¥20)", () => {
    const elastic = { offers: { couponValueElasticity: 1 } };
    const fiveOfTwenty = under(world(persuasive, elastic), coupon(5));
    const fiftyOfTwoHundred = under(
      world(persuasive, elastic, { offers: { couponReferenceValue: 200 } }),
      coupon(50),
    );
    expect(fiftyOfTwoHundred.purchases).toBe(fiveOfTwenty.purchases);
    expect(fiftyOfTwoHundred.converted).toBe(fiveOfTwenty.converted);
    // Without elasticity the reference value is never read.
    const neutral = under(world(persuasive), coupon(50));
    const moved = under(world(persuasive, { offers: { couponReferenceValue: 200 } }), coupon(50));
    expect(figures(moved)).toEqual(figures(neutral));
  });

  it("coupon minSpend: a coupon with a high minimum spend is redeemed less (lower coupon cost)", () => {
    const w = world(persuasive);
    const any = under(w, coupon(20));
    const high = under(w, coupon(20, 400));
    expect(high.costBreakdown.coupons).toBeLessThan(0.3 * any.costBreakdown.coupons);
    expect(under(w, coupon(20, 1e6)).costBreakdown.coupons).toBe(0);
  });

  // A 90 % discount on days 7–20 after a join on day 0, handed over (seen).
  const discountWeeks = playbook([
    { on: "joined", delayDays: 7, discount: { percent: 0.9, days: 14 } },
  ]);

  it("pullForwardShare: discounted purchases are taken from the future, so later purchases and the uplift shrink", () => {
    const base = under(world(DAY_ZERO), control);
    const kept = under(world(DAY_ZERO), discountWeeks);
    const pulled = under(world(DAY_ZERO, { offers: { pullForwardShare: 1 } }), discountWeeks);
    const later = (a: ArmReport) => sum(a.daily.purchases, 30);
    expect(later(pulled)).toBeLessThan(0.8 * later(kept));
    // The debt outlasts the discount: later purchases fall below those of members never offered it.
    expect(later(pulled)).toBeLessThan(0.9 * later(base));
    const uplift = (a: ArmReport) => a.purchases - base.purchases;
    expect(uplift(kept)).toBeGreaterThan(0);
    expect(uplift(pulled)).toBeLessThan(0.8 * uplift(kept));
    // Nothing to pull forward without a discount.
    expect(figures(under(world(DAY_ZERO, { offers: { pullForwardShare: 1 } }), control))).toEqual(
      figures(base),
    );
  });

  it("dealProneness: repeated seen discounts lower later full-price purchases", () => {
    // Three-day 50 % discounts every 10 days until day 93; full price from day 100.
    const deals = playbook([
      {
        on: "joined",
        discount: { percent: 0.5, days: 3 },
        repeat: { everyDays: 10, times: 9 },
      },
    ]);
    const trained = world(DAY_ZERO, { offers: { dealProneness: 0.3 } });
    const naive = under(world(DAY_ZERO), deals);
    const prone = under(trained, deals);
    const fullPrice = (a: ArmReport) => sum(a.daily.purchases, 100);
    expect(fullPrice(prone)).toBeLessThan(0.8 * fullPrice(naive));
    expect(figures(under(trained, control))).toEqual(figures(under(world(DAY_ZERO), control)));
  });
});

describe("relationship value", () => {
  const strong = { rate: 2, dropOut: 0.5, disengage: 0.5, tolerance: 1, referral: 1 };

  it("wecomFriend: members added as WeCom friends buy more and churn less when its effect is > 1, not at 1", () => {
    const adds = { ...subscribedAtJoin("wecom", 0), response: { wecomAddRate: 1 } };
    const addFriend = playbook([{ on: "joined", addWecomFriend: true }]);
    const plain = under(world(adds), addFriend);
    const valued = under(world(adds, { relationship: { wecomFriend: strong } }), addFriend);
    expect(valued.purchases).toBeGreaterThan(1.5 * plain.purchases);
    expect(valued.churn.natural).toBeLessThan(0.85 * plain.churn.natural);
    // At effect 1 adding friends changes nobody's purchases (only the sends' draws move).
    const base = under(world(adds), control);
    expect(Math.abs(plain.purchases / base.purchases - 1)).toBeLessThan(0.03);
    // Effects count from the join: members who joined as friends are unaffected.
    const friends = subscribedAtJoin("wecom", 1);
    expect(
      figures(under(world(friends, { relationship: { wecomFriend: strong } }), addFriend)),
    ).toEqual(figures(under(world(friends), addFriend)));
  });

  it("groupMember and follower: joining the group or following the account raises purchases when their effects are > 1", () => {
    const joins = {
      ...merge(subscribedAtJoin("community", 0), subscribedAtJoin("officialAccount", 0)),
      response: { groupJoinRate: 1, followRate: 1 },
    };
    const invite = playbook([{ on: "joined", inviteToGroup: true }]);
    const follow = playbook([{ on: "joined", followAccount: true }]);
    const neutral = world(joins);
    const valued = world(joins, { relationship: { groupMember: strong, follower: strong } });
    for (const rule of [invite, follow]) {
      const plain = under(neutral, rule);
      const gained = under(valued, rule);
      expect(gained.purchases).toBeGreaterThan(1.5 * plain.purchases);
      expect(gained.churn.natural).toBeLessThan(0.85 * plain.churn.natural);
    }
  });

  // Weekly value content on the official account, which every member follows and always opens.
  const valueContent = {
    ...NO_ANNOYANCE,
    ...subscribedAtJoin("officialAccount", 1),
    channels: { officialAccount: { openRate: 1 } },
  };
  const weeklyValue = playbook([
    {
      on: "joined",
      message: { kind: "value", channel: "officialAccount" },
      repeat: { everyDays: 7, times: 28 },
    },
  ]);
  const engagement = (effects: Tree, halfLifeDays = 60) => ({
    relationship: { engagement: { ...effects, halfLifeDays } },
  });

  it("engagement.rate: opened value content raises purchases; a short halfLifeDays leaves less of it", () => {
    const none = under(world(valueContent), weeklyValue);
    const lasting = under(world(valueContent, engagement({ rate: 3 }, 60)), weeklyValue);
    const fleeting = under(world(valueContent, engagement({ rate: 3 }, 1)), weeklyValue);
    expect(lasting.purchases).toBeGreaterThan(1.5 * none.purchases);
    expect(fleeting.purchases).toBeGreaterThan(none.purchases);
    expect(fleeting.purchases - none.purchases).toBeLessThan(
      0.5 * (lasting.purchases - none.purchases),
    );
    // Nothing opened, nothing engaged: control is the neutral control.
    expect(figures(under(world(valueContent, engagement({ rate: 3 })), control))).toEqual(
      figures(under(world(valueContent), control)),
    );
  });

  it("engagement.gain: vanishes when the kind sent gains nothing", () => {
    const gainless = engagement({ rate: 3, gain: { value: 0 } });
    expect(figures(under(world(valueContent, gainless), weeklyValue))).toEqual(
      figures(under(world(valueContent), weeklyValue)),
    );
  });

  it("engagement.dropOut, disengage and referral: engaged members churn less and refer more", () => {
    const none = under(world(valueContent), weeklyValue);
    const loyal = under(
      world(valueContent, engagement({ dropOut: 1, disengage: 1, referral: 5 })),
      weeklyValue,
    );
    expect(loyal.churn.natural).toBeLessThan(0.8 * none.churn.natural);
    expect(loyal.referredMembers).toBeGreaterThan(1.5 * none.referredMembers);
  });

  it("engagement.tolerance: engaged members bear a heavy push better", () => {
    const push = playbook([
      {
        on: "joined",
        message: { kind: "value", channel: "officialAccount" },
        repeat: { everyDays: 1, times: DAYS - 1 },
      },
    ]);
    const w = {
      ...subscribedAtJoin("officialAccount", 1),
      channels: { officialAccount: { openRate: 1 } },
    };
    const none = under(world(w), push);
    const tolerant = under(world(w, engagement({ tolerance: 3 })), push);
    expect(tolerant.churn.overMessaging).toBeLessThan(0.8 * none.churn.overMessaging);
    expect(tolerant.optOuts).toBeLessThan(0.8 * none.optOuts);
  });

  it("depth tolerance > 1: deeper members bear a heavy push better (less over-messaging churn)", () => {
    const tolerance = 5;
    const deep = {
      relationship: {
        depth: Object.fromEntries(
          ["member", "purchased", "repeat", "koc"].map((d) => [d, { ...ONE, tolerance }]),
        ),
      },
    };
    const sms = subscribedAtJoin("sms", 1);
    const shallow = under(world(sms), dailyPush("sms"));
    const deeper = under(world(sms, deep), dailyPush("sms"));
    expect(deeper.churn.overMessaging).toBeLessThan(0.9 * shallow.churn.overMessaging);
    expect(deeper.optOuts).toBeLessThan(0.9 * shallow.optOuts);
    expect(deeper.purchases).toBeGreaterThan(shallow.purchases);
  });

  it("opt-outs take relationship value away: members who joined as WeCom friends and block WeCom buy less", () => {
    const friends = {
      ...subscribedAtJoin("wecom", 1),
      channels: { wecom: { monthlyCap: 0 } },
      fatigue: { optOutProbability: 0.2, leaveProbability: 0 },
    };
    const valued = { relationship: { wecomFriend: { ...ONE, rate: 3 } } };
    const plain = under(world(friends), dailyPush("wecom"));
    const lost = under(world(friends, valued), dailyPush("wecom"));
    expect(plain.optOuts).toBeGreaterThan(0.5 * MEMBERS);
    expect(lost.purchases).toBeLessThan(0.85 * plain.purchases);
    // Nobody opts out under control: the relationship they joined with is never lost.
    expect(figures(under(world(friends, valued), control))).toEqual(
      figures(under(world(friends), control)),
    );
  });
});

describe("fatigue and word of mouth", () => {
  const sms = subscribedAtJoin("sms", 1);
  const weeklyBenefit = playbook([
    {
      on: "joined",
      message: { kind: "benefit", channel: "sms" },
      repeat: { everyDays: 7, times: 28 },
    },
  ]);

  it("longWeight: a long memory of annoyance raises over-messaging churn and opt-outs under a weekly push", () => {
    const forgets = under(world(sms), weeklyBenefit);
    const remembers = under(world(sms, { fatigue: { longWeight: 1 } }), weeklyBenefit);
    const shortMemory = under(
      world(sms, { fatigue: { longWeight: 1, longHalfLifeDays: 1 } }),
      weeklyBenefit,
    );
    expect(remembers.churn.overMessaging).toBeGreaterThan(3 * forgets.churn.overMessaging);
    expect(remembers.optOuts).toBeGreaterThan(3 * forgets.optOuts);
    // longHalfLifeDays: a long memory that fades within a day keeps less of the annoyance.
    expect(shortMemory.churn.overMessaging).toBeLessThan(0.5 * remembers.churn.overMessaging);
    expect(shortMemory.optOuts).toBeLessThan(0.5 * remembers.optOuts);
    expect(
      figures(
        under(world(sms, { fatigue: { longWeight: 0, longHalfLifeDays: 1 } }), weeklyBenefit),
      ),
    ).toEqual(figures(forgets));
  });

  it("lostPerAnnoyedLeaver: members who leave annoyed cost the arm referrals; 0 loses none", () => {
    const referring = { ...sms, referral: { probabilityPerPurchase: 0.5, kocMultiplier: 1 } };
    const silent = under(world(referring), dailyPush("sms"));
    const talking = under(
      world(referring, { referral: { lostPerAnnoyedLeaver: 5 } }),
      dailyPush("sms"),
    );
    expect(silent.churn.overMessaging).toBeGreaterThan(0);
    expect(silent.lostReferrals).toBe(0);
    expect(talking.lostReferrals).toBeGreaterThan(0.5 * silent.referredMembers);
    expect(talking.referredMembers).toBeLessThan(0.5 * silent.referredMembers);
    // Under control nobody leaves annoyed, so nobody talks a referral out of joining.
    const quiet = under(world(referring, { referral: { lostPerAnnoyedLeaver: 5 } }), control);
    expect(quiet.lostReferrals).toBe(0);
    expect(figures(quiet)).toEqual(figures(under(world(referring), control)));
  });
});

describe("membership", () => {
  const tiers = (rate: number, discount: number) => ({
    membership: {
      tiers: [
        { name: "member", minSpend: 0, rate: 1, dropOut: 1, tolerance: 1, discount: 0 },
        { name: "gold", minSpend: 100, rate, dropOut: 1, tolerance: 1, discount },
      ],
    },
  });

  it("tiers: a tier reached by spend with rate > 1 raises purchases; discount > 0 costs member prices", () => {
    const base = under(world(), control);
    const richer = under(world(tiers(3, 0)), control);
    expect(richer.purchases).toBeGreaterThan(1.3 * base.purchases);
    const priced = under(world(tiers(1, 0.2)), control);
    expect(base.costBreakdown.memberPrices).toBe(0);
    expect(priced.costBreakdown.memberPrices).toBeGreaterThan(0.05 * priced.revenue);
    expect(priced.costBreakdown.memberPrices).toBeLessThan(0.2 * priced.revenue);
    // A tier without benefits changes nothing.
    expect(figures(under(world(tiers(1, 0)), control))).toEqual(figures(base));
  });

  const points = (redeemLift: number) => ({
    membership: {
      points: { redeemLift, redeemMinimum: 100, tasks: { checkIn: { points: 100, uptake: 1 } } },
    },
  });
  const weekly = (action: Tree) =>
    playbook([{ on: "joined", ...action, repeat: { everyDays: 7, times: 28 } }]);

  it("points: redeemPoints costs points and sells through redeemLift; at lift 0 it only costs", () => {
    const redeem = weekly({ redeemPoints: true });
    const idle = under(world(points(0)), redeem);
    const lifted = under(world(points(5)), redeem);
    expect(idle.costBreakdown.points).toBeGreaterThan(0);
    expect(lifted.purchases).toBeGreaterThan(1.2 * idle.purchases);
    // Lift 0: the same purchases as the same sends doing something inert.
    expect(figures(idle)).toEqual(figures(under(world(points(0)), weekly({ addTag: "touched" }))));
  });

  it("pointsTask: a points task adds points (with none from spend, redemption costs only then)", () => {
    const fromTasksOnly = world(points(5), { membership: { pointsPerYuan: 0 } });
    const redeemOnly = under(fromTasksOnly, weekly({ redeemPoints: true }));
    const withTask = under(fromTasksOnly, weekly({ pointsTask: "checkIn", redeemPoints: true }));
    expect(redeemOnly.costBreakdown.points).toBe(0);
    expect(withTask.costBreakdown.points).toBeGreaterThan(100 * 0.01 * MEMBERS);
    expect(withTask.purchases).toBeGreaterThan(redeemOnly.purchases);
  });

  const vip = (o: Record<string, number>) => ({
    membership: {
      paidVip: {
        uptake: 0.5,
        rate: 1,
        dropOut: 1,
        tolerance: 1,
        memberPriceDiscount: 0,
        monthlyGiftCost: 0,
        renewalProbability: 0,
        ...o,
      },
    },
  });
  const offerVip = playbook([{ on: "joined", offerPaidVip: true }]);

  it("paidVip: an offer sells cards whose fee is revenue; VIP rate > 1 raises purchases; gifts cost", () => {
    const declined = under(world(vip({ uptake: 0 })), offerVip);
    const sold = under(world(vip({})), offerVip);
    expect(declined.paidVip).toEqual({ members: 0, fees: 0 });
    expect(sold.paidVip.members).toBeGreaterThan(0.3 * MEMBERS);
    expect(sold.paidVip.fees).toBe(299 * sold.paidVip.members);
    // A card without benefits changes no purchase; its fee is the only extra revenue.
    expect(sold.purchases).toBe(declined.purchases);
    expect(sold.revenue - declined.revenue).toBeCloseTo(sold.paidVip.fees, 3);
    const richer = under(world(vip({ rate: 3 })), offerVip);
    expect(richer.purchases).toBeGreaterThan(1.3 * sold.purchases);
    const gifted = under(world(vip({ monthlyGiftCost: 10 })), offerVip);
    expect(sold.costBreakdown.gifts).toBe(0);
    expect(gifted.costBreakdown.gifts / 10).toBeGreaterThan(0.9 * gifted.paidVip.members);
  });

  it("paidVip.renewalProbability: renewing cards bring more fees over a horizon longer than termDays", () => {
    const never = under(world(DAY_ZERO, vip({ termDays: 60 })), offerVip);
    const always = under(world(DAY_ZERO, vip({ termDays: 60, renewalProbability: 1 })), offerVip);
    expect(always.paidVip.members).toBe(never.paidVip.members);
    expect(never.paidVip.fees).toBe(299 * never.paidVip.members);
    // Terms start on days 0, 60, 120 and 180 for members still there.
    expect(always.paidVip.fees).toBeGreaterThan(2.5 * never.paidVip.fees);
    expect(always.paidVip.fees).toBeLessThanOrEqual(4 * never.paidVip.fees);
  });
});

describe("channels and response", () => {
  it("channels.wecom.monthlyCap and playbook channelCaps: a cap lowers the messages delivered there", () => {
    const daily = dailyPush("wecom", "story");
    const uncapped = under(world(), daily);
    const monthly = under(world({ channels: { wecom: { monthlyCap: 4 } } }), daily);
    expect(monthly.messages).toBeLessThan(0.5 * uncapped.messages);
    const weekly = playbook(
      [
        {
          on: "joined",
          message: { kind: "story", channel: "wecom" },
          repeat: { everyDays: 1, times: DAYS - 1 },
        },
      ],
      { channelCaps: { wecom: { perWeek: 1 } } },
    );
    expect(under(world(), weekly).messages).toBeLessThan(0.5 * uncapped.messages);
    // The tighter of the channel's cap and the playbook's applies.
    const both = playbook(
      [
        {
          on: "joined",
          message: { kind: "story", channel: "wecom" },
          repeat: { everyDays: 1, times: DAYS - 1 },
        },
      ],
      { channelCaps: { wecom: { perMonth: 2 } } },
    );
    expect(under(world({ channels: { wecom: { monthlyCap: 4 } } }), both).messages).toBeLessThan(
      0.7 * monthly.messages,
    );
    // A cap no member reaches changes nothing.
    expect(figures(under(world({ channels: { wecom: { monthlyCap: 10_000 } } }), daily))).toEqual(
      figures(uncapped),
    );
  });

  it("channels.wecom.executionDelayHours: delays WeCom sends by about delay / 24 days, not others", () => {
    const short = { acquisition: { windowDays: 30 } };
    const late = { channels: { wecom: { executionDelayHours: 48 } } };
    const wecomSend = playbook([
      { on: "joined", delayDays: 10, message: { kind: "story", channel: "wecom" } },
    ]);
    const prompt = under(world(short), wecomSend).rules[0].meanDaySinceJoin!;
    const delayed = under(world(short, late), wecomSend).rules[0].meanDaySinceJoin!;
    expect(delayed - prompt).toBeGreaterThan(1.8);
    expect(delayed - prompt).toBeLessThan(2.2);
    const smsSend = playbook([
      { on: "joined", delayDays: 10, message: { kind: "story", channel: "sms" } },
    ]);
    expect(under(world(short, late), smsSend).rules).toEqual(under(world(short), smsSend).rules);
  });

  it("channels.<channel>.optOutPerMessage: any push unfollows a few members, however rested; 0 none", () => {
    const weekly = playbook([
      {
        on: "joined",
        message: { kind: "value", channel: "officialAccount" },
        repeat: { everyDays: 7, times: 20 },
      },
    ]);
    const rested = world(NO_ANNOYANCE);
    const none = under(rested, weekly);
    expect(none.optOuts).toBe(0);
    const some = under(
      world(NO_ANNOYANCE, { channels: { officialAccount: { optOutPerMessage: 0.01 } } }),
      weekly,
    );
    // About 1 % per push for the members who follow the account and are still there.
    expect(some.optOuts).toBeGreaterThan(0.05 * some.members);
    expect(
      under(world(NO_ANNOYANCE, { channels: { sms: { optOutPerMessage: 0.5 } } }), weekly),
    ).toEqual(none);
  });

  it('response.boostShape "linear": a fading boost sells less than a flat one; same at boostDays 1', () => {
    const opened = {
      ...NO_ANNOYANCE,
      ...subscribedAtJoin("officialAccount", 1),
      channels: { officialAccount: { openRate: 1 } },
    };
    const every10 = playbook([
      {
        on: "joined",
        message: { kind: "hard-sell", channel: "officialAccount" },
        repeat: { everyDays: 10, times: 19 },
      },
    ]);
    const base = under(world(opened), control);
    const flat = under(world(opened), every10);
    const linear = under(world(opened, { response: { boostShape: "linear" } }), every10);
    expect(linear.purchases - base.purchases).toBeGreaterThan(0);
    expect(linear.purchases - base.purchases).toBeLessThan(
      0.75 * (flat.purchases - base.purchases),
    );
    const oneDay = { response: { boostDays: 1 } };
    expect(
      figures(under(world(opened, oneDay, { response: { boostShape: "linear" } }), every10)),
    ).toEqual(figures(under(world(opened, oneDay), every10)));
  });
});

describe("acquisition, referrals and depth", () => {
  it("acquisition.curve [3, 1]: three in four members join in the first half of the window", () => {
    const window = { acquisition: { windowDays: 100 } };
    const even = under(world(window), control);
    const early = under(world(window, { acquisition: { curve: [3, 1] } }), control);
    expect(joinedBy(even, 49) / MEMBERS).toBeCloseTo(0.5, 1);
    expect(joinedBy(early, 49) / MEMBERS).toBeCloseTo(0.75, 1);
    expect(joinedBy(early, 99)).toBe(MEMBERS);
  });

  it("acquisition.joinHours: members join within the given hours", () => {
    // A rule on join with no message acts at the join time itself.
    const mark = playbook([{ on: "joined", giftCost: 1 }]);
    const joinHour = (w: Scenario) => under(w, mark).rules[0].meanDaySinceJoin! * 24;
    expect(joinHour(world())).toBeCloseTo(15, 0);
    const hour = joinHour(world({ acquisition: { joinHours: { start: 10, end: 11 } } }));
    expect(hour).toBeGreaterThan(10);
    expect(hour).toBeLessThan(11);
  });

  it("referral.capPerMember: caps the referred members per randomised member (referralCapped)", () => {
    // Every purchase refers someone and members buy often: the referral chain explodes.
    const viral = {
      referral: { probabilityPerPurchase: 1, kocMultiplier: 1 },
      purchase: { alpha: 10 },
    };
    const run = (capPerMember: number) =>
      under(world(viral, { referral: { capPerMember } }), control, { days: 100 });
    const none = run(0);
    expect(none.referredMembers).toBe(0);
    expect(none.referralCapped).toBe(true);
    const one = run(1);
    expect(one.referredMembers).toBe(MEMBERS);
    expect(one.referralCapped).toBe(true);
    const many = run(100);
    expect(many.referredMembers).toBeGreaterThan(3 * MEMBERS);
    expect(many.referralCapped).toBe(false);
  });

  it("referral.delayHours: referred members join later in the day of the purchase that brought them", () => {
    const referring = { referral: { probabilityPerPurchase: 0.3, kocMultiplier: 1 } };
    const markReferred = playbook([
      { on: "joined", giftCost: 1, audience: { acquiredVia: ["referral"] } },
    ]);
    const joinHour = (delayHours: number) => {
      const a = under(world(referring, { referral: { delayHours } }), markReferred);
      expect(a.rules[0].acted).toBeGreaterThan(1000);
      return a.rules[0].meanDaySinceJoin! * 24;
    };
    const prompt = joinHour(0);
    const delayed = joinHour(6);
    // Six hours later, less what the end of the day (23:59) cuts off.
    expect(delayed - prompt).toBeGreaterThan(3);
    expect(delayed - prompt).toBeLessThan(6);
  });

  it("depth.kocMinPurchases: a higher bar makes fewer KOCs", () => {
    const referring = { referral: { probabilityPerPurchase: 0.3, kocMultiplier: 1 } };
    const kocDays = (kocMinPurchases: number) =>
      sum(under(world(referring, { depth: { kocMinPurchases } }), control).depthMix.koc);
    const low = kocDays(2);
    expect(low).toBeGreaterThan(0);
    expect(kocDays(5)).toBeLessThan(0.5 * low);
  });

  it("demand.curve: a later segment with a higher multiplier raises purchases from its day on, not before", () => {
    const flat = under(world(), control);
    const later = under(
      world({
        demand: {
          curve: [
            { fromDay: 0, multiplier: 1 },
            { fromDay: 60, multiplier: 3 },
          ],
        },
      }),
      control,
    );
    expect(later.purchases).toBeGreaterThan(1.5 * flat.purchases);
    // Repeat purchases within 60 days of joining are untouched: the curve starts at day 60.
    expect(later.repeatPurchasesBySinceJoin[60]).toBe(flat.repeatPurchasesBySinceJoin[60]);
    expect(later.repeatPurchasesBySinceJoin[150]).toBeGreaterThan(
      1.5 * flat.repeatPurchasesBySinceJoin[150] - 0.5 * flat.repeatPurchasesBySinceJoin[60],
    );
  });
});
