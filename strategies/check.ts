/**
 * Validation helpers shared by playbooks and scenarios: each check names the file and the field
 * path and shows the offending value, e.g.
 * `strategies/x.json: rules[2].delayDays must be ≥ 0, got -1`.
 *
 * Lives here because `strategies/` may import nothing else of ours; `sim/` re-exports it.
 */

/** The one error type users see; the CLI prints its message on one line and exits with code 2. */
export class InputError extends Error {
  override name = "InputError";
}

/** Shows a value in an error message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (value === undefined) return "nothing";
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

/** Where a value sits: the document (file name or built-in id) and the path inside it. */
export class Where {
  constructor(
    readonly source: string,
    readonly path = "",
  ) {}

  key(name: string): Where {
    return new Where(this.source, this.path ? `${this.path}.${name}` : name);
  }

  index(i: number): Where {
    return new Where(this.source, `${this.path}[${i}]`);
  }

  fail(requirement: string, value: unknown): never {
    const field = this.path || "document";
    throw new InputError(`${this.source}: ${field} ${requirement}, got ${show(value)}`);
  }
}

export type NumberRule = { min?: number; max?: number; integer?: boolean; above?: number };

/** A finite number within bounds; `fallback` is used when the field is absent. */
export function numberAt(
  where: Where,
  value: unknown,
  rule: NumberRule,
  fallback?: number,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value))
    where.fail("must be a finite number", value);
  if (rule.integer && !Number.isInteger(value)) where.fail("must be a whole number", value);
  if (rule.above !== undefined && !(value > rule.above))
    where.fail(`must be > ${rule.above}`, value);
  if (rule.min !== undefined && value < rule.min) where.fail(`must be ≥ ${rule.min}`, value);
  if (rule.max !== undefined && value > rule.max) where.fail(`must be ≤ ${rule.max}`, value);
  return value;
}

export function stringAt(where: Where, value: unknown, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "string" || value.trim() === "")
    where.fail("must be a non-empty string", value);
  return value;
}

export function booleanAt(where: Where, value: unknown, fallback?: boolean): boolean {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "boolean") where.fail("must be true or false", value);
  return value;
}

/** One of a fixed set of words (Plot's `keyword`). */
export function keywordAt<T extends string>(
  where: Where,
  value: unknown,
  allowed: readonly T[],
  fallback?: T,
): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    where.fail(`must be one of ${allowed.join(", ")}`, value);
  }
  return value as T;
}

export function objectAt(where: Where, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    where.fail("must be an object", value);
  }
  return value as Record<string, unknown>;
}

export function arrayAt(where: Where, value: unknown): unknown[] {
  if (!Array.isArray(value)) where.fail("must be an array", value);
  return value;
}

/** Refuses keys a document does not know, so a typo never silently falls back to a default. */
export function onlyKeys(where: Where, value: Record<string, unknown>, known: readonly string[]) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      where.key(key).fail(`is not a known field (known: ${known.join(", ")})`, value[key]);
    }
  }
}

/** Parses JSON text, naming the file and the position on failure. */
export function parseJson(source: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`${source}: malformed JSON (${detail})`);
  }
}
