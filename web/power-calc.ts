import {
  InputError,
  mdeTwoMeans,
  mdeTwoProportions,
  powerTwoMeans,
  powerTwoProportions,
  type Report,
  sampleSizeTwoMeans,
  sampleSizeTwoProportions,
} from "../sim/index.ts";
import { locale, t } from "./i18n.ts";

/*
 * The power calculator of the "Teach and check" section (issue 11, item 4): the fields as typed,
 * checked one by one with a message that names the field and the value in the language shown, and
 * the answer of the engine's own power functions (R's power.prop.test and power.t.test) in words.
 * Nothing here returns NaN: a field that cannot be read is a message, never a number.
 */

export type PowerMetric = "proportion" | "mean";
/** What to solve for: members per arm, the minimum detectable effect, or the power at n. */
export type PowerSolve = "n" | "mde" | "power";

/** The calculator's fields, text exactly as typed, so a message can show it back. */
export type PowerInputs = {
  metric: PowerMetric;
  solve: PowerSolve;
  /** Proportions: the baseline arm's rate and the rate to detect (0.1, or 10 %). */
  baseline: string;
  target: string;
  /** Means: the difference to detect and the metric's standard deviation. */
  difference: string;
  sd: string;
  /** Members per arm. */
  n: string;
  alpha: string;
  power: string;
};

export type PowerField = Exclude<keyof PowerInputs, "metric" | "solve">;
export type PowerFieldError = { field: PowerField; message: string };

export type PowerAnswer = {
  solve: PowerSolve;
  /**
   * The number solved for: members per arm rounded up (n), the smallest detectable rise in the
   * rate or difference in means (mde), or the power (power).
   */
  value: number;
  /** The answer in a few words ("14,751 members per arm"). */
  headline: string;
  /** One sentence that says what the answer means for these inputs. */
  detail: string;
};

export type PowerOutcome = { errors: PowerFieldError[] } | { answer: PowerAnswer };

export const DEFAULT_POWER_INPUTS: PowerInputs = {
  metric: "proportion",
  solve: "n",
  baseline: "0.1",
  target: "0.11",
  difference: "5",
  sd: "50",
  n: "10000",
  alpha: "0.05",
  power: "0.8",
};

/** Members per arm the calculator accepts: enough for any plan, small enough to stay exact. */
export const MAX_MEMBERS_PER_ARM = 1e9;

/** The fields a metric and a solve read, in the order shown. */
export function fieldsFor(metric: PowerMetric, solve: PowerSolve): PowerField[] {
  const effect: PowerField[] = metric === "proportion" ? ["baseline", "target"] : ["difference"];
  const base: PowerField[] = metric === "proportion" ? ["baseline"] : [];
  const spread: PowerField[] = metric === "mean" ? ["sd"] : [];
  if (solve === "n") return [...effect, ...spread, "alpha", "power"];
  if (solve === "mde") return [...base, ...spread, "n", "alpha", "power"];
  return [...effect, ...spread, "n", "alpha"];
}

/** A field's label in the language shown. */
export function fieldLabel(field: PowerField): string {
  switch (field) {
    case "baseline":
      return t("Baseline rate", "基线转化率");
    case "target":
      return t("Rate to detect", "希望检测到的转化率");
    case "difference":
      return t("Difference to detect", "希望检测到的差值");
    case "sd":
      return t("Standard deviation", "标准差");
    case "n":
      return t("Members per arm", "每组会员数");
    case "alpha":
      return t("Significance level α", "显著性水平 α");
    case "power":
      return t("Power", "统计功效");
  }
}

// ——— Reading the fields ———

