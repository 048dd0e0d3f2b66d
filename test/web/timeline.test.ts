import { describe, expect, it } from "vitest";
import { BUILTIN_STRATEGIES, normalizeStrategy } from "../../strategies/index.ts";
import { audienceWords, deriveTimeline, MAX_RETOUCHES } from "../../web/timeline.ts";

const builtin = (id: string) => {
  const s = BUILTIN_STRATEGIES.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};
const playbook = (rules: unknown[], extra: object = {}) =>
  normalizeStrategy({ id: "test", rules, ...extra }, "test");

describe("the strategy timeline, read off a playbook", () => {
  it("lays t-plus-7's T+ line out by day since joining and hour, with channels and offers", () => {
    const t = deriveTimeline(builtin("t-plus-7"));
    expect(t.days.map((d) => d.day)).toEqual([0, 3, 7, 8, 9]);
    const [welcome, welcomeOa] = t.days[0].entries;
    expect(welcome).toMatchObject({
      time: "join time",
      channel: "wecom",
      kind: "welcome",
      offers: ["¥20 coupon (7 d)"],
      audience: null,
    });
    expect(welcomeOa).toMatchObject({ channel: "officialAccount", audience: "not on WeCom" });
    expect(t.days[1].entries).toEqual([
      expect.objectContaining({ time: "10:00", channel: "wecom", kind: "story", offers: [] }),
    ]);
    // The T+7 hard sell at 10:00 and its re-touches every 8 h (WeCom) and 12 h (SMS) for 48 h.
    const day7 = t.days[2].entries.map((e) => `${e.time} ${e.channel} ${e.retouch}`);
    expect(day7).toEqual(["10:00 wecom 0", "10:00 sms 0", "18:00 wecom 1", "22:00 sms 1"]);
    expect(t.days[2].entries[0]).toMatchObject({
      offers: ["20 % off for 2 d"],
      audience: "not bought",
      until: ["purchased"],
    });
    expect(t.days[2].entries[1].audience).toBe("not bought and not on WeCom");
    const wecom = t.days
      .flatMap((d) => d.entries)
      .filter((e) => e.kind === "hard-sell" && e.channel === "wecom");
    expect(wecom).toHaveLength(7); // the first send and 6 re-touches within 48 h
    expect(t.events).toEqual([]);
    expect(t.calendar).toEqual([]);
    expect(t.notes).toEqual(["no frequency cap"]);
  });

  it("lists event-triggered rules as 'on <event>' and shows caps and quiet hours", () => {
    const t = deriveTimeline(builtin("scenario-nurture"));
    expect(t.days[0].entries[0]).toMatchObject({
      time: "active hours",
      offers: ["gift (¥2)", "group invitation"],
    });
    expect(t.events.map((g) => g.on)).toContain("on couponExpiring (1 d before)");
    expect(t.events.every((g) => g.entries.every((e) => e.day === null))).toBe(true);
    expect(t.notes).toEqual(["at most 1 a day, 3 a week", "quiet 22:00–08:00"]);
    const winBack = deriveTimeline(builtin("win-back"));
    expect(winBack.days).toEqual([]);
    expect(winBack.events.map((g) => g.on)).toEqual([
      "on inactive (60 d without a purchase or an open)",
      "on inactive (90 d without a purchase or an open)",
      "on entering lapsed",
      "on couponExpiring (2 d before)",
    ]);
    expect(winBack.notes).toContain("SMS at most 2 a month");
  });

  it("puts campaign days on the run's calendar", () => {
    const t = deriveTimeline(builtin("rfm-layered-offers"));
    expect(t.calendar.map((d) => d.day)).toEqual([120, 270]);
    expect(t.calendar[0].entries[0].audience).toBe("layer core");
    expect(t.notes).toContain("RFM layers: core, main, non-core");
  });

  it("sends nothing for control", () => {
    const t = deriveTimeline(builtin("control"));
    expect([t.days, t.calendar, t.events, t.notes]).toEqual([[], [], [], []]);
  });

  it("expands re-touches across midnight and sums up the ones past the limit", () => {
    const t = deriveTimeline(
      playbook([
        {
          on: "joined",
          delayDays: 1,
          hour: 20,
          message: { kind: "reminder", channel: "sms" },
          repeat: { everyHours: 6, times: 20 },
        },
      ]),
    );
    const sends = t.days.flatMap((d) => d.entries);
    expect(sends).toHaveLength(MAX_RETOUCHES + 1);
    expect(sends.slice(0, 3).map((e) => [e.day, e.time])).toEqual([
      [1, "20:00"],
      [2, "02:00"],
      [2, "08:00"],
    ]);
    expect(sends.at(-1)?.more).toBe(`${20 - MAX_RETOUCHES} more re-touches, every 6 h`);
  });

  it("counts 'now' from the join and fractional delays in hours", () => {
    const t = deriveTimeline(
      playbook([{ on: "joined", delayDays: 1.25, message: { kind: "story", channel: "wecom" } }]),
    );
    expect(t.days).toEqual([
      { day: 1, entries: [expect.objectContaining({ time: "join time + 6 h" })] },
    ]);
  });

  it("says an audience in words, nesting with parentheses", () => {
    expect(
      audienceWords({
        and: [{ purchased: true }, { or: [{ stage: ["lapsed"] }, { tag: "inGroup" }] }],
      }),
    ).toBe("bought and (stage lapsed or tagged inGroup)");
    expect(audienceWords({ daysSinceJoin: { atLeast: 3, atMost: 9 } })).toBe(
      "daysSinceJoin atLeast 3, atMost 9",
    );
  });
});
