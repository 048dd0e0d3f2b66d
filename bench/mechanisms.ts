/**
 * `node --import tsx bench/mechanisms.ts [members] [seed]`: what each mechanism of the model card
 * contributes to the default comparison. Every member is run under every playbook (common random
 * numbers), once with the default scenario and once with each mechanism switched to neutral, and
 * the true effects against control are printed side by side. Used for scenarios/README.md's
 * "what comes out, and why".
 */
import { runComparisonHere } from "../sim/run.ts";
import { normalizeScenario } from "../sim/scenario/normalize.ts";
import { BUILTIN_STRATEGIES } from "../strategies/index.ts";

const members = Number(process.argv[2] ?? 60_000);
const seed = Number(process.argv[3] ?? 1);
const ONE = { rate: 1, dropOut: 1, disengage: 1, tolerance: 1, referral: 1 };
const variants: Record<string, Record<string, unknown>> = {
  "all mechanisms (default)": {},
  "offers persuade unseen": { offers: { mustBeSeen: false, reminderRevealsOffers: false } },
  "no pull-forward or deal-proneness": { offers: { pullForwardShare: 0, dealProneness: 0 } },
  "no lasting relationship value": {
    relationship: {
      wecomFriend: ONE,
      groupMember: ONE,
      follower: ONE,
      engagement: { rate: 0, dropOut: 0, disengage: 0, tolerance: 0, referral: 0 },
      depth: { member: ONE, purchased: ONE, repeat: ONE, koc: ONE },
    },
  },
  "no long fatigue memory": { fatigue: { longWeight: 0 } },
  "no negative word of mouth": { referral: { lostPerAnnoyedLeaver: 0 } },
  "no WeCom delay or monthly cap": {
    channels: { wecom: { executionDelayHours: 0, monthlyCap: 0 } },
  },
};
const arms = ["control", "t-plus-7", "scenario-nurture"];
const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(6);
const yuan = (x: number) => x.toFixed(2).padStart(7);
console.log(`${members} members, 365 days, seed ${seed}; effects are arm − control, same members`);
console.log(
  "variant                              arm               conv pp  overmsg %  optout %  revenue ¥  net CLV ¥  cost ¥",
);
for (const [name, partial] of Object.entries(variants)) {
  const scenario = normalizeScenario({ id: "variant", ...partial }, name);
  const runs = arms.map((id) => {
    const strategy = BUILTIN_STRATEGIES.find((s) => s.id === id)!;
    return runComparisonHere({ scenario, strategies: [strategy], members, days: 365, seed })
      .arms[0];
  });
  const [control] = runs;
  for (const arm of runs.slice(1)) {
    const per = (a: typeof arm, v: number) => v / a.members;
    console.log(
      `${name.padEnd(36)} ${arm.strategy.padEnd(17)} ${pct(per(arm, arm.converted) - per(control, control.converted))}   ${pct(per(arm, arm.churn.overMessaging))}    ${pct(per(arm, arm.optOuts))}   ${yuan(per(arm, arm.revenue) - per(control, control.revenue))}    ${yuan(arm.clvNetPerMember - control.clvNetPerMember)}  ${yuan(per(arm, arm.cost))}`,
    );
  }
}
