import {
  arrayAt,
  booleanAt,
  keywordAt,
  numberAt,
  objectAt,
  onlyKeys,
  stringAt,
  Where,
} from "./check.ts";
import { type Audience, MEMBER_TAGS, type Rule, type SendHour, type Strategy } from "./types.ts";
import {
  ACQUISITION_CHANNELS,
  CHANNELS,
  DEPTHS,
  EXIT_GOALS,
  MESSAGE_KINDS,
  STAGES,
  TRIGGERS,
} from "./vocabulary.ts";

const STRATEGY_KEYS = ["id", "name", "description", "frequencyCap", "quietHours", "rules"];
const RULE_KEYS = [
  "name",
  "on",
  "delayDays",
  "hour",
  "daysBefore",
  "inactiveDays",
  "stage",
  "audience",
  "message",
  "coupon",
  "discount",
  "giftCost",
  "inviteToGroup",
  "addWecomFriend",
  "upgradeTier",
  "kocTask",
  "repeat",
  "exitOn",
  "maxPerMember",
];
const DAYS_MAX = 3650;

/**
 * Validates a playbook document and returns it complete and typed; `source` names it in errors
 * (a file path or a built-in id). Nothing below this function re-checks or defaults anything.
 */
export function normalizeStrategy(input: unknown, source: string): Strategy {
  const at = new Where(source);
  const doc = objectAt(at, input);
  onlyKeys(at, doc, STRATEGY_KEYS);
  const id = stringAt(at.key("id"), doc.id);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    at.key("id").fail("must be lower-case letters, digits and dashes", id);
  const rulesAt = at.key("rules");
  const rules = arrayAt(rulesAt, doc.rules ?? []).map((rule, i) =>
    normalizeRule(rulesAt.index(i), rule),
  );
  return {
    id,
    name: stringAt(at.key("name"), doc.name, id),
    description: typeof doc.description === "string" ? doc.description : "",
    frequencyCap: normalizeCap(at.key("frequencyCap"), doc.frequencyCap),
    quietHours: normalizeQuietHours(at.key("quietHours"), doc.quietHours),
    rules,
  };
}

function normalizeCap(at: Where, value: unknown): Strategy["frequencyCap"] {
  if (value === undefined) return { perDay: 0, perWeek: 0 };
  const cap = objectAt(at, value);
  onlyKeys(at, cap, ["perDay", "perWeek"]);
  return {
    perDay: numberAt(at.key("perDay"), cap.perDay, { min: 0, max: 1000, integer: true }, 0),
    perWeek: numberAt(at.key("perWeek"), cap.perWeek, { min: 0, max: 7000, integer: true }, 0),
  };
}

function normalizeQuietHours(at: Where, value: unknown): Strategy["quietHours"] {
  if (value === undefined || value === null) return null;
  const quiet = objectAt(at, value);
  onlyKeys(at, quiet, ["start", "end"]);
  const start = numberAt(at.key("start"), quiet.start, { min: 0, max: 23, integer: true });
  const end = numberAt(at.key("end"), quiet.end, { min: 0, max: 23, integer: true });
  if (start === end) at.key("end").fail("must differ from quietHours.start", end);
  return { start, end };
}

