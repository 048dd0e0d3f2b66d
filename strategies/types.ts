import type {
  AcquisitionChannel,
  Channel,
  Depth,
  ExitGoal,
  MessageKind,
  PointsTask,
  Stage,
  Trigger,
} from "./vocabulary.ts";

/** Who a rule applies to; leaves combine with and / or / not (交并差). */
export type Audience =
  | { and: Audience[] }
  | { or: Audience[] }
  | { not: Audience }
  | { stage: Stage[] }
  | { depth: Depth[] }
  | { purchased: boolean }
  | { purchasesAtLeast: number }
  | { subscribed: Channel }
  /** A built-in MemberTag, or a custom tag that some rule of the playbook sets with `addTag`. */
  | { tag: string }
  | { acquiredVia: AcquisitionChannel[] }
  | { daysSinceJoin: { atLeast?: number; atMost?: number } }
  | { rfm: { recencyDaysAtMost?: number; frequencyAtLeast?: number; monetaryAtLeast?: number } }
  /** Names of the playbook's `rfmLayers`; `"none"` is a member in no layer (never bought included). */
  | { rfmLayer: string[] }
  /** Opened some message within the last n days. */
  | { openedWithinDays: number }
  /** Whether the last delivered message was opened (false when none was delivered). */
  | { lastMessageOpened: boolean }
  /** Tier index, 0 = lowest. */
  | { tier: { atLeast?: number; atMost?: number } }
  | { pointsAtLeast: number }
  | { paidVip: boolean };

export const MEMBER_TAGS = [
  "wecomFriend",
  "inGroup",
  "followsAccount",
  "kocProne",
  "hasCoupon",
] as const;
export type MemberTag = (typeof MEMBER_TAGS)[number];

/** Custom tags (set by `addTag`) a playbook may use at most. */
export const MAX_CUSTOM_TAGS = 24;

/** A playbook-wide RFM layer; a member belongs to the first layer it matches. */
export type RfmLayer = {
  name: string;
  recencyDaysAtMost?: number;
  frequencyAtLeast?: number;
  monetaryAtLeast?: number;
};

/** Delivered messages per member on one channel (0: no cap). Weeks are days 0–6, 7–13, … of
 * the run; months are 30-day windows, days 0–29, 30–59, … */
export type ChannelCap = { perDay: number; perWeek: number; perMonth: number };

/** When in the day a rule's action goes out. */
export type SendHour = number | "active" | "now";

/** A rule after validation: every field present, defaults filled in. */
export type Rule = {
  name: string;
  on: Trigger;
  delayDays: number;
  hour: SendHour;
  /** couponExpiring / courseExpiring / membershipExpiring: how many days before the expiry. */
  daysBefore: number;
  /** inactive: days without a purchase or an opened message. */
  inactiveDays: number;
  /** campaignDay: the calendar day of the run (a sale, a launch) on which the rule fires for every member there. */
  day: number;
  /** stageChanged: the stage entered (null: any change). */
  stage: Stage | null;
  audience: Audience | null;
  message: { kind: MessageKind; channel: Channel } | null;
  /** `minSpend`: the coupon applies only to an order of at least this value (0: any order). */
  coupon: { value: number; validDays: number; minSpend: number } | null;
  discount: { percent: number; days: number } | null;
  giftCost: number;
  inviteToGroup: boolean;
  addWecomFriend: boolean;
  upgradeTier: boolean;
  kocTask: boolean;
  /** Custom tag set on the member (null: none). */
  addTag: string | null;
  /** Custom tag cleared on the member (null: none). */
  removeTag: string | null;
  /** Prompt to follow the official account. */
  followAccount: boolean;
  /** Offer to redeem the member's points. */
  redeemPoints: boolean;
  /** Offer the paid VIP membership. */
  offerPaidVip: boolean;
  pointsTask: PointsTask | null;
  repeat: { everyHours: number; times: number } | null;
  exitOn: ExitGoal[];
  /** How often one member may start this rule (0: no limit). */
  maxPerMember: number;
};

/** A playbook after validation. */
export type Strategy = {
  id: string;
  name: string;
  description: string;
  /** Chinese name and description (shown when the interface is in Chinese); "" when absent. */
  nameZh: string;
  descriptionZh: string;
  /** Where the playbook comes from in the domain, when it helps, what it risks; "" when absent. */
  source: string;
  helps: string;
  risks: string;
  /** Messages per member per day and per 7 days across channels (0: no cap); capped sends are skipped. */
  frequencyCap: { perDay: number; perWeek: number };
  /** Hours in which nothing is sent; a send that falls inside waits until `end`. Null: none. */
  quietHours: { start: number; end: number } | null;
  /** Per-channel caps, only for the channels the playbook lists. */
  channelCaps: Partial<Record<Channel, ChannelCap>>;
  /** In order; a member belongs to the first layer it matches. */
  rfmLayers: RfmLayer[];
  rules: Rule[];
};
