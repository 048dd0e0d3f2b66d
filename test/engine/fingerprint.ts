import { createHash } from "node:crypto";
import { simulateBlock } from "../../sim/engine/block.ts";
import type { BlockOutcome } from "../../sim/engine/outcomes.ts";
import { jobsFor, prepare } from "../../sim/run.ts";
import type { Scenario } from "../../sim/scenario/normalize.ts";
import type { Strategy } from "../../strategies/index.ts";

// Every per-member outcome and per-day series of a run (not the totals, whose layout grows with
// new figures), hashed: two engines that agree on it simulated the same members identically.
const KEYS = [
  "arm",
  "joinDay",
  "churnDay",
  "churnCause",
  "purchases",
  "revenue",
  "clv",
  "cost",
  "messages",
  "optedOut",
  "subscribed",
  "lastActivityDay",
  "depthEnd",
  "referred",
  "stageDiff",
  "depthDiff",
  "purchasesByDay",
  "revenueByDay",
  "messagesByDay",
  "optOutsByDay",
  "overMessagingByDay",
  "repeatByDaySinceJoin",
  "ruleActs",
  "ruleActDays",
] as const;

export function fingerprint(options: {
  scenario: Scenario;
  strategies: Strategy[];
  members: number;
  days: number;
  seed: number;
}): string {
  const prepared = prepare(options);
  const hash = createHash("sha256");
  for (const job of jobsFor(prepared)) {
    const block: BlockOutcome = simulateBlock(prepared.tables, prepared.plans, job);
    for (const key of KEYS) {
      const array = block[key];
      hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
  }
  return hash.digest("hex");
}
