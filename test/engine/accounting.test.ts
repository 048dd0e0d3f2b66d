import { describe, expect, it } from "vitest";
import { simulateBlock } from "../../sim/engine/block.ts";
import { jobsFor, prepare, reportFor, runComparisonHere } from "../../sim/run.ts";
import { builtinScenario, builtinStrategy, playbook, scenario } from "./helpers.ts";

// Each test here failed before the accounting fix it is named after (issue 8, item 1).

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

describe("the engine's accounting", () => {
  it("gives a coupon-induced purchase no BG/NBD drop-out chance, even after the coupon is used", () => {
    const world = scenario({
      disengage: { nonBuyerDailyHazard: 0 },
      referral: { probabilityPerPurchase: 0 },
      response: { couponLift: 20, couponAddedRate: 0.05 },
    });
    const coupons = playbook([
      { on: "joined", coupon: { value: 1, validDays: 30 }, repeat: { everyDays: 30, times: 11 } },
    ]);
    const report = runComparisonHere({
      scenario: world,
      strategies: [builtinStrategy("control"), coupons],
      members: 30_000,
      days: 365,
      seed: 4,
    });
    const [control, couponed] = report.arms;
    expect(couponed.purchases / couponed.members).toBeGreaterThan(
      2 * (control.purchases / control.members),
    );
    const natural = (a: typeof control) => a.churn.natural / a.members;
    expect(Math.abs(natural(couponed) - natural(control))).toBeLessThan(0.015);
  });

  it("arms an inactivity rule at join, so it acts for members who never engage", () => {
    const quiet = playbook([{ on: "inactive", inactiveDays: 30, giftCost: 1, maxPerMember: 1 }]);
    const report = runComparisonHere({
      scenario: builtinScenario("knowledge-course"),
      strategies: [quiet],
      members: 20_000,
      days: 365,
      seed: 6,
    });
    const arm = report.arms[0];
    // Nine in ten members are still there 30 days after joining and most have not bought.
    expect(arm.rules[0].acted / arm.members).toBeGreaterThan(0.8);
  });

  it("sends an expiry reminder with a fixed hour on the day daysBefore the expiry, never after it", () => {
    const world = scenario({
      purchase: { r: 1, alpha: 1e6, a: 1, b: 1 },
      acquisition: { windowDays: 30 },
      response: { couponAddedRate: 0 },
      disengage: { nonBuyerDailyHazard: 0 },
      referral: { probabilityPerPurchase: 0 },
    });
    const strategy = playbook([
      { on: "joined", coupon: { value: 10, validDays: 7 } },
      { on: "couponExpiring", daysBefore: 1, hour: 10, giftCost: 1 },
      // Members join between 08:00 and 22:00, so 23:30 on the expiry day is always too late.
      { on: "couponExpiring", daysBefore: 0, hour: 23.5, giftCost: 1 },
    ]);
    const report = runComparisonHere({
      scenario: world,
      strategies: [strategy],
      members: 2000,
      days: 100,
      seed: 5,
    });
    const [given, dayBefore, tooLate] = report.arms[0].rules;
    expect(dayBefore.acted).toBe(given.acted);
    // Six calendar days after the join day, at 10:00 (days since join count from the join day).
    expect(dayBefore.meanDaySinceJoin).toBeCloseTo(6 + 10 / 24, 9);
    expect(tooLate.acted).toBe(0);
  });

  it("subtracts cost discounted like revenue from net CLV", () => {
    const world = scenario({
      acquisition: { windowDays: 1 },
      economics: { annualDiscountRate: 1 },
      referral: { probabilityPerPurchase: 0 },
    });
    const gift = playbook([{ on: "joined", delayDays: 300, giftCost: 100 }]);
    const report = runComparisonHere({
      scenario: world,
      strategies: [gift],
      members: 5000,
      days: 365,
      seed: 2,
    });
    const arm = report.arms[0];
    expect(arm.rules[0].acted).toBeGreaterThan(1000);
    const discounted = (arm.rules[0].acted * 100 * 2 ** (-300 / 365)) / arm.members;
    expect(arm.clvPerMember - arm.clvNetPerMember).toBeCloseTo(discounted, 6);
  });

  it("counts the same population (randomised members) in the stage mix, churn and opt-out series", () => {
    const world = scenario({
      referral: { probabilityPerPurchase: 0.5, kocMultiplier: 1 },
      fatigue: { toleranceMean: 2 },
    });
    const prepared = prepare({
      scenario: world,
      strategies: [builtinStrategy("t-plus-7")],
      members: 8000,
      days: 200,
      seed: 3,
    });
    const blocks = jobsFor(prepared).map((job) =>
      simulateBlock(prepared.tables, prepared.plans, job),
    );
    const arm = reportFor(prepared, blocks).arms[0];
    expect(arm.referredMembers).toBeGreaterThan(500);
    expect(arm.churn.overMessaging).toBeGreaterThan(50);
    expect(sum(arm.daily.overMessagingChurn)).toBe(arm.churn.overMessaging);
    expect(sum(arm.daily.optOuts)).toBe(arm.optOuts);
    const joinDays = blocks.flatMap((b) => Array.from(b.joinDay));
    for (const day of [0, 50, 120, 199]) {
      const joined = joinDays.filter((d) => d <= day).length;
      const inStages = sum(Object.values(arm.stageMix).map((series) => series[day]));
      const inDepths = sum(Object.values(arm.depthMix).map((series) => series[day]));
      expect(inStages, `stage mix on day ${day}`).toBe(joined);
      expect(inDepths, `depth mix on day ${day}`).toBeLessThanOrEqual(joined);
    }
  });

  it("keeps past buyers at depth member or deeper, never basic", () => {
    const prepared = prepare({
      scenario: builtinScenario("knowledge-course"),
      strategies: [builtinStrategy("control")],
      members: 20_000,
      days: 365,
      seed: 12,
    });
    let buyers = 0;
    for (const job of jobsFor(prepared)) {
      const block = simulateBlock(prepared.tables, prepared.plans, job);
      for (let i = 0; i < block.count; i++) {
        if (block.purchases[i] === 0) continue;
        buyers++;
        expect(block.depthEnd[i]).not.toBe(0);
      }
    }
    expect(buyers).toBeGreaterThan(5000);
  });

  it("starts the join day at the join hour: nobody buys before joining", () => {
    const world = scenario({
      purchase: { r: 100, alpha: 10, a: 1, b: 1000 },
      acquisition: { windowDays: 10, joinHours: { start: 20, end: 22 } },
      disengage: { nonBuyerDailyHazard: 0 },
      referral: { probabilityPerPurchase: 0 },
    });
    const first = playbook([{ on: "firstPurchase", giftCost: 1 }]);
    const report = runComparisonHere({
      scenario: world,
      strategies: [first],
      members: 2000,
      days: 30,
      seed: 8,
    });
    const rule = report.arms[0].rules[0];
    expect(rule.acted).toBeGreaterThan(1990);
    // Days since join count from the join day's midnight: a join at 20:00–22:00 is 0.83–0.92.
    expect(rule.meanDaySinceJoin).toBeGreaterThan(20 / 24);
  });
});

