import { type BgnbdModel, type BgnbdParams, bgnbdModel, bgnbdParams } from "./bgnbd.ts";
import {
  type GammaGammaModel,
  type GammaGammaParams,
  gammaGammaModel,
  gammaGammaParams,
} from "./gamma-gamma.ts";
import { UNIT_DAYS, type Unit } from "./summarise.ts";

/** The part of a scenario a fit determines; the simulator fills the rest from its defaults. */
export type FittedScenario = {
  id: string;
  name: string;
  nameZh: string;
  description: string;
  descriptionZh: string;
  source: { transactions: string; calibrationEnd: string; unit: Unit };
  acquisition: { windowDays: number; purchaseAtJoin: true };
  purchase: BgnbdParams;
  spend?: GammaGammaParams;
  disengage: { nonBuyerDailyHazard: 0 };
  /** The fitted purchase process has no referrals; referred members would add purchases it never saw. */
  referral: { probabilityPerPurchase: 0 };
  /** Nor a membership programme: one tier without benefits, so control reproduces the fit. */
  membership: { tiers: NeutralTier[] };
};

type NeutralTier = {
  name: string;
  minSpend: 0;
  rate: 1;
  dropOut: 1;
  tolerance: 1;
  discount: 0;
};

// The simulator's bounds (sim/scenario/normalize.ts): purchase.* in (0, 1e6], spend.* in
// (0, 1e9], spend.q in (1, 1e6].
const PURCHASE_MAX = 1e6;
const SPEND_MAX = 1e9;
const Q_MAX = 1e6;
const MAX_WINDOW_DAYS = 3650;
const UNIT_ZH: Record<Unit, string> = { day: "天", week: "周" };
// Beta shapes below about 0.05 can draw 0/0 in the simulator's ratio-of-gammas sampler.
const POLARISED_SUM = 0.1;

/**
 * Turns a fit into a scenario for the simulator, whose rates are per day: λ per day = λ per unit
 * / days per unit, and since λ ~ Gamma(r, α), α per day = α per unit × days per unit (× 7 for
 * weeks). Joining is the first purchase, as in the log; drop-out happens only after purchases,
 * as in BG/NBD. Spend is left out without a Gamma-Gamma fit, or when q ≤ 1 (no finite mean).
 *
 * A fit at a limit (see `BgnbdModel`, `GammaGammaModel`) is brought inside the simulator's
 * parameter bounds as closely as they allow, and the description says how: nobody leaves as
 * a = 1e-6, b = 1 (mean drop-out 1e-6); the same drop-out for all as a + b = 1e6; a polarised
 * drop-out as a + b = 0.1; the same rate for all as r = 1e6 (or what keeps α ≤ 1e6); q and γ
 * capped at 1e6 and 1e9 keeping the mean spend.
 *
 * @example fittedScenario({ transactions: "data/cdnow/CDNOW_sample.txt", unit: "week", … }).purchase.alpha // 4.4136 × 7
 */
export function fittedScenario(fit: {
  transactions: string;
  calibrationEnd: string;
  unit: Unit;
  acquisitionWindowDays: number;
  bgnbd: BgnbdParams | BgnbdModel;
  gammaGamma: GammaGammaParams | GammaGammaModel | null;
}): FittedScenario {
  const base = fit.transactions.split(/[\\/]/).pop() ?? fit.transactions;
  const stem = base.replace(/\.[^.]*$/, "");
  const slug =
    stem
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "log";
  const notes: string[] = [];
  const windowDays = Math.min(MAX_WINDOW_DAYS, Math.max(1, fit.acquisitionWindowDays));
  if (fit.acquisitionWindowDays > MAX_WINDOW_DAYS) {
    notes.push(
      `first purchases over ${fit.acquisitionWindowDays} days as an acquisition window of ${MAX_WINDOW_DAYS}`,
    );
  }
  const purchase = simulatorPurchase(fit.bgnbd, UNIT_DAYS[fit.unit], notes);
  const spend = fit.gammaGamma ? simulatorSpend(fit.gammaGamma, notes) : undefined;
  const adjusted =
    notes.length > 0 ? ` Limits of the fit as the simulator holds them: ${notes.join("; ")}.` : "";
  return {
    id: `fitted-${slug}`,
    name: `Fitted to ${base}`,
    nameZh: `拟合自 ${base}`,
    description: `BG/NBD${fit.gammaGamma ? " and Gamma-Gamma" : ""} fitted to ${base} (calibration through ${fit.calibrationEnd}, fitted in ${fit.unit}s; α converted to days). Members join at their first purchase; non-buyers never disengage and nobody refers new members.${adjusted}`,
    descriptionZh: `按 ${base} 拟合的 BG/NBD${fit.gammaGamma ? " 与 Gamma-Gamma" : ""} 模型（校准期截至 ${fit.calibrationEnd}，以${UNIT_ZH[fit.unit]}为单位拟合，α 已换算为天）。会员在首次购买时入会；未购买者不会自行流失，也没有人推荐新会员。${adjusted ? `（拟合在模拟器中的限制见英文说明。）` : ""}`,
    source: { transactions: fit.transactions, calibrationEnd: fit.calibrationEnd, unit: fit.unit },
    acquisition: { windowDays, purchaseAtJoin: true },
    purchase,
    ...(spend && { spend }),
    disengage: { nonBuyerDailyHazard: 0 },
    referral: { probabilityPerPurchase: 0 },
    membership: {
      tiers: [{ name: "customer", minSpend: 0, rate: 1, dropOut: 1, tolerance: 1, discount: 0 }],
    },
  };
}

