import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { InputError } from "../errors.ts";

/**
 * Writes files all-or-nothing: each goes to a temporary name first and is renamed into place only
 * when every one of them has been written, so a failure never leaves a half-written output.
 */
export function writeOutputs(files: { path: string; text: string }[]): void {
  const temporary: string[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const tmp = `${file.path}.tmp-${process.pid}`;
      temporary.push(tmp);
      writeFileSync(tmp, file.text);
    }
    files.forEach((file, i) => {
      renameSync(temporary[i], file.path);
    });
  } catch (error) {
    for (const tmp of temporary) rmSync(tmp, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot write output: ${reason}`);
  }
}

/** A CSV document from a header and rows; fields with commas or quotes are quoted. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const field = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\n") + "\n";
}

export function inDir(dir: string, name: string): string {
  return join(dir, name);
}
