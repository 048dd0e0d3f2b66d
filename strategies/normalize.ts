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
import {
  type AudienceContext,
  NO_RFM_LAYER,
  nameAt,
  normalizeAudience,
  tagNameAt,
} from "./normalize-audience.ts";
import {
  type ChannelCap,
  MAX_CUSTOM_TAGS,
  type RfmLayer,
  type Rule,
  type SendHour,
  type Strategy,
} from "./types.ts";
import {
  CHANNELS,
  EXIT_GOALS,
  MESSAGE_KINDS,
  POINTS_TASKS,
  STAGES,
  TRIGGERS,
} from "./vocabulary.ts";

const STRATEGY_KEYS = [
  "id",
  "name",
  "description",
  "nameZh",
  "descriptionZh",
  "source",
  "helps",
  "risks",
  "frequencyCap",
  "quietHours",
  "channelCaps",
  "rfmLayers",
  "rules",
];
/** The fields that make a rule do something, for the "requires an action" message. */
const ACTIONS = [
  "message",
  "coupon",
  "discount",
  "giftCost",
  "inviteToGroup",
  "addWecomFriend",
  "upgradeTier",
  "kocTask",
  "addTag",
  "removeTag",
  "followAccount",
  "redeemPoints",
  "offerPaidVip",
  "pointsTask",
];
const RULE_KEYS = [
  "name",
  "on",
  "delayDays",
  "hour",
  "daysBefore",
  "inactiveDays",
  "day",
  "stage",
  "audience",
  ...ACTIONS,
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
  const rfmLayers = normalizeRfmLayers(at.key("rfmLayers"), doc.rfmLayers);
  const rulesAt = at.key("rules");
  const rawRules = arrayAt(rulesAt, doc.rules ?? []);
  // Audiences may test a custom tag only if some rule sets it, wherever that rule stands.
  const context: AudienceContext = {
    settableTags: new Set(
      rawRules.flatMap((rule) => {
        const addTag = (rule as { addTag?: unknown } | null)?.addTag;
        return typeof addTag === "string" ? [addTag] : [];
      }),
    ),
    rfmLayerNames: rfmLayers.map((layer) => layer.name),
  };
  const rules = rawRules.map((rule, i) => normalizeRule(rulesAt.index(i), rule, context));
  checkCustomTagCount(rulesAt, rules);
  return {
    id,
    name: stringAt(at.key("name"), doc.name, id),
    description: typeof doc.description === "string" ? doc.description : "",
    nameZh: optionalText(at.key("nameZh"), doc.nameZh),
    descriptionZh: optionalText(at.key("descriptionZh"), doc.descriptionZh),
    source: optionalText(at.key("source"), doc.source),
    helps: optionalText(at.key("helps"), doc.helps),
    risks: optionalText(at.key("risks"), doc.risks),
    frequencyCap: normalizeCap(at.key("frequencyCap"), doc.frequencyCap),
    quietHours: normalizeQuietHours(at.key("quietHours"), doc.quietHours),
    channelCaps: normalizeChannelCaps(at.key("channelCaps"), doc.channelCaps),
    rfmLayers,
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

/** At most MAX_CUSTOM_TAGS distinct custom tags, so each has its own bit in the engine. */
function checkCustomTagCount(rulesAt: Where, rules: Rule[]) {
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    for (const field of ["addTag", "removeTag"] as const) {
      const tag = rule[field];
      if (tag === null || seen.has(tag)) continue;
      seen.add(tag);
      if (seen.size > MAX_CUSTOM_TAGS) {
        rulesAt
          .index(i)
          .key(field)
          .fail(
            `would be custom tag number ${seen.size}; a playbook may use at most ${MAX_CUSTOM_TAGS}`,
            tag,
          );
      }
    }
  });
}

const CAP_MAX = { perDay: 1000, perWeek: 7000, perMonth: 30000 };

function normalizeChannelCaps(at: Where, value: unknown): Strategy["channelCaps"] {
  if (value === undefined) return {};
  const caps = objectAt(at, value);
  onlyKeys(at, caps, CHANNELS);
  const out: Strategy["channelCaps"] = {};
  for (const channel of CHANNELS) {
    if (caps[channel] === undefined) continue;
    const here = at.key(channel);
    const cap = objectAt(here, caps[channel]);
    onlyKeys(here, cap, Object.keys(CAP_MAX));
    const window = (name: keyof ChannelCap) =>
      numberAt(here.key(name), cap[name], { min: 0, max: CAP_MAX[name], integer: true }, 0);
    out[channel] = {
      perDay: window("perDay"),
      perWeek: window("perWeek"),
      perMonth: window("perMonth"),
    };
  }
  return out;
}

