import defaults from "../../scenarios/defaults.json" with { type: "json" };
import {
  InputError,
  type NumberRule,
  numberAt,
  objectAt,
  onlyKeys,
  stringAt,
  Where,
} from "../../strategies/check.ts";

/** How a message's boost runs over `response.boostDays`: flat, or fading linearly to nothing. */
export const BOOST_SHAPES = ["flat", "linear"];

/** A complete, validated scenario: the shape of scenarios/defaults.json. */
export type Scenario = typeof defaults & { source?: unknown };

// Bounds per parameter path; `*` stands for a key of a channel / kind / stage map. Numbers not
// listed must be finite and ≥ 0.
const BOUNDS: [string, NumberRule][] = [
  ["members", { min: 1, max: 50_000_000, integer: true }],
  ["horizonDays", { min: 1, max: 3650, integer: true }],
  ["acquisition.windowDays", { min: 1, max: 3650 }],
  ["acquisition.curve", { min: 0, max: 1e6 }],
  ["acquisition.joinHours.start", { min: 0, max: 23 }],
  ["acquisition.joinHours.end", { above: 0, max: 24 }],
  ["acquisition.channels.*.share", { min: 0, max: 1 }],
  ["acquisition.channels.*.subscribe.*", { min: 0, max: 1 }],
  ["purchase.*", { above: 0, max: 1e6 }],
  ["disengage.nonBuyerDailyHazard", { min: 0, max: 1 }],
  ["spend.q", { above: 1, max: 1e6 }],
  ["spend.*", { above: 0, max: 1e9 }],
  ["channels.*.cost", { min: 0, max: 1e4 }],
  ["channels.*.openRate", { min: 0, max: 1 }],
  ["channels.*.executionRate", { min: 0, max: 1 }],
  ["channels.*.fatigueWeight", { min: 0, max: 100 }],
  ["channels.*.executionDelayHours", { min: 0, max: 720 }],
  ["channels.*.monthlyCap", { min: 0, max: 10000, integer: true }],
  ["channels.*.optOutPerMessage", { min: 0, max: 1 }],
  ["demand.curve.*.fromDay", { min: 0, max: 3650, integer: true }],
  ["demand.curve.*.multiplier", { min: 0, max: 100 }],
  ["activeHours.*.start", { min: 0, max: 23, integer: true }],
  ["activeHours.*.end", { min: 1, max: 24, integer: true }],
  ["activeHours.*.share", { min: 0, max: 1 }],
  ["fatigue.halfLifeDays", { above: 0, max: 3650 }],
  ["fatigue.longHalfLifeDays", { above: 0, max: 3650 }],
  ["fatigue.toleranceMean", { above: 0, max: 1e6 }],
  ["fatigue.toleranceShape", { above: 0, max: 1e6 }],
  ["fatigue.optOutProbability", { min: 0, max: 1 }],
  ["fatigue.leaveProbability", { min: 0, max: 1 }],
  ["fatigue.*", { min: 0, max: 1000 }],
  ["response.boostDays", { min: 0, max: 3650, integer: true }],
  ["response.fit.*", { min: 0, max: 1 }],
  ["response.offHoursOpenFactor", { min: 0, max: 1 }],
  ["response.groupJoinRate", { min: 0, max: 1 }],
  ["response.wecomAddRate", { min: 0, max: 1 }],
  ["response.kocTaskAcceptance", { min: 0, max: 1 }],
  ["response.followRate", { min: 0, max: 1 }],
  ["response.*", { min: 0, max: 1000 }],
  ["offers.couponReferenceValue", { above: 0, max: 1e6 }],
  ["offers.couponValueElasticity", { min: 0, max: 5 }],
  ["offers.pullForwardShare", { min: 0, max: 1 }],
  ["offers.dealProneness", { min: 0, max: 1 }],
  ["relationship.engagement.dropOut", { min: 0, max: 1 }],
  ["relationship.engagement.disengage", { min: 0, max: 1 }],
  ["relationship.engagement.halfLifeDays", { above: 0, max: 3650 }],
  ["relationship.*", { min: 0, max: 100 }],
  ["lifecycle.rhythmMultiplier", { above: 0, max: 100 }],
  ["lifecycle.*", { min: 1, max: 3650, integer: true }],
  ["proxies.lapsedDays", { min: 1, max: 3650, integer: true }],
  ["depth.*", { min: 1, max: 3650, integer: true }],
  ["referral.probabilityPerPurchase", { min: 0, max: 1 }],
  ["referral.kocProneShare", { min: 0, max: 1 }],
  ["referral.kocMultiplier", { min: 0, max: 1000 }],
  ["referral.capPerMember", { min: 0, max: 100, integer: true }],
  ["referral.delayHours", { min: 0, max: 8760 }],
  ["referral.lostPerAnnoyedLeaver", { min: 0, max: 100 }],
  ["course.accessDays", { min: 1, max: 3650, integer: true }],
  ["membership.tiers.*.minSpend", { min: 0, max: 1e9 }],
  ["membership.tiers.*.discount", { min: 0, max: 0.95 }],
  ["membership.tiers.*", { min: 0, max: 100 }],
  ["membership.points.yuanPerPoint", { min: 0, max: 1e4 }],
  ["membership.points.redeemMinimum", { min: 1, max: 1e9 }],
  ["membership.points.tasks.*.uptake", { min: 0, max: 1 }],
  ["membership.points.*", { min: 0, max: 1e6 }],
  ["membership.paidVip.termDays", { min: 1, max: 3650, integer: true }],
  ["membership.paidVip.uptake", { min: 0, max: 1 }],
  ["membership.paidVip.renewalProbability", { min: 0, max: 1 }],
  ["membership.paidVip.memberPriceDiscount", { min: 0, max: 0.95 }],
  ["membership.paidVip.rate", { min: 0, max: 100 }],
  ["membership.paidVip.dropOut", { min: 0, max: 100 }],
  ["membership.paidVip.tolerance", { min: 0, max: 100 }],
  ["membership.paidVip.*", { min: 0, max: 1e6 }],
  ["economics.annualDiscountRate", { min: 0, max: 1 }],
  ["economics.instantWindowDays", { min: 1, max: 3650, integer: true }],
];
const PATTERNS = BOUNDS.map(([pattern, rule]) => ({
  test: new RegExp(`^${pattern.replaceAll(".", "\\.").replaceAll("*", "[^.]+")}(\\..*)?$`),
  rule,
}));

