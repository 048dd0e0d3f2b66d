// Audience validation (who a rule applies to), split from normalize.ts; custom tag names too.
import {
  arrayAt,
  booleanAt,
  keywordAt,
  numberAt,
  objectAt,
  onlyKeys,
  stringAt,
  type Where,
} from "./check.ts";
import { type Audience, MEMBER_TAGS } from "./types.ts";
import { ACQUISITION_CHANNELS, CHANNELS, DEPTHS, STAGES } from "./vocabulary.ts";

/** What an audience may refer to beyond the fixed vocabulary: the playbook's own words. */
export type AudienceContext = {
  /** Custom tags that some rule of the playbook sets with `addTag`. */
  settableTags: ReadonlySet<string>;
  /** The playbook's `rfmLayers` names, in order. */
  rfmLayerNames: readonly string[];
};

/** The layer name of a member in no RFM layer (never-bought members included). */
export const NO_RFM_LAYER = "none";

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** A custom tag name: lower-case letters, digits and dashes, unlike any built-in tag. */
export function tagNameAt(at: Where, value: unknown): string {
  const name = stringAt(at, value);
  if (MEMBER_TAGS.some((tag) => tag.toLowerCase() === name.toLowerCase())) {
    at.fail(`must not be a built-in tag (${MEMBER_TAGS.join(", ")})`, name);
  }
  if (!NAME.test(name)) at.fail("must be lower-case letters, digits and dashes", name);
  return name;
}

/** A playbook-defined name (RFM layer): lower-case letters, digits and dashes. */
export function nameAt(at: Where, value: unknown): string {
  const name = stringAt(at, value);
  if (!NAME.test(name)) at.fail("must be lower-case letters, digits and dashes", name);
  return name;
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
  "rfmLayer",
  "openedWithinDays",
  "lastMessageOpened",
  "tier",
  "pointsAtLeast",
  "paidVip",
];
const DAYS_MAX = 3650;

export function normalizeAudience(at: Where, value: unknown, context: AudienceContext): Audience {
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
      const list = parts.map((part, i) => normalizeAudience(here.index(i), part, context));
      return key === "and" ? { and: list } : { or: list };
    }
    case "not":
      return { not: normalizeAudience(here, v, context) };
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
      return { tag: audienceTagAt(here, v, context) };
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
    case "rfmLayer": {
      const allowed = [...context.rfmLayerNames, NO_RFM_LAYER];
      return { rfmLayer: arrayAt(here, v).map((s, i) => keywordAt(here.index(i), s, allowed)) };
    }
    case "openedWithinDays":
      return { openedWithinDays: numberAt(here, v, { min: 0, max: DAYS_MAX }) };
    case "lastMessageOpened":
      return { lastMessageOpened: booleanAt(here, v) };
    case "tier": {
      const range = objectAt(here, v);
      onlyKeys(here, range, ["atLeast", "atMost"]);
      const opt = (name: "atLeast" | "atMost") =>
        range[name] === undefined
          ? undefined
          : numberAt(here.key(name), range[name], { min: 0, max: 1000, integer: true });
      const tier = { atLeast: opt("atLeast"), atMost: opt("atMost") };
      if (tier.atLeast !== undefined && tier.atMost !== undefined && tier.atMost < tier.atLeast) {
        here.key("atMost").fail(`must be ≥ tier.atLeast (${tier.atLeast})`, tier.atMost);
      }
      return { tier };
    }
    case "pointsAtLeast":
      return { pointsAtLeast: numberAt(here, v, { min: 0 }) };
    case "paidVip":
      return { paidVip: booleanAt(here, v) };
    default:
      return at.key(key).fail(`is not an audience (use one of ${LEAF_KEYS.join(", ")})`, v);
  }
}

/** A built-in tag, or a custom tag that some rule of the same playbook sets with `addTag`. */
function audienceTagAt(at: Where, value: unknown, context: AudienceContext): string {
  const name = stringAt(at, value);
  if ((MEMBER_TAGS as readonly string[]).includes(name)) return name;
  if (!context.settableTags.has(name)) {
    at.fail(
      `must be a built-in tag (${MEMBER_TAGS.join(", ")}) or a custom tag that a rule sets with addTag; no rule sets it`,
      name,
    );
  }
  return tagNameAt(at, name);
}
