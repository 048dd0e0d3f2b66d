import { type PeekingResult, seededRandom, simulatePeeking } from "../sim/index.ts";
import { locale, t } from "./i18n.ts";
import { percent, readNumber } from "./power-calc.ts";

/*
 * The peeking lesson (issue 11, item 4): its fields as typed and checked, the simulation run in
 * slices so a worker can report progress, and a one-line reading of the result. The slices draw
 * from one random stream in order, so the answer is the engine's `simulatePeeking` for the seed
 * exactly, as `retention-lab stats peeking --seed …` prints it.
 */

/** The lesson's fields, text exactly as typed. */
export type PeekingInputs = {
  simulations: string;
  days: string;
  perDay: string;
  rate: string;
  alpha: string;
  seed: string;
};

export type PeekingField = keyof PeekingInputs;
export type PeekingFieldError = { field: PeekingField; message: string };

/** A run of the lesson: the options of `simulatePeeking` and the seed of its random stream. */
export type PeekingRun = {
  seed: number;
  simulations: number;
  days: number;
  perArmPerDay: number;
  rate: number;
  alpha: number;
};

export const DEFAULT_PEEKING_INPUTS: PeekingInputs = {
  simulations: "1000",
  days: "28",
  perDay: "500",
  rate: "0.1",
  alpha: "0.05",
  seed: "1",
};

const LIMITS = {
  simulations: { min: 1, max: 100_000 },
  days: { min: 1, max: 365 },
  perDay: { min: 1, max: 1_000_000 },
  seed: { min: 0, max: 4_294_967_295 },
} as const;

/**
 * Random draws a run may take in the page, about a minute in a worker: each member per day is one
 * draw up to 5,000 per arm per day (beyond that a day is one normal draw).
 */
export const MAX_PEEKING_DRAWS = 2e9;

/** Random draws of a run, roughly: what its time is proportional to. */
export const peekingDraws = (run: Pick<PeekingRun, "simulations" | "days" | "perArmPerDay">) =>
  2 * run.simulations * run.days * (run.perArmPerDay > 5000 ? 2 : run.perArmPerDay);

/** A field's label in the language shown. */
export function peekingLabel(field: PeekingField): string {
  switch (field) {
    case "simulations":
      return t("A/A experiments simulated", "模拟的 A/A 测试次数");
    case "days":
      return t("Looks (days)", "查看次数（天）");
    case "perDay":
      return t("Members per arm per day", "每组每天新增会员数");
    case "rate":
      return t("Conversion rate (both arms)", "转化率（两组相同）");
    case "alpha":
      return t("Significance level α", "显著性水平 α");
    case "seed":
      return t("Seed", "随机种子");
  }
}

const int = (value: number) => value.toLocaleString(locale(), { maximumFractionDigits: 0 });