function boundsFor(path: string): NumberRule {
  // activeHours[2].start → activeHours.*.start
  const key = path.replace(/\[\d+\]/g, ".*");
  return PATTERNS.find((p) => p.test.test(key))?.rule ?? { min: 0 };
}

/**
 * Validates a (possibly partial) scenario document and fills every absent parameter from
 * scenarios/defaults.json; `source` names the document in errors.
 */
export function normalizeScenario(input: unknown, source: string): Scenario {
  const at = new Where(source);
  const doc = objectAt(at, input);
  const { source: provenance, ...rest } = doc;
  const merged = mergeAt(at, defaults, rest) as Scenario;
  merged.id = stringAt(at.key("id"), doc.id);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(merged.id)) {
    at.key("id").fail("must be lower-case letters, digits and dashes", merged.id);
  }
  merged.name = stringAt(at.key("name"), doc.name, merged.id);
  if (provenance !== undefined) merged.source = provenance;
  checkRelations(at, merged);
  return merged;
}

function mergeAt(at: Where, base: unknown, value: unknown): unknown {
  if (value === undefined) return structuredClone(base);
  if (typeof base === "number") return numberAt(at, value, boundsFor(at.path));
  if (typeof base === "boolean") {
    if (typeof value !== "boolean") at.fail("must be true or false", value);
    return value;
  }
  if (typeof base === "string") {
    if (typeof value !== "string") at.fail("must be a string", value);
    return value;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(value) || value.length === 0) at.fail("must be a non-empty array", value);
    return value.map((item, i) => mergeAt(at.index(i), base[0], item));
  }
  const baseObject = base as Record<string, unknown>;
  const object = objectAt(at, value);
  // Elements of an array (activeHours) are complete objects: every field required.
  const inArray = /\]$/.test(at.path);
  onlyKeys(at, object, Object.keys(baseObject));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(baseObject)) {
    if (inArray && object[key] === undefined) at.key(key).fail("is required", undefined);
    out[key] = mergeAt(at.key(key), baseObject[key], object[key]);
  }
  return out;
}

