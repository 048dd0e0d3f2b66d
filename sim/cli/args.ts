import { InputError, show } from "../errors.ts";

/** How a command's options are spelled: names to kinds. */
export type OptionSpec = Record<string, "string" | "number" | "integer" | "boolean">;

export type ParsedArgs = {
  options: Record<string, string | number | boolean>;
  positional: string[];
};

/**
 * Parses `--name value`, `--name=value` and `--flag` against a spec. Unknown options and values of
 * the wrong kind are input errors that name the option and the value.
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const options: ParsedArgs["options"] = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const kind = spec[name];
    if (!kind) {
      const known = Object.keys(spec)
        .map((k) => `--${k}`)
        .join(", ");
      throw new InputError(`unknown option --${name}; known options: ${known || "none"}`);
    }
    if (kind === "boolean") {
      if (eq >= 0)
        throw new InputError(`option --${name} takes no value, got ${show(arg.slice(eq + 1))}`);
      options[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      raw = argv[i + 1];
      i++;
    }
    if (raw === undefined || (eq < 0 && raw.startsWith("--"))) {
      throw new InputError(`option --${name} requires a value`);
    }
    options[name] = kind === "string" ? raw : parseNumberOption(name, raw, kind === "integer");
  }
  return { options, positional };
}

/** Commands that take options only refuse a stray argument, naming it. */
export function refusePositional(positional: readonly string[]): void {
  if (positional.length > 0)
    throw new InputError(`unexpected argument ${JSON.stringify(positional[0])}; see --help`);
}

function parseNumberOption(name: string, raw: string, integer: boolean): number {
  const value = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(value))
    throw new InputError(`option --${name} must be a number, got ${show(raw)}`);
  if (integer && !Number.isInteger(value)) {
    throw new InputError(`option --${name} must be a whole number, got ${show(raw)}`);
  }
  return value;
}