function normalizeRule(at: Where, value: unknown): Rule {
  const rule = objectAt(at, value);
  onlyKeys(at, rule, RULE_KEYS);
  const on = keywordAt(at.key("on"), rule.on, TRIGGERS);
  const normalized: Rule = {
    name: stringAt(at.key("name"), rule.name, `${on} rule`),
    on,
    delayDays: numberAt(at.key("delayDays"), rule.delayDays, { min: 0, max: DAYS_MAX }, 0),
    hour: normalizeHour(at.key("hour"), rule.hour),
    daysBefore: numberAt(
      at.key("daysBefore"),
      rule.daysBefore,
      { min: 0, max: DAYS_MAX, integer: true },
      0,
    ),
    inactiveDays: numberAt(
      at.key("inactiveDays"),
      rule.inactiveDays,
      { min: 1, max: DAYS_MAX, integer: true },
      on === "inactive" ? undefined : 30,
    ),
    stage: rule.stage === undefined ? null : keywordAt(at.key("stage"), rule.stage, STAGES),
    audience:
      rule.audience === undefined ? null : normalizeAudience(at.key("audience"), rule.audience),
    message: normalizeMessage(at.key("message"), rule.message),
    coupon: normalizeCoupon(at.key("coupon"), rule.coupon),
    discount: normalizeDiscount(at.key("discount"), rule.discount),
    giftCost: numberAt(at.key("giftCost"), rule.giftCost, { min: 0, max: 1e6 }, 0),
    inviteToGroup: booleanAt(at.key("inviteToGroup"), rule.inviteToGroup, false),
    addWecomFriend: booleanAt(at.key("addWecomFriend"), rule.addWecomFriend, false),
    upgradeTier: booleanAt(at.key("upgradeTier"), rule.upgradeTier, false),
    kocTask: booleanAt(at.key("kocTask"), rule.kocTask, false),
    repeat: normalizeRepeat(at.key("repeat"), rule.repeat),
    exitOn: arrayAt(at.key("exitOn"), rule.exitOn ?? []).map((goal, i) =>
      keywordAt(at.key("exitOn").index(i), goal, EXIT_GOALS),
    ),
    maxPerMember: numberAt(
      at.key("maxPerMember"),
      rule.maxPerMember,
      { min: 0, max: 100000, integer: true },
      on === "joined" ? 1 : 0,
    ),
  };
  const acts =
    normalized.message ||
    normalized.coupon ||
    normalized.discount ||
    normalized.giftCost > 0 ||
    normalized.inviteToGroup ||
    normalized.addWecomFriend ||
    normalized.upgradeTier ||
    normalized.kocTask;
  if (!acts)
    at.fail("requires an action (message, coupon, discount, giftCost, inviteToGroup, …)", rule);
  return normalized;
}

function normalizeHour(at: Where, value: unknown): SendHour {
  if (value === undefined || value === "now" || value === "active") return value ?? "now";
  return numberAt(at, value, { min: 0, max: 23.99 });
}

function normalizeMessage(at: Where, value: unknown): Rule["message"] {
  if (value === undefined) return null;
  const message = objectAt(at, value);
  onlyKeys(at, message, ["kind", "channel"]);
  return {
    kind: keywordAt(at.key("kind"), message.kind, MESSAGE_KINDS),
    channel: keywordAt(at.key("channel"), message.channel, CHANNELS),
  };
}

function normalizeCoupon(at: Where, value: unknown): Rule["coupon"] {
  if (value === undefined) return null;
  const coupon = objectAt(at, value);
  onlyKeys(at, coupon, ["value", "validDays"]);
  return {
    value: numberAt(at.key("value"), coupon.value, { above: 0, max: 1e6 }),
    validDays: numberAt(at.key("validDays"), coupon.validDays, {
      min: 1,
      max: DAYS_MAX,
      integer: true,
    }),
  };
}

function normalizeDiscount(at: Where, value: unknown): Rule["discount"] {
  if (value === undefined) return null;
  const discount = objectAt(at, value);
  onlyKeys(at, discount, ["percent", "days"]);
  return {
    percent: numberAt(at.key("percent"), discount.percent, { above: 0, max: 0.95 }),
    days: numberAt(at.key("days"), discount.days, { min: 1, max: DAYS_MAX, integer: true }),
  };
}

