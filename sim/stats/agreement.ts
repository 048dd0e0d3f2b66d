/**
 * The agreement rule of the reference cases (test/reference/README.md): a number agrees when
 * |got − want| ≤ 1e-9 + 1e-6·|want|; p-values below 1e-8 must agree on a log scale
 * (|ln got − ln want| ≤ 1e-3), and a p-value want of exactly 0 (underflow) accepts any got
 * below 1e-300. Arrays agree element by element, same length.
 */

const P_VALUE_KEYS = new Set(["p", "adjusted"]);

/** Whether one value agrees with the reference; `key` says whether it is a p-value. */
export function agrees(got: unknown, want: unknown, key: string): boolean {
  if (Array.isArray(want)) {
    return (
      Array.isArray(got) &&
      got.length === want.length &&
      want.every((w, i) => agrees(got[i], w, key))
    );
  }
  if (typeof want !== "number") return got === want;
  if (typeof got !== "number" || !Number.isFinite(got)) return false;
  if (P_VALUE_KEYS.has(key)) {
    if (want === 0) return got >= 0 && got < 1e-300;
    if (want < 1e-8) return got > 0 && Math.abs(Math.log(got) - Math.log(want)) <= 1e-3;
  }
  return Math.abs(got - want) <= 1e-9 + 1e-6 * Math.abs(want);
}

/** The keys of `expect` that `output` misses or gets wrong, with what it got. */
export function disagreements(
  output: Record<string, unknown>,
  expect: Record<string, unknown>,
): string[] {
  const wrong: string[] = [];
  for (const [key, want] of Object.entries(expect)) {
    if (!(key in output)) wrong.push(`${key}: missing`);
    else if (!agrees(output[key], want, key)) {
      wrong.push(
        `${key}: got ${JSON.stringify(output[key])?.slice(0, 80)}, want ${JSON.stringify(want).slice(0, 80)}`,
      );
    }
  }
  return wrong;
}
