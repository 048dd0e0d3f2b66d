/**
 * The one error type users see. Its message says what went wrong and where (file, field path,
 * option, line) and how to fix it; the CLI prints it on one line and exits with code 2.
 */
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