function checkRelations(at: Where, s: Scenario) {
  const shares = Object.values(s.acquisition.channels).reduce((sum, c) => sum + c.share, 0);
  if (!(shares > 0)) at.key("acquisition.channels").fail("requires some channel with share > 0", 0);
  const hours = s.activeHours.reduce((sum, w) => sum + w.share, 0);
  if (!(hours > 0)) at.key("activeHours").fail("requires some window with share > 0", 0);
  s.activeHours.forEach((w, i) => {
    if (w.end <= w.start)
      at.key("activeHours").index(i).key("end").fail(`must be > start (${w.start})`, w.end);
  });
  const { stableRecencyDays, lapsedRecencyDays, breakInDays } = s.lifecycle;
  if (lapsedRecencyDays <= stableRecencyDays) {
    at.key("lifecycle.lapsedRecencyDays").fail(
      `must be > stableRecencyDays (${stableRecencyDays})`,
      lapsedRecencyDays,
    );
  }
  if (breakInDays > lapsedRecencyDays) {
    at.key("lifecycle.breakInDays").fail(
      `must be ≤ lapsedRecencyDays (${lapsedRecencyDays})`,
      breakInDays,
    );
  }
  if (!s.acquisition.curve.some((w) => w > 0))
    at.key("acquisition.curve").fail("requires some segment with weight > 0", s.acquisition.curve);
  const { start, end } = s.acquisition.joinHours;
  if (end <= start) at.key("acquisition.joinHours.end").fail(`must be > start (${start})`, end);
  if (!BOOST_SHAPES.includes(s.response.boostShape))
    at.key("response.boostShape").fail(
      `must be one of ${BOOST_SHAPES.join(", ")}`,
      s.response.boostShape,
    );
  startsAtZeroAndRises(
    at.key("demand.curve"),
    s.demand.curve,
    "fromDay",
    "the curve starts at the join",
  );
  const tiers = s.membership.tiers;
  if (tiers.length > 10) at.key("membership.tiers").fail("takes at most 10 tiers", tiers.length);
  startsAtZeroAndRises(
    at.key("membership.tiers"),
    tiers,
    "minSpend",
    "every member is in the first tier",
  );
  const topReferral = s.referral.probabilityPerPurchase * Math.max(1, s.referral.kocMultiplier);
  if (topReferral > 1) {
    at.key("referral.kocMultiplier").fail(
      `× probabilityPerPurchase must be ≤ 1 (a KOC refers at most one member per purchase), got ${topReferral} from`,
      s.referral.kocMultiplier,
    );
  }
}

export { InputError };

/** A list whose `field` is 0 in its first element and rises strictly from one element to the next. */
function startsAtZeroAndRises<K extends string>(
  at: Where,
  list: readonly Record<K, number>[],
  field: K,
  why: string,
): void {
  if (list[0][field] !== 0) at.index(0).key(field).fail(`must be 0 (${why})`, list[0][field]);
  list.forEach((item, i) => {
    if (i > 0 && item[field] <= list[i - 1][field])
      at.index(i)
        .key(field)
        .fail(`must be > the one before (${list[i - 1][field]})`, item[field]);
  });
}
