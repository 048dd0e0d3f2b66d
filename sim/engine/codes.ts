import { MEMBER_TAGS } from "../../strategies/types.ts";
import {
  ACQUISITION_CHANNELS,
  CHANNELS,
  DEPTHS,
  MESSAGE_KINDS,
  POINTS_TASKS,
  STAGES,
  TRIGGERS,
} from "../../strategies/vocabulary.ts";

// The vocabulary as the numbers the engine stores (indexes and bit masks), named for reading.
const indexes = <T extends string>(words: readonly T[]) =>
  Object.fromEntries(words.map((w, i) => [w, i])) as Record<T, number>;

export const ON = indexes(TRIGGERS);
export const STAGE = indexes(STAGES);
export const DEPTH = indexes(DEPTHS);
export const TAG = Object.fromEntries(MEMBER_TAGS.map((t, i) => [t, 1 << i])) as Record<
  (typeof MEMBER_TAGS)[number],
  number
>;
export const WECOM = 1 << CHANNELS.indexOf("wecom");
export const COMMUNITY = 1 << CHANNELS.indexOf("community");
export const OFFICIAL = 1 << CHANNELS.indexOf("officialAccount");
export const REFERRAL = ACQUISITION_CHANNELS.indexOf("referral");
export const REMINDER = MESSAGE_KINDS.indexOf("reminder");
export const SHARE_TASK = POINTS_TASKS.indexOf("share");