/** The run for the fields, or one message per field that cannot be used (in the language shown). */
export function parsePeekingInputs(
  inputs: PeekingInputs,
): { run: PeekingRun } | { errors: PeekingFieldError[] } {
  const errors: PeekingFieldError[] = [];
  const fail = (field: PeekingField, why: string) => {
    const raw = inputs[field].trim();
    const shown = raw === "" ? t("(empty)", "（空）") : `“${raw}”`;
    errors.push({
      field,
      message: `${peekingLabel(field)}${t(": ", "：")}${shown}${t(" ", "")}${why}`,
    });
  };
  const whole = (field: keyof typeof LIMITS): number => {
    const { min, max } = LIMITS[field];
    const value = readNumber(inputs[field], false);
    if (value === null || !Number.isInteger(value) || value < min || value > max) {
      fail(
        field,
        t(
          `— enter a whole number from ${int(min)} to ${int(max)}`,
          `——请输入 ${int(min)} 到 ${int(max)} 之间的整数`,
        ),
      );
      return Number.NaN;
    }
    return value;
  };
  const share = (field: "rate" | "alpha"): number => {
    const value = readNumber(inputs[field]);
    if (value === null || value <= 0 || value >= 1) {
      fail(
        field,
        t(
          "— enter a share between 0 and 1 (not 0 or 1), such as 0.05, or a percentage such as 5 %",
          "——请输入 0 到 1 之间（不含 0 和 1）的小数，如 0.05，或百分比，如 5%",
        ),
      );
      return Number.NaN;
    }
    return value;
  };
  const run: PeekingRun = {
    simulations: whole("simulations"),
    days: whole("days"),
    perArmPerDay: whole("perDay"),
    rate: share("rate"),
    alpha: share("alpha"),
    seed: whole("seed"),
  };
  if (errors.length === 0 && peekingDraws(run) > MAX_PEEKING_DRAWS) {
    fail(
      "simulations",
      t(
        `— with ${int(run.days)} looks and ${int(run.perArmPerDay)} members per arm per day this would take minutes in the page; simulate fewer experiments or members, or use retention-lab stats peeking`,
        `——在 ${int(run.days)} 次查看、每组每天 ${int(run.perArmPerDay)} 名会员下，页面里要算好几分钟；请减少模拟次数或会员数，或使用 retention-lab stats peeking`,
      ),
    );
  }
  return errors.length > 0 ? { errors } : { run };
}

/**
 * `simulatePeeking` for the run's seed, in slices of about `draws` random draws, calling
 * `onProgress(done, total)` after each: the result is the single call's to the last digit.
 */
export function runPeeking(
  run: PeekingRun,
  onProgress?: (done: number, total: number) => void,
  draws = 2e6,
): PeekingResult {
  const random = seededRandom(run.seed, "peeking");
  const { simulations, days, perArmPerDay, rate, alpha } = run;
  const slice = Math.max(1, Math.floor(draws / peekingDraws({ ...run, simulations: 1 })));
  let naive = 0;
  let sequential = 0;
  let fixed = 0;
  for (let done = 0; done < simulations; ) {
    const size = Math.min(slice, simulations - done);
    const r = simulatePeeking({ random, simulations: size, days, perArmPerDay, rate, alpha });
    naive += Math.round(r.naiveFalsePositiveRate * size);
    sequential += Math.round(r.msprtFalsePositiveRate * size);
    fixed += Math.round(r.fixedHorizonFalsePositiveRate * size);
    done += size;
    onProgress?.(done, simulations);
  }
  return {
    naiveFalsePositiveRate: naive / simulations,
    msprtFalsePositiveRate: sequential / simulations,
    fixedHorizonFalsePositiveRate: fixed / simulations,
    simulations,
    days,
  };
}

/** One line that reads a result: how far daily peeking moves the false-positive rate from α. */
export function peekingReading(result: PeekingResult, alpha: number): string {
  const naive = result.naiveFalsePositiveRate;
  const times = naive / alpha;
  const ratio = times.toLocaleString(locale(), { maximumFractionDigits: 1 });
  const within = result.msprtFalsePositiveRate <= alpha;
  return t(
    `Checked every day for ${int(result.days)} days, the fixed-horizon test called a winner in ${percent(naive)} of ${int(result.simulations)} A/A tests — ${ratio}× the ${percent(alpha)} promised; tested once at the end, ${percent(result.fixedHorizonFalsePositiveRate)}; the always-valid p (mSPRT), checked as often, ${percent(result.msprtFalsePositiveRate)}${within ? ", within α" : ", above α by chance in this many simulations"}.`,
    `连续 ${int(result.days)} 天每天查看，固定样本检验在 ${int(result.simulations)} 次 A/A 测试中有 ${percent(naive)} 宣布了“赢家”——是承诺的 ${percent(alpha)} 的 ${ratio} 倍；只在结束时检验一次为 ${percent(result.fixedHorizonFalsePositiveRate)}；同样每天查看始终有效的 p 值（mSPRT）为 ${percent(result.msprtFalsePositiveRate)}${within ? "，不超过 α" : "，因模拟次数有限而略高于 α"}。`,
  );
}
