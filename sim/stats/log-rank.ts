import { InputError, show } from "../errors.ts";
import { chiSquareSurvival } from "./chi-square.ts";
import { checkSurvivalData, orderByTime } from "./kaplan-meier.ts";

const WHAT = "log-rank test";

/**
 * The log-rank (Mantel–Cox) test that two groups' churn curves are equal: chi-square with 1 df
 * from observed minus expected events in group 1 over the hypergeometric variance (as R's
 * `survdiff`). Throws InputError for bad survival data, groups other than 0/1, a group with
 * no members, or no event while both groups are at risk.
 * @example logRankTest({ time: [1, 2, 3, 4], event: [1, 1, 1, 1], group: [0, 0, 1, 1] }).chi2 // 2.882
 */
export function logRankTest(options: {
  time: ArrayLike<number>;
  event: ArrayLike<number>;
  group: ArrayLike<number>;
}): {
  chi2: number;
  df: number;
  p: number;
  observed: [number, number];
  expected: [number, number];
} {
  const { time, event, group } = options;
  checkSurvivalData(WHAT, time, event);
  if (!group || group.length !== time.length) {
    throw new InputError(
      `${WHAT} requires one group per member, got ${group?.length ?? 0} for ${time.length}`,
    );
  }
  let inGroup1 = 0;
  for (let i = 0; i < group.length; i++) {
    if (group[i] !== 0 && group[i] !== 1) {
      throw new InputError(`${WHAT} requires groups of 0 or 1, got ${show(group[i])} at [${i}]`);
    }
    inGroup1 += group[i];
  }
  if (inGroup1 === 0 || inGroup1 === group.length) {
    throw new InputError(
      `${WHAT} requires members in both groups, got only group ${inGroup1 === 0 ? 0 : 1}`,
    );
  }
  const order = orderByTime(time);
  let atRisk = order.length;
  let atRisk1 = inGroup1;
  let observed1 = 0;
  let expected1 = 0;
  let totalEvents = 0;
  let variance = 0;
  for (let k = 0; k < order.length; ) {
    const t = time[order[k]];
    let deaths = 0;
    let deaths1 = 0;
    let leaving = 0;
    let leaving1 = 0;
    while (k < order.length && time[order[k]] === t) {
      const i = order[k];
      deaths += event[i];
      deaths1 += event[i] * group[i];
      leaving++;
      leaving1 += group[i];
      k++;
    }
    if (deaths > 0) {
      const share = atRisk1 / atRisk;
      observed1 += deaths1;
      expected1 += deaths * share;
      totalEvents += deaths;
      if (atRisk > 1) variance += (deaths * share * (1 - share) * (atRisk - deaths)) / (atRisk - 1);
    }
    atRisk -= leaving;
    atRisk1 -= leaving1;
  }
  if (!(variance > 0)) {
    throw new InputError(
      `${WHAT} requires events while both groups are at risk, got ${show(totalEvents)} events`,
    );
  }
  const chi2 = (observed1 - expected1) ** 2 / variance;
  return {
    chi2,
    df: 1,
    p: chiSquareSurvival(chi2, 1),
    observed: [totalEvents - observed1, observed1],
    expected: [totalEvents - expected1, expected1],
  };
}
