import { InputError, show } from "../errors.ts";

/** A case's input object, read field by field with errors that name the field. */
export type CaseInput = Record<string, unknown>;

export function asObject(value: unknown, path: string): CaseInput {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(`invalid ${path}: ${show(value)} (expected an object)`);
  }
  return value as CaseInput;
}

export function numberField(input: CaseInput, name: string, fallback?: number): number {
  const value = input[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InputError(`invalid input.${name}: ${show(value)} (expected a number)`);
  }
  return value;
}

export function numbersField(input: CaseInput, name: string): number[] {
  const value = input[name];
  if (!Array.isArray(value))
    throw new InputError(`invalid input.${name}: ${show(value)} (expected an array of numbers)`);
  value.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InputError(`invalid input.${name}[${i}]: ${show(v)} (expected a number)`);
    }
  });
  return value;
}

export function stringField(input: CaseInput, name: string): string {
  const value = input[name];
  if (typeof value !== "string")
    throw new InputError(`invalid input.${name}: ${show(value)} (expected a string)`);
  return value;
}

export function objectsField(input: CaseInput, name: string): CaseInput[] {
  const value = input[name];
  if (!Array.isArray(value))
    throw new InputError(`invalid input.${name}: ${show(value)} (expected an array of objects)`);
  return value.map((v, i) => asObject(v, `input.${name}[${i}]`));
}
