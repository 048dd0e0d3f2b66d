import type {
  AcquisitionChannel,
  Channel,
  Depth,
  ExitGoal,
  MessageKind,
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
  | { tag: MemberTag }
  | { acquiredVia: AcquisitionChannel[] }
  | { daysSinceJoin: { atLeast?: number; atMost?: number } }
  | { rfm: { recencyDaysAtMost?: number; frequencyAtLeast?: number; monetaryAtLeast?: number } };

export const MEMBER_TAGS = [
  "wecomFriend",
  "inGroup",
  "followsAccount",
  "kocProne",
  "hasCoupon",
] as const;
export type MemberTag = (typeof MEMBER_TAGS)[number];

/** When in the day a rule's action goes out. */
export type SendHour = number | "active" | "now";

/** A rule after validation: every field present, defaults filled in. */
export type Rule = {
  name: string;
  on: Trigger;
  delayDays: number;
  hour: SendHour;
  /** couponExpiring / courseExpiring: how many days before the expiry. */
  daysBefore: number;
  /** inactive: days without a purchase or an opened message. */
  inactiveDays: number;
  /** stageChanged: the stage entered (null: any change). */
  stage: Stage | null;
  audience: Audience | null;
  message: { kind: MessageKind; channel: Channel } | null;
  coupon: { value: number; validDays: number } | null;
  discount: { percent: number; days: number } | null;
  giftCost: number;
  inviteToGroup: boolean;
  addWecomFriend: boolean;
  upgradeTier: boolean;
  kocTask: boolean;
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
  /** Messages per member per day and per 7 days across channels (0: no cap); capped sends are skipped. */
  frequencyCap: { perDay: number; perWeek: number };
  /** Hours in which nothing is sent; a send that falls inside waits until `end`. Null: none. */
  quietHours: { start: number; end: number } | null;
  rules: Rule[];
};
