import type { Plan } from "../../strategies/compile.ts";
import { hash32, streamSeed } from "../random.ts";
import { type Arrival, MemberSimulator } from "./member.ts";
import { allocateBlock, type BlockOutcome, TOTAL, TOTAL_FIELDS } from "./outcomes.ts";
import type { Tables } from "./tables.ts";

/**
 * Members are simulated in fixed-size blocks: the unit a worker is given and the unit results
 * are merged in, so totals are summed in the same order whatever the number of workers.
 */
export const BLOCK_SIZE = 8192;

const PURPOSE_MEMBER = 1;
const PURPOSE_ARM = 2;
const PURPOSE_HOUR = 3;
const PURPOSE_WORD_OF_MOUTH = 4;

export type BlockJob = {
  seed: number;
  start: number;
  count: number;
  /** Cumulative arm shares for randomisation. */
  armCumulative: Float64Array;
  /** Every member in this arm instead of randomising (the paired, counterfactual mode). */
  fixedArm: number;
};

/** The arm a member is randomised to: a hash of seed and member id, never of the worker. */
export function assignArm(seed: number, member: number, armCumulative: Float64Array): number {
  const u = streamSeed(seed, member, PURPOSE_ARM) / 4294967296;
  let arm = 0;
  while (arm < armCumulative.length - 1 && u >= armCumulative[arm]) arm++;
  return arm;
}

export function simulateBlock(tables: Tables, plans: readonly Plan[], job: BlockJob): BlockOutcome {
  const out = allocateBlock(job.start, job.count, plans.length, tables.days, maxRules(plans));
  const queue: { arrival: Arrival; hour: number }[] = [];
  let capped = false;
  const limit = tables.referralCap * job.count;
  const wordOfMouth = new NegativeWordOfMouth(plans.length, tables);
  const sim = new MemberSimulator(
    tables,
    plans,
    out,
    (arrival, hour) => {
      if (queue.length >= limit) capped = true;
      else queue.push({ arrival, hour });
    },
    (arm, day) => wordOfMouth.leftAnnoyed(arm, day),
  );
  const arrival: Arrival = { seed: 0, arm: 0, root: 0, isRoot: true, joinDay: -1 };
  for (let i = 0; i < job.count; i++) {
    const member = job.start + i;
    const arm = job.fixedArm >= 0 ? job.fixedArm : assignArm(job.seed, member, job.armCumulative);
    out.arm[i] = arm;
    arrival.seed = streamSeed(job.seed, member, PURPOSE_MEMBER);
    arrival.arm = arm;
    arrival.root = i;
    // Members join at a time of day within the scenario's join hours (08:00–22:00 by default).
    const hour =
      tables.joinHourStart +
      (tables.joinHourSpan * hash32(arrival.seed, PURPOSE_HOUR)) / 4294967296;
    sim.simulate(arrival, hour);
  }
  // Referred members enter after the block's own, in the order they were brought in; members who
  // left annoyed before a referral's join day talk some of them out of joining.
  for (let k = 0; k < queue.length; k++) {
    const { arrival: referred, hour } = queue[k];
    if (wordOfMouth.takesAway(referred)) {
      out.totals[referred.arm * TOTAL_FIELDS + TOTAL.lostReferrals]++;
      continue;
    }
    sim.simulate(referred, hour);
  }
  if (capped)
    for (let a = 0; a < plans.length; a++) out.totals[a * TOTAL_FIELDS + TOTAL.referralCapped] = 1;
  return out;
}

/** Splits members into the fixed blocks the engine runs. */
export function blockJobs(
  members: number,
  seed: number,
  armCumulative: Float64Array,
  fixedArm = -1,
): BlockJob[] {
  const jobs: BlockJob[] = [];
  for (let start = 0; start < members; start += BLOCK_SIZE) {
    jobs.push({
      seed,
      start,
      count: Math.min(BLOCK_SIZE, members - start),
      armCumulative,
      fixedArm,
    });
  }
  return jobs;
}

/** Rule slots per arm in the outcome arrays. */
export function maxRules(plans: readonly Plan[]): number {
  return Math.max(1, ...plans.map((p) => p.rules.length));
}

/**
 * Negative word of mouth: each member who leaves annoyed costs the arm `lostPerAnnoyedLeaver`
 * referred members who would otherwise have joined on or after the day they left. Kept per
 * block (the unit of determinism), so the result is the same whatever the number of workers.
 */
class NegativeWordOfMouth {
  private readonly owedByDay: Float64Array;
  private readonly taken: Float64Array;
  private any = false;

  constructor(
    arms: number,
    private readonly t: Tables,
  ) {
    this.owedByDay = new Float64Array(arms * t.days);
    this.taken = new Float64Array(arms);
  }

  leftAnnoyed(arm: number, day: number): void {
    this.owedByDay[arm * this.t.days + day] += this.t.lostPerAnnoyedLeaver;
    this.any = true;
  }

  /** Whether a referral is lost: with the chance still owed by the day it would join (up to 1). */
  takesAway(arrival: Arrival): boolean {
    if (!this.any) return false;
    const at = arrival.arm * this.t.days;
    let owed = -this.taken[arrival.arm];
    for (let d = 0; d <= arrival.joinDay; d++) owed += this.owedByDay[at + d];
    if (owed <= 0) return false;
    if (hash32(arrival.seed, PURPOSE_WORD_OF_MOUTH) / 4294967296 >= owed) return false;
    this.taken[arrival.arm]++;
    return true;
  }
}