const inPurchaseBounds = (v: number) => v > 0 && v <= PURCHASE_MAX;

/** BG/NBD per day within the simulator's bounds; `notes` says what had to move. */
function simulatorPurchase(
  fit: BgnbdParams | BgnbdModel,
  unitDays: number,
  notes: string[],
): BgnbdParams {
  if (!("m" in fit)) {
    const perDay = { ...fit, alpha: fit.alpha * unitDays };
    if (Object.values(perDay).every(inPurchaseBounds)) return perDay;
  }
  const model = "m" in fit ? fit : bgnbdModel(fit);
  const params = bgnbdParams(model);
  const perDay = { ...params, alpha: params.alpha * unitDays };
  if (Object.values(perDay).every(inPurchaseBounds)) return perDay;
  const mDay = model.m / unitDays;
  let r = params.r;
  let alpha = params.alpha * unitDays;
  if (!(inPurchaseBounds(r) && inPurchaseBounds(alpha))) {
    r = Math.min(PURCHASE_MAX, PURCHASE_MAX * mDay, r);
    alpha = r / mDay;
    notes.push(
      `the purchase rate's spread, r = ${sig(params.r)}, as r = ${sig(r)}, α = ${sig(alpha)} per day (the same mean rate)`,
    );
  }
  let { a, b } = params;
  if (!(inPurchaseBounds(a) && inPurchaseBounds(b))) {
    if (model.mu === 0) {
      a = 1e-6;
      b = 1;
      notes.push("nobody leaves as a = 1e-6, b = 1 (mean drop-out 1e-6 per purchase)");
    } else {
      const sum = a + b > PURCHASE_MAX || model.phi === 0 ? PURCHASE_MAX : POLARISED_SUM;
      a = model.mu * sum;
      b = (1 - model.mu) * sum;
      notes.push(
        `drop-out ${sig(model.mu)} per purchase as a = ${sig(a)}, b = ${sig(b)} (a + b = ${sig(sum)})`,
      );
    }
  }
  return { r, alpha, a, b };
}

/** Gamma-Gamma within the simulator's bounds, or undefined without a finite mean spend. */
function simulatorSpend(
  fit: GammaGammaParams | GammaGammaModel,
  notes: string[],
): GammaGammaParams | undefined {
  const model = "omega" in fit ? fit : gammaGammaModel(fit);
  if (!(model.omega < 1)) {
    notes.push("spend left to the defaults: q ≤ 1 has no finite mean spend");
    return undefined;
  }
  if (!("omega" in fit)) {
    const { p, q, gamma } = fit;
    if (p > 0 && p <= SPEND_MAX && q > 1 && q <= Q_MAX && gamma > 0 && gamma <= SPEND_MAX) {
      return { ...fit };
    }
  }
  const params = gammaGammaParams(model);
  if (
    params.p <= SPEND_MAX &&
    params.q > 1 &&
    params.q <= Q_MAX &&
    params.gamma > 0 &&
    params.gamma <= SPEND_MAX
  ) {
    return params;
  }
  // Keep the mean spend per purchase, p·θ/(1 − ω) = pγ/(q − 1), and move p, q to the bounds,
  // so long as the spread between customers stays what the fit says (q at least its own value,
  // or 1,000 when that is larger: a coefficient of variation of the mean within 3 %).
  const mean = (model.p * model.theta) / (1 - model.omega);
  const p = Math.min(model.p, SPEND_MAX);
  let q = Math.min(params.q, Q_MAX);
  let gamma = (mean * (q - 1)) / p;
  if (gamma > SPEND_MAX) {
    q = 1 + (SPEND_MAX * p) / mean;
    gamma = SPEND_MAX;
  }
  if (!(q >= Math.min(params.q, 1000) && q <= Q_MAX && gamma > 0 && p > 0)) {
    notes.push(
      `spend left to the defaults: a mean of ${sig(mean)} per purchase is outside the simulator's range`,
    );
    return undefined;
  }
  notes.push(
    `spend p = ${sig(params.p)}, q = ${sig(params.q)} as p = ${sig(p)}, q = ${sig(q)}, γ = ${sig(gamma)} (mean ${sig(mean)} per purchase)`,
  );
  return { p, q, gamma };
}

const sig = (v: number) =>
  !Number.isFinite(v)
    ? "∞"
    : Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-4)
      ? v.toPrecision(4)
      : Number(v.toPrecision(4)).toString();