/** Full-width digits and signs (１２％, ，) read as their ASCII forms; thousands separators dropped. */
function clean(raw: string): string {
  return raw
    .normalize("NFKC")
    .trim()
    .replace(/[−–]/g, "-")
    .replace(/(?<=\d)[,_ ](?=\d{3}(?!\d))/g, "");
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number as typed, with a trailing % read as hundredths; null when it is not one. */
export function readNumber(raw: string, percentAllowed = true): number | null {
  let text = clean(raw);
  let scale = 1;
  if (percentAllowed && text.endsWith("%")) {
    text = text.slice(0, -1).trim();
    scale = 0.01;
  }
  if (!NUMBER.test(text)) return null;
  const value = Number(text) * scale;
  return Number.isFinite(value) ? value : null;
}

/** The value as the user typed it, for a message: quoted, or "(empty)". */
const shown = (raw: string) => (raw.trim() === "" ? t("(empty)", "（空）") : `“${raw.trim()}”`);

type Reader = (field: PowerField) => number;

function reader(inputs: PowerInputs, errors: PowerFieldError[]): Reader {
  const fail = (field: PowerField, why: string): number => {
    errors.push({
      field,
      message: `${fieldLabel(field)}${t(": ", "：")}${shown(inputs[field])}${t(" ", "")}${why}`,
    });
    return Number.NaN;
  };
  return (field) => {
    const raw = inputs[field];
    switch (field) {
      case "baseline":
      case "target":
      case "alpha":
      case "power": {
        const value = readNumber(raw);
        if (value === null || value <= 0 || value >= 1)
          return fail(
            field,
            t(
              "— enter a share between 0 and 1 (not 0 or 1), such as 0.05, or a percentage such as 5 %",
              "——请输入 0 到 1 之间（不含 0 和 1）的小数，如 0.05，或百分比，如 5%",
            ),
          );
        return value;
      }
      case "n": {
        const value = readNumber(raw, false);
        if (value === null || !Number.isInteger(value) || value < 2 || value > MAX_MEMBERS_PER_ARM)
          return fail(
            field,
            t(
              `— enter a whole number of members from 2 to ${int(MAX_MEMBERS_PER_ARM)}`,
              `——请输入 2 到 ${int(MAX_MEMBERS_PER_ARM)} 之间的整数`,
            ),
          );
        return value;
      }
      case "sd": {
        const value = readNumber(raw, false);
        if (value === null || value <= 0)
          return fail(field, t("— enter a number above 0", "——请输入大于 0 的数"));
        return value;
      }
      case "difference": {
        const value = readNumber(raw, false);
        if (value === null || value === 0)
          return fail(
            field,
            t("— enter a number other than 0, such as 5", "——请输入不为 0 的数，如 5"),
          );
        return value;
      }
    }
  };
}

// ——— Numbers in the language shown ———

const int = (value: number) =>
  Math.ceil(value).toLocaleString(locale(), { maximumFractionDigits: 0 });

const num = (value: number, digits = 2) =>
  value.toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** A typed value or a ratio at its own precision: 0.0001 stays 0.0001, 1234.5678 reads 1,234.568. */
const sig = (value: number, digits = 4) =>
  value.toLocaleString(locale(), {
    maximumSignificantDigits: Math.abs(value) >= 10 ** digits ? 21 : digits,
    maximumFractionDigits: 20,
  });

/** A power: "63.6 %", and "> 99.9 %" rather than a rounded "100.0 %" no test reaches. */
const powerText = (power: number) =>
  power > 0.999 ? `> ${percent(0.999)}` : power < 0.001 ? `< ${percent(0.001)}` : percent(power);

/** Digits that show two rates apart: "10.0 % → 11.0 %", but "10.000 % → 10.001 %". */
function rateDigits(a: number, b: number): number {
  let digits = 1;
  while (digits < 6 && (a * 100).toFixed(digits) === (b * 100).toFixed(digits)) digits++;
  return digits;
}

/** Digits that show a share's change: more for small changes, so 0.04 pp never reads "0.0 pp". */
function ppDigits(share: number): number {
  const pp = Math.abs(share) * 100;
  if (pp >= 10) return 1;
  if (pp >= 0.1 || pp === 0) return 2;
  return Math.min(8, 1 - Math.floor(Math.log10(pp)));
}

/** A share as a percentage ("10.2 %", "10.2%" in Chinese). */
export function percent(share: number, digits = 1): string {
  const text = (share * 100).toLocaleString(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return t(`${text} %`, `${text}%`);
}

/** A change in a share, in percentage points with its sign ("+1.02 pp", "+1.02 个百分点"). */
export function pp(share: number, digits = ppDigits(share)): string {
  const sign = share > 0 ? "+" : share < 0 ? "−" : "";
  const text = (Math.abs(share) * 100).toLocaleString(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return t(`${sign}${text} pp`, `${sign}${text} 个百分点`);
}

/** A share typed by the user, as a percentage at its own precision ("80 %", "82.5 %"). */
const typed = (share: number) => t(`${sig(share * 100)} %`, `${sig(share * 100)}%`);

const signedPercent = (share: number) =>
  `${share > 0 ? "+" : share < 0 ? "−" : ""}${percent(Math.abs(share))}`;

/**
 * The smallest rise and fall of a rate that n members per arm detect (as R's power.prop.test:
 * the fall from p is the rise from 1 − p, the formula being symmetric), null where none is.
 */
export function detectableChange(
  p1: number,
  n: number,
  alpha: number,
  power: number,
): { up: number | null; down: number | null } {
  const solve = (p: number): number | null => {
    try {
      return mdeTwoProportions({ p1: p, n, alpha, power }).difference;
    } catch (error) {
      if (error instanceof InputError) return null;
      throw error;
    }
  };
  return { up: solve(p1), down: solve(1 - p1) };
}

/** "±1.02 pp" when rise and fall read the same, else "+1.05 pp / −0.99 pp". */
export function changeText(change: { up: number | null; down: number | null }): string {
  const { up, down } = change;
  if (up !== null && down !== null) {
    const digits = ppDigits(Math.min(up, down));
    const a = pp(up, digits);
    const b = pp(-down, digits);
    return a.slice(1) === b.slice(1) ? `±${a.slice(1)}` : `${a} / ${b}`;
  }
  if (up !== null) return pp(up);
  if (down !== null) return pp(-down);
  return "—";
}

// ——— The calculator ———

/**
 * The answer for the calculator's fields, or one message per field that cannot be used. Never
 * throws for bad input; an InputError the engine still raises (a case the fields allow but the
 * formula has no answer for) comes back as a message on the field to change.
 */
export function computePower(inputs: PowerInputs): PowerOutcome {
  const errors: PowerFieldError[] = [];
  const read = reader(inputs, errors);
  const fields = fieldsFor(inputs.metric, inputs.solve);
  const v = Object.fromEntries(fields.map((f) => [f, read(f)])) as Record<PowerField, number>;
  if (
    errors.length === 0 &&
    fields.includes("target") &&
    fields.includes("baseline") &&
    v.target === v.baseline
  ) {
    errors.push({
      field: "target",
      message: `${fieldLabel("target")}${t(": ", "：")}${shown(inputs.target)}${t(" ", "")}${t(
        "— equals the baseline rate; enter a different rate to detect",
        "——与基线转化率相同；请输入不同的转化率",
      )}`,
    });
  }
  if (errors.length === 0 && fields.includes("power") && v.power <= v.alpha) {
    errors.push({
      field: "power",
      message: `${fieldLabel("power")}${t(": ", "：")}${shown(inputs.power)}${t(" ", "")}${t(
        `— must be above α (${sig(v.alpha)}); 0.8 is usual`,
        `——必须大于 α（${sig(v.alpha)}）；通常取 0.8`,
      )}`,
    });
  }
  if (errors.length > 0) return { errors };
  return inputs.metric === "proportion" ? proportions(inputs.solve, v) : means(inputs.solve, v);
}

/** Members per arm beyond any real test: said as such rather than as a 15-digit count. */
function beyondAnyTest(rounded: number, change: string): PowerOutcome {
  return {
    answer: {
      solve: "n",
      value: rounded,
      headline: t(
        `More than ${int(MAX_MEMBERS_PER_ARM)} members per arm`,
        `每组超过 ${int(MAX_MEMBERS_PER_ARM)} 名会员`,
      ),
      detail: t(
        `A change of ${change} is too small for any real test to detect; look for a larger effect.`,
        `${change} 的变化太小，任何实际测试都检测不到；请考虑更大的效应。`,
      ),
    },
  };
}

const at = (alpha: number) => `α = ${sig(alpha)}`;

/** The answer when an effect is so large that the sample-size formula has no solution above 2. */
function tinySample(solve: PowerSolve, detail: string) {
  return {
    solve,
    value: 2,
    headline: t("2 members per arm or fewer", "每组 2 名会员或更少"),
    detail,
  };
}

function proportions(solve: PowerSolve, v: Record<PowerField, number>): PowerOutcome {
  const { baseline: p1, target: p2, n, alpha, power } = v;
  if (solve === "n") {
    const d = rateDigits(p1, p2);
    const rates = `${percent(p1, d)} → ${percent(p2, d)}`;
    const lift = signedPercent(p2 / p1 - 1);
    let nPerArm: number;
    let rounded: number;
    try {
      ({ nPerArm, nPerArmRounded: rounded } = sampleSizeTwoProportions({ p1, p2, alpha, power }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return {
        answer: tinySample(
          solve,
          t(
            `A change of ${pp(p2 - p1)} is so large that any test sees it.`,
            `${pp(p2 - p1)} 的变化非常大，任何测试都能看出来。`,
          ),
        ),
      };
    }
    if (rounded > MAX_MEMBERS_PER_ARM) return beyondAnyTest(rounded, pp(p2 - p1));
    return {
      answer: {
        solve,
        value: rounded,
        headline: t(`${int(rounded)} members per arm`, `每组 ${int(rounded)} 名会员`),
        detail: t(
          `To detect ${rates} (${pp(p2 - p1)}, ${lift} relative) with ${typed(power)} power at ${at(alpha)}: ${int(2 * rounded)} members in all (${num(nPerArm)} per arm unrounded, as R's power.prop.test).`,
          `以 ${typed(power)} 的统计功效、${at(alpha)} 检测 ${rates}（${pp(p2 - p1)}，相对 ${lift}）：两组共需 ${int(2 * rounded)} 名会员（每组未取整为 ${num(nPerArm)}，与 R 的 power.prop.test 一致）。`,
        ),
      },
    };
  }
  if (solve === "mde") {
    const change = detectableChange(p1, n, alpha, power);
    if (change.up === null && change.down === null) {
      return {
        errors: [
          {
            field: "n",
            message: `${fieldLabel("n")}${t(": ", "：")}“${int(n)}”${t(" ", "")}${t(
              `— too few to detect any change from ${percent(p1)} with ${typed(power)} power; enter more members`,
              `——会员太少，无法以 ${typed(power)} 的统计功效检测到 ${percent(p1)} 的任何变化；请增加会员数`,
            )}`,
          },
        ],
      };
    }
    const rates = [
      change.up !== null ? percent(p1 + change.up, 2) : null,
      change.down !== null ? percent(p1 - change.down, 2) : null,
    ].filter((x) => x !== null);
    return {
      answer: {
        solve,
        value: change.up ?? change.down ?? 0,
        headline: t(
          `Minimum detectable effect ${changeText(change)}`,
          `最小可检测效应 ${changeText(change)}`,
        ),
        detail: t(
          `With ${int(n)} members per arm, a true change from ${percent(p1)} to ${rates.join(" or ")} is detected ${typed(power)} of the time at ${at(alpha)}; smaller true changes are usually missed.`,
          `每组 ${int(n)} 名会员时，从 ${percent(p1)} 真实变化到 ${rates.join(" 或 ")}，在 ${at(alpha)} 下有 ${typed(power)} 的把握检测到；更小的真实变化多半会被漏掉。`,
        ),
      },
    };
  }
  const achieved = powerTwoProportions({ p1, p2, n, alpha });
  return {
    answer: {
      solve,
      value: achieved,
      headline: t(`Power ${powerText(achieved)}`, `统计功效 ${powerText(achieved)}`),
      detail: t(
        `With ${int(n)} members per arm, a true change from ${percent(p1, rateDigits(p1, p2))} to ${percent(p2, rateDigits(p1, p2))} (${pp(p2 - p1)}) is detected ${powerText(achieved)} of the time at ${at(alpha)}${achieved < 0.8 ? "; below the usual 80 %, a real effect this size is often missed" : ""}.`,
        `每组 ${int(n)} 名会员时，从 ${percent(p1, rateDigits(p1, p2))} 真实变化到 ${percent(p2, rateDigits(p1, p2))}（${pp(p2 - p1)}），在 ${at(alpha)} 下有 ${powerText(achieved)} 的把握检测到${achieved < 0.8 ? "；低于通常的 80%，这么大的真实效应常会被漏掉" : ""}。`,
      ),
    },
  };
}

function means(solve: PowerSolve, v: Record<PowerField, number>): PowerOutcome {
  const { difference: delta, sd, n, alpha, power } = v;
  if (solve === "n") {
    let nPerArm: number;
    let rounded: number;
    try {
      ({ nPerArm, nPerArmRounded: rounded } = sampleSizeTwoMeans({ delta, sd, alpha, power }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return {
        answer: tinySample(
          solve,
          t(
            `A difference of ${sig(delta / sd, 3)} standard deviations is so large that any test sees it.`,
            `${sig(delta / sd, 3)} 个标准差的差值非常大，任何测试都能看出来。`,
          ),
        ),
      };
    }
    if (rounded > MAX_MEMBERS_PER_ARM) return beyondAnyTest(rounded, sig(delta));
    return {
      answer: {
        solve,
        value: rounded,
        headline: t(`${int(rounded)} members per arm`, `每组 ${int(rounded)} 名会员`),
        detail: t(
          `To detect a difference of ${sig(delta)} with standard deviation ${sig(sd)} (${sig(Math.abs(delta) / sd, 3)} SD) with ${typed(power)} power at ${at(alpha)}: ${int(2 * rounded)} members in all (${num(nPerArm)} per arm unrounded, as R's power.t.test).`,
          `以 ${typed(power)} 的统计功效、${at(alpha)} 检测差值 ${sig(delta)}（标准差 ${sig(sd)}，即 ${sig(Math.abs(delta) / sd, 3)} 个标准差）：两组共需 ${int(2 * rounded)} 名会员（每组未取整为 ${num(nPerArm)}，与 R 的 power.t.test 一致）。`,
        ),
      },
    };
  }
  if (solve === "mde") {
    const delta = mdeTwoMeans({ n, sd, alpha, power });
    return {
      answer: {
        solve,
        value: delta,
        headline: t(
          `Minimum detectable effect ±${sig(delta, 3)}`,
          `最小可检测效应 ±${sig(delta, 3)}`,
        ),
        detail: t(
          `With ${int(n)} members per arm and standard deviation ${sig(sd)}, a true difference of ${sig(delta, 3)} (${sig(delta / sd, 3)} SD) either way is detected ${typed(power)} of the time at ${at(alpha)}; smaller true differences are usually missed.`,
          `每组 ${int(n)} 名会员、标准差 ${sig(sd)} 时，任一方向 ${sig(delta, 3)}（${sig(delta / sd, 3)} 个标准差）的真实差值，在 ${at(alpha)} 下有 ${typed(power)} 的把握检测到；更小的真实差值多半会被漏掉。`,
        ),
      },
    };
  }
  const achieved = powerTwoMeans({ delta, sd, n, alpha });
  return {
    answer: {
      solve,
      value: achieved,
      headline: t(`Power ${powerText(achieved)}`, `统计功效 ${powerText(achieved)}`),
      detail: t(
        `With ${int(n)} members per arm, a true difference of ${sig(delta)} (${sig(Math.abs(delta) / sd, 3)} SD) is detected ${powerText(achieved)} of the time at ${at(alpha)}${achieved < 0.8 ? "; below the usual 80 %, a real effect this size is often missed" : ""}.`,
        `每组 ${int(n)} 名会员时，${sig(delta)}（${sig(Math.abs(delta) / sd, 3)} 个标准差）的真实差值，在 ${at(alpha)} 下有 ${powerText(achieved)} 的把握检测到${achieved < 0.8 ? "；低于通常的 80%，这么大的真实效应常会被漏掉" : ""}。`,
      ),
    },
  };
}

// ——— What a run could detect ———

/**
 * What a run brings to the calculator: its members per arm and the baseline arm's conversion (the
 * first arm, the one the A/B table compares against), or null for a run without members or
 * conversions.
 */
export function runDesign(report: Report): { n: number; baseline: number } | null {
  const arm = report.arms[0];
  if (!arm || report.arms.length === 0) return null;
  const n = Math.floor(report.members / report.arms.length);
  const measured = report.armMetrics?.[0]?.values?.conversion;
  const baseline =
    typeof measured === "number" && Number.isFinite(measured)
      ? measured
      : arm.members > 0
        ? arm.converted / arm.members
        : Number.NaN;
  if (!(n >= 2) || !(baseline > 0 && baseline < 1)) return null;
  return { n, baseline };
}

/** A share as the calculator's field shows it: four decimals at most ("0.4123"). */
export const rateField = (share: number): string => String(Number(share.toFixed(4)));

/**
 * One sentence on what a run could detect: "With 50,000 members per arm this run detects a
 * conversion change of ±0.52 pp (from 10.0 %) with 80 % power at α = 0.05."
 */
export function runSentence(
  design: { n: number; baseline: number },
  alpha: number,
  power: number,
): string {
  const { n, baseline } = design;
  const change = detectableChange(baseline, n, alpha, power);
  if (change.up === null && change.down === null) {
    return t(
      `With ${int(n)} members per arm this run is too small to detect any change in conversion from ${percent(baseline)} with ${typed(power)} power.`,
      `每组 ${int(n)} 名会员，本次运行太小，无法以 ${typed(power)} 的统计功效检测到转化率（${percent(baseline)}）的任何变化。`,
    );
  }
  return t(
    `With ${int(n)} members per arm this run detects a conversion change of ${changeText(change)} (from ${percent(baseline)}) with ${typed(power)} power at ${at(alpha)}.`,
    `每组 ${int(n)} 名会员时，本次运行能以 ${typed(power)} 的统计功效、${at(alpha)} 检测到转化率（基线 ${percent(baseline)}）${changeText(change)} 的变化。`,
  );
}