function normalizeRepeat(at: Where, value: unknown): Rule["repeat"] {
  if (value === undefined) return null;
  const repeat = objectAt(at, value);
  onlyKeys(at, repeat, ["everyHours", "everyDays", "times", "withinHours", "withinDays"]);
  if ((repeat.everyHours === undefined) === (repeat.everyDays === undefined)) {
    at.fail("requires exactly one of everyHours, everyDays", repeat);
  }
  const everyHours =
    repeat.everyHours !== undefined
      ? numberAt(at.key("everyHours"), repeat.everyHours, { min: 1, max: 24 * DAYS_MAX })
      : 24 * numberAt(at.key("everyDays"), repeat.everyDays, { min: 1, max: DAYS_MAX });
  let times: number;
  if (repeat.times !== undefined) {
    times = numberAt(at.key("times"), repeat.times, { min: 1, max: 1000, integer: true });
  } else if (repeat.withinHours !== undefined || repeat.withinDays !== undefined) {
    const within =
      repeat.withinHours !== undefined
        ? numberAt(at.key("withinHours"), repeat.withinHours, { above: 0, max: 24 * DAYS_MAX })
        : 24 * numberAt(at.key("withinDays"), repeat.withinDays, { above: 0, max: DAYS_MAX });
    times = Math.floor(within / everyHours);
    if (times < 1)
      at.key("withinHours").fail(`must be at least everyHours (${everyHours})`, within);
  } else {
    return at.fail("requires times, withinHours or withinDays", repeat);
  }
  return { everyHours, times };
}

const LEAF_KEYS = [
  "and",
  "or",
  "not",
  "stage",
  "depth",
  "purchased",
  "purchasesAtLeast",
  "subscribed",
  "tag",
  "acquiredVia",
  "daysSinceJoin",
  "rfm",
];

function normalizeAudience(at: Where, value: unknown): Audience {
  const node = objectAt(at, value);
  const keys = Object.keys(node);
  if (keys.length !== 1) at.fail(`requires exactly one of ${LEAF_KEYS.join(", ")}`, node);
  const key = keys[0];
  const here = at.key(key);
  const v = node[key];
  switch (key) {
    case "and":
    case "or": {
      const parts = arrayAt(here, v);
      if (parts.length === 0) here.fail("requires at least one audience", v);
      const list = parts.map((part, i) => normalizeAudience(here.index(i), part));
      return key === "and" ? { and: list } : { or: list };
    }
    case "not":
      return { not: normalizeAudience(here, v) };
    case "stage":
      return { stage: arrayAt(here, v).map((s, i) => keywordAt(here.index(i), s, STAGES)) };
    case "depth":
      return { depth: arrayAt(here, v).map((s, i) => keywordAt(here.index(i), s, DEPTHS)) };
    case "purchased":
      return { purchased: booleanAt(here, v) };
    case "purchasesAtLeast":
      return { purchasesAtLeast: numberAt(here, v, { min: 0, integer: true }) };
    case "subscribed":
      return { subscribed: keywordAt(here, v, CHANNELS) };
    case "tag":
      return { tag: keywordAt(here, v, MEMBER_TAGS) };
    case "acquiredVia":
      return {
        acquiredVia: arrayAt(here, v).map((s, i) =>
          keywordAt(here.index(i), s, ACQUISITION_CHANNELS),
        ),
      };
    case "daysSinceJoin": {
      const range = objectAt(here, v);
      onlyKeys(here, range, ["atLeast", "atMost"]);
      return {
        daysSinceJoin: {
          atLeast:
            range.atLeast === undefined
              ? undefined
              : numberAt(here.key("atLeast"), range.atLeast, { min: 0 }),
          atMost:
            range.atMost === undefined
              ? undefined
              : numberAt(here.key("atMost"), range.atMost, { min: 0 }),
        },
      };
    }
    case "rfm": {
      const rfm = objectAt(here, v);
      onlyKeys(here, rfm, ["recencyDaysAtMost", "frequencyAtLeast", "monetaryAtLeast"]);
      const opt = (name: string) =>
        rfm[name] === undefined ? undefined : numberAt(here.key(name), rfm[name], { min: 0 });
      return {
        rfm: {
          recencyDaysAtMost: opt("recencyDaysAtMost"),
          frequencyAtLeast: opt("frequencyAtLeast"),
          monetaryAtLeast: opt("monetaryAtLeast"),
        },
      };
    }
    default:
      return at.key(key).fail(`is not an audience (use one of ${LEAF_KEYS.join(", ")})`, v);
  }
}
