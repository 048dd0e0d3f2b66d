/**
 * The words of the domain, shared by playbooks and scenarios. Order matters: the engine stores
 * each as its index in these arrays.
 */

/** Owned channels a member can be reached on (DOMAIN: official account, WeCom, SMS, …). */
export const CHANNELS = ["officialAccount", "wecom", "sms", "community", "miniProgram"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where members come from. Referral members are brought by other members during the run. */
export const ACQUISITION_CHANNELS = ["ad", "packageCard", "offline", "referral"] as const;
export type AcquisitionChannel = (typeof ACQUISITION_CHANNELS)[number];

/** Message kinds; each fits some lifecycle stages better than others (DOMAIN: hooks). */
export const MESSAGE_KINDS = [
  "welcome",
  "story",
  "benefit",
  "hard-sell",
  "reminder",
  "value",
  "win-back",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Lifecycle stages (seed 000); `churned` is the simulator's truth, never seen by a real team. */
export const STAGES = ["break-in", "stable", "declining", "lapsed", "churned"] as const;
export type Stage = (typeof STAGES)[number];

/** Relationship depth, shallow to deep (seed 002). */
export const DEPTHS = ["basic", "member", "purchased", "repeat", "koc"] as const;
export type Depth = (typeof DEPTHS)[number];

/**
 * Events a playbook rule can be triggered by. `joined` with `delayDays` is the T+ line;
 * `membershipExpiring` is the end of a paid VIP term (with `daysBefore`, like `couponExpiring`).
 */
export const TRIGGERS = [
  "joined",
  "purchased",
  "firstPurchase",
  "couponExpiring",
  "courseExpiring",
  "renewalDue",
  "inactive",
  "stageChanged",
  "tierChanged",
  "membershipExpiring",
  "campaignDay",
] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Goals that end a rule's sequence of re-touches. */
export const EXIT_GOALS = ["purchased", "wecomFriend", "opened"] as const;
export type ExitGoal = (typeof EXIT_GOALS)[number];

/** Points tasks a rule can offer (DOMAIN: points earned by checking in, reviewing, sharing). */
export const POINTS_TASKS = ["checkIn", "review", "share"] as const;
export type PointsTask = (typeof POINTS_TASKS)[number];