describe("campaign days", () => {
  it("fire on the calendar day for every member there, and repeat from the first occurrence after the join", () => {
    const world = scenario({
      acquisition: { windowDays: 60 },
      disengage: { nonBuyerDailyHazard: 0 },
      purchase: { r: 1, alpha: 1e6, a: 1, b: 1 },
      referral: { probabilityPerPurchase: 0 },
    });
    const sale = playbook([
      { on: "campaignDay", day: 30, hour: 20, giftCost: 1 },
      { on: "campaignDay", day: 10, hour: 9, giftCost: 1, repeat: { everyDays: 30, times: 3 } },
    ]);
    const prepared = prepare({
      scenario: world,
      strategies: [sale],
      members: 3000,
      days: 200,
      seed: 4,
    });
    const blocks = jobsFor(prepared).map((job) =>
      simulateBlock(prepared.tables, prepared.plans, job),
    );
    const joins = blocks.flatMap((b) => Array.from(b.joinDay));
    const [once, monthly] = reportFor(prepared, blocks).arms[0].rules;
    // Members who joined by 20:00 on day 30 (joins are 08:00–22:00; day 30 joiners count when before 20:00).
    const before30 = joins.filter((d) => d < 30).length;
    expect(once.acted).toBeGreaterThanOrEqual(before30);
    expect(once.acted).toBeLessThanOrEqual(joins.filter((d) => d <= 30).length);
    // Occurrences on days 10, 40, 70, 100: each member gets those at or after their join.
    const expected = joins.reduce((n, d) => n + [10, 40, 70, 100].filter((c) => c > d).length, 0);
    expect(monthly.acted).toBeGreaterThanOrEqual(expected);
    expect(monthly.acted).toBeLessThanOrEqual(
      joins.reduce((n, d) => n + [10, 40, 70, 100].filter((c) => c >= d).length, 0),
    );
  });

  it("skip a member outside the audience at one occurrence and come back at the next", () => {
    const world = scenario({
      acquisition: { windowDays: 1 },
      purchase: { r: 1, alpha: 1e6, a: 1, b: 1 },
      disengage: { nonBuyerDailyHazard: 0 },
      referral: { probabilityPerPurchase: 0 },
    });
    // Odd months only: days 10, 70 and 130 are in the audience window, 40 and 100 are not.
    const monthly = playbook([
      {
        on: "campaignDay",
        day: 10,
        hour: 12,
        giftCost: 1,
        audience: {
          or: [
            { daysSinceJoin: { atMost: 20 } },
            { daysSinceJoin: { atLeast: 60, atMost: 80 } },
            { daysSinceJoin: { atLeast: 120, atMost: 140 } },
          ],
        },
        repeat: { everyDays: 30, times: 4 },
      },
    ]);
    const report = runComparisonHere({
      scenario: world,
      strategies: [monthly],
      members: 1000,
      days: 200,
      seed: 3,
    });
    expect(report.arms[0].rules[0].acted).toBe(3000);
  });
});

describe("exit goals", () => {
  it("are met after the trigger, not by the purchase that armed an inactivity rule", () => {
    const world = scenario({
      purchase: { r: 2, alpha: 100, a: 0.001, b: 1000 },
      disengage: { nonBuyerDailyHazard: 0 },
      referral: { probabilityPerPurchase: 0 },
    });
    const quiet = (exitOn: string[]) =>
      playbook([{ on: "inactive", inactiveDays: 20, giftCost: 1, exitOn }], {
        id: `quiet-${exitOn.length}`,
      });
    const report = runComparisonHere({
      scenario: world,
      strategies: [quiet([]), quiet(["purchased"])],
      members: 10_000,
      days: 365,
      seed: 5,
    });
    const [plain, exiting] = report.arms;
    expect(exiting.rules[0].acted).toBeGreaterThan(0.5 * plain.rules[0].acted);
  });
});
