/*
 * The one palette of the dashboard: every table swatch and every chart takes its colours from here.
 * Okabe & Ito's colour-blind-safe set (2008), plus a grey for the control arm. An arm's colour
 * follows its strategy id, never its position, so t-plus-7 is the same blue in every run, table
 * and chart.
 */

/** Okabe–Ito, by name. */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** The control arm: grey, the colour of "nothing done". */
export const CONTROL_COLOR = "#7F7F7F";

/**
 * The colours an arm may take, in the order built-in playbooks get them. Yellow is darkened so a
 * line of it shows on white; brown is a tenth colour told apart by lightness.
 */
export const ARM_PALETTE: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
  OKABE_ITO.black,
  "#8B5A2B",
  "#B59B00",
];

/** Fixed colours of the built-in playbooks (strategies/builtin). */
const BUILTIN: Readonly<Record<string, string>> = {
  control: CONTROL_COLOR,
  "t-plus-7": ARM_PALETTE[0],
  "scenario-nurture": ARM_PALETTE[1],
  "sop-48h": ARM_PALETTE[2],
  "rfm-layered-offers": ARM_PALETTE[3],
  "lifecycle-hooks": ARM_PALETTE[4],
  "membership-tiers-points": ARM_PALETTE[5],
  "paid-vip": ARM_PALETTE[6],
  "koc-programme": ARM_PALETTE[7],
  "win-back": ARM_PALETTE[8],
  "one-to-one-followup": OKABE_ITO.skyBlue,
};

/** A stable hash of a strategy id (FNV-1a), for playbooks that are not built in. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The colour of a strategy on its own: fixed for the built-in playbooks, hashed for any other. */
export function strategyColor(id: string): string {
  return BUILTIN[id] ?? ARM_PALETTE[hash(id) % ARM_PALETTE.length];
}

/**
 * The colours of a run's arms, by strategy id. Each arm keeps `strategyColor` unless an arm before
 * it already took that colour (two playbooks whose ids clash), when it takes the next free one.
 */
export function armColors(strategies: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of strategies) {
    if (colors.has(id)) continue;
    let color = strategyColor(id);
    if (taken.has(color)) {
      const start = ARM_PALETTE.indexOf(color);
      for (let k = 1; k <= ARM_PALETTE.length; k++) {
        const next = ARM_PALETTE[(start + k) % ARM_PALETTE.length];
        if (!taken.has(next)) {
          color = next;
          break;
        }
      }
    }
    colors.set(id, color);
    taken.add(color);
  }
  return colors;
}

/** Plot's `color` scale for a run's arms: domain the strategy ids in order, range their colours. */
export function armScale(strategies: readonly string[]): { domain: string[]; range: string[] } {
  const colors = armColors(strategies);
  return { domain: [...strategies], range: strategies.map((s) => colors.get(s) ?? CONTROL_COLOR) };
}

/**
 * Lifecycle stages, fresh to gone. Stable (blue) and lapsed (vermillion) differ in hue and
 * lightness for every kind of colour blindness; churned is grey.
 */
export const STAGE_COLORS: Readonly<Record<string, string>> = {
  "break-in": OKABE_ITO.skyBlue,
  stable: OKABE_ITO.blue,
  declining: OKABE_ITO.orange,
  lapsed: OKABE_ITO.vermillion,
  churned: "#BBBBBB",
};

/** Relationship depths, shallow to deep. */
export const DEPTH_COLORS: Readonly<Record<string, string>> = {
  basic: "#BBBBBB",
  member: OKABE_ITO.skyBlue,
  purchased: OKABE_ITO.bluishGreen,
  repeat: OKABE_ITO.blue,
  koc: OKABE_ITO.reddishPurple,
};

/** Verdict colours: by direction for the arm (blue-green better, vermillion worse), grey unclear. */
export const TONE_COLORS = {
  better: "#00734F",
  worse: "#B34700",
  unclear: "#5F6670",
} as const;
