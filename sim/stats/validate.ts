import { InputError, show } from "../errors.ts";

// Input checks shared by the statistics. Messages follow the project grammar:
// `<what> requires <condition>, got <value>`.

/** A finite number, or an InputError naming the input. */
export function requireFinite(what: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InputError(`${what} requires ${name} to be a finite number, got ${show(value)}`);
  }
  return value;
}

/** A number in (0, 1), the open interval (significance levels, power, rates to test). */
export function requireOpenUnit(what: string, name: string, value: unknown): number {
  const x = requireFinite(what, name, value);
  if (x <= 0 || x >= 1) throw new InputError(`${what} requires ${name} in (0, 1), got ${show(x)}`);
  return x;
}

/** A strictly positive finite number. */
export function requirePositive(what: string, name: string, value: unknown): number {
  const x = requireFinite(what, name, value);
  if (x <= 0) throw new InputError(`${what} requires ${name} > 0, got ${show(x)}`);
  return x;
}

/** A whole number of at least `min`. */
export function requireCount(what: string, name: string, value: unknown, min = 0): number {
  const x = requireFinite(what, name, value);
  if (!Number.isInteger(x) || x < min) {
    throw new InputError(`${what} requires ${name} to be a whole number >= ${min}, got ${show(x)}`);
  }
  return x;
}

/** A sample of at least `min` finite values. */
export function requireSample(
  what: string,
  name: string,
  values: ArrayLike<number> | undefined,
  min = 1,
): void {
  if (values === undefined || values === null || typeof values.length !== "number") {
    throw new InputError(`${what} requires ${name} to be an array of numbers, got ${show(values)}`);
  }
  if (values.length < min) {
    const noun = min === 1 ? "value" : "values";
    throw new InputError(
      `${what} requires at least ${min} ${noun} in ${name}, got ${values.length}`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InputError(`${what} requires finite numbers in ${name}, got ${show(v)} at [${i}]`);
    }
  }
}
