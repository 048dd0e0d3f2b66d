import { BUILTIN_STRATEGIES } from "../../strategies/index.ts";
import { InputError } from "../errors.ts";
import { BUILTIN_SCENARIOS, DEFAULT_SCENARIO_ID } from "../scenario/builtin.ts";
import { parseArgs } from "./args.ts";
import type { Command } from "./io.ts";

export const listCommand: Command = {
  summary: "list the built-in scenarios and strategies",
  async run(argv, io) {
    const { options, positional } = parseArgs(argv, { json: "boolean", help: "boolean" });
    if (options.help) {
      io.stdout("usage: retention-lab list [--json]\n");
      return 0;
    }
    if (positional.length > 0)
      throw new InputError(`unexpected argument ${JSON.stringify(positional[0])}`);
    const scenarios = BUILTIN_SCENARIOS.map((s) => ({
      id: s.id,
      name: s.name,
      nameZh: s.nameZh,
      description: s.description,
      descriptionZh: s.descriptionZh,
      default: s.id === DEFAULT_SCENARIO_ID,
      members: s.members,
      horizonDays: s.horizonDays,
    }));
    const strategies = BUILTIN_STRATEGIES.map((s) => ({
      id: s.id,
      name: s.name,
      nameZh: s.nameZh,
      description: s.description,
      descriptionZh: s.descriptionZh,
      source: s.source,
      helps: s.helps,
      risks: s.risks,
      rules: s.rules.length,
    }));
    if (options.json) {
      io.stdout(`${JSON.stringify({ scenarios, strategies }, null, 1)}\n`);
      return 0;
    }
    const lines = ["Scenarios:"];
    for (const s of scenarios)
      lines.push(`  ${s.id.padEnd(20)} ${s.name}${s.default ? " (default)" : ""}`);
    lines.push("", "Strategies:");
    for (const s of strategies) lines.push(`  ${s.id.padEnd(20)} ${s.name}`);
    io.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
