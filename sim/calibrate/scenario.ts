import type { BgnbdParams } from "./bgnbd.ts";
import type { GammaGammaParams } from "./gamma-gamma.ts";
import { UNIT_DAYS, type Unit } from "./summarise.ts";

/** The part of a scenario a fit determines; the simulator fills the rest from its defaults. */
export type FittedScenario = {
  id: string;
  name: string;
  description: string;
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

/**
 * Turns a fit into a scenario for the simulator, whose rates are per day: λ per day = λ per unit
 * / days per unit, and since λ ~ Gamma(r, α), α per day = α per unit × days per unit (× 7 for
 * weeks). Joining is the first purchase, as in the log; drop-out happens only after purchases,
 * as in BG/NBD. Spend is left out without a Gamma-Gamma fit, or when q ≤ 1 (no finite mean).
 *
 * @example fittedScenario({ transactions: "data/cdnow/CDNOW_sample.txt", unit: "week", … }).purchase.alpha // 4.4136 × 7
 */
export function fittedScenario(fit: {
  transactions: string;
  calibrationEnd: string;
  unit: Unit;
  acquisitionWindowDays: number;
  bgnbd: BgnbdParams;
  gammaGamma: GammaGammaParams | null;
}): FittedScenario {
  const base = fit.transactions.split(/[\\/]/).pop() ?? fit.transactions;
  const stem = base.replace(/\.[^.]*$/, "");
  const slug =
    stem
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "log";
  const { r, alpha, a, b } = fit.bgnbd;
  const spend = fit.gammaGamma && fit.gammaGamma.q > 1 ? { ...fit.gammaGamma } : undefined;
  return {
    id: `fitted-${slug}`,
    name: `Fitted to ${base}`,
    description: `BG/NBD${fit.gammaGamma ? " and Gamma-Gamma" : ""} fitted to ${base} (calibration through ${fit.calibrationEnd}, fitted in ${fit.unit}s; α converted to days). Members join at their first purchase; non-buyers never disengage and nobody refers new members.`,
    source: { transactions: fit.transactions, calibrationEnd: fit.calibrationEnd, unit: fit.unit },
    acquisition: { windowDays: Math.max(1, fit.acquisitionWindowDays), purchaseAtJoin: true },
    purchase: { r, alpha: alpha * UNIT_DAYS[fit.unit], a, b },
    ...(spend && { spend }),
    disengage: { nonBuyerDailyHazard: 0 },
    referral: { probabilityPerPurchase: 0 },
    membership: {
      tiers: [{ name: "customer", minSpend: 0, rate: 1, dropOut: 1, tolerance: 1, discount: 0 }],
    },
  };
}