const LAYER_KEYS = ["name", "recencyDaysAtMost", "frequencyAtLeast", "monetaryAtLeast"] as const;

function normalizeRfmLayers(at: Where, value: unknown): RfmLayer[] {
  if (value === undefined) return [];
  const names: string[] = [];
  return arrayAt(at, value).map((item, i) => {
    const here = at.index(i);
    const layer = objectAt(here, item);
    onlyKeys(here, layer, LAYER_KEYS);
    const name = nameAt(here.key("name"), layer.name);
    if (name === NO_RFM_LAYER)
      here.key("name").fail('must not be "none" (it names members in no layer)', name);
    const first = names.indexOf(name);
    if (first >= 0) here.key("name").fail(`must differ from rfmLayers[${first}].name`, name);
    names.push(name);
    const out: RfmLayer = { name };
    for (const key of LAYER_KEYS.slice(1) as Exclude<keyof RfmLayer, "name">[]) {
      if (layer[key] !== undefined) out[key] = numberAt(here.key(key), layer[key], { min: 0 });
    }
    return out;
  });
}

function normalizeRule(at: Where, value: unknown, context: AudienceContext): Rule {
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
    day: numberAt(
      at.key("day"),
      rule.day,
      { min: 0, max: DAYS_MAX, integer: true },
      on === "campaignDay" ? undefined : 0,
    ),
    stage: rule.stage === undefined ? null : keywordAt(at.key("stage"), rule.stage, STAGES),
    audience:
      rule.audience === undefined
        ? null
        : normalizeAudience(at.key("audience"), rule.audience, context),
    message: normalizeMessage(at.key("message"), rule.message),
    coupon: normalizeCoupon(at.key("coupon"), rule.coupon),
    discount: normalizeDiscount(at.key("discount"), rule.discount),
    giftCost: numberAt(at.key("giftCost"), rule.giftCost, { min: 0, max: 1e6 }, 0),
    inviteToGroup: booleanAt(at.key("inviteToGroup"), rule.inviteToGroup, false),
    addWecomFriend: booleanAt(at.key("addWecomFriend"), rule.addWecomFriend, false),
    upgradeTier: booleanAt(at.key("upgradeTier"), rule.upgradeTier, false),
    kocTask: booleanAt(at.key("kocTask"), rule.kocTask, false),
    addTag: rule.addTag == null ? null : tagNameAt(at.key("addTag"), rule.addTag),
    removeTag: rule.removeTag == null ? null : tagNameAt(at.key("removeTag"), rule.removeTag),
    followAccount: booleanAt(at.key("followAccount"), rule.followAccount, false),
    redeemPoints: booleanAt(at.key("redeemPoints"), rule.redeemPoints, false),
    offerPaidVip: booleanAt(at.key("offerPaidVip"), rule.offerPaidVip, false),
    pointsTask:
      rule.pointsTask == null
        ? null
        : keywordAt(at.key("pointsTask"), rule.pointsTask, POINTS_TASKS),
    repeat: normalizeRepeat(at.key("repeat"), rule.repeat),
    exitOn: arrayAt(at.key("exitOn"), rule.exitOn ?? []).map((goal, i) =>
      keywordAt(at.key("exitOn").index(i), goal, EXIT_GOALS),
    ),
    maxPerMember: numberAt(
      at.key("maxPerMember"),
      rule.maxPerMember,
      { min: 0, max: 100000, integer: true },
      on === "joined" || on === "campaignDay" ? 1 : 0,
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
    normalized.kocTask ||
    normalized.addTag !== null ||
    normalized.removeTag !== null ||
    normalized.followAccount ||
    normalized.redeemPoints ||
    normalized.offerPaidVip ||
    normalized.pointsTask !== null;
  if (!acts) at.fail(`requires an action (${ACTIONS.join(", ")})`, rule);
  if (normalized.addTag !== null && normalized.removeTag === normalized.addTag)
    at.key("removeTag").fail("must differ from addTag", normalized.removeTag);
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
  onlyKeys(at, coupon, ["value", "validDays", "minSpend"]);
  return {
    value: numberAt(at.key("value"), coupon.value, { above: 0, max: 1e6 }),
    validDays: numberAt(at.key("validDays"), coupon.validDays, {
      min: 1,
      max: DAYS_MAX,
      integer: true,
    }),
    minSpend: numberAt(at.key("minSpend"), coupon.minSpend, { min: 0, max: 1e6 }, 0),
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

/** Free text that documents a playbook (its Chinese name, source, …): a string, or "" when absent. */
function optionalText(at: Where, value: unknown): string {
  if (value === undefined) return "";
  if (typeof value !== "string") at.fail("must be a string", value);
  return value;
}
